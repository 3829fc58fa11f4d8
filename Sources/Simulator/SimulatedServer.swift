import Foundation

/// One simulated server: the state its IPMI and Redfish endpoints share (power, boot override,
/// virtual media, console) and the counters tests check.
///
/// Power transitions take `powerDelay` (zero in tests) and are applied lazily when state is read,
/// as sushy-tools' fake driver does, so no timer runs per server.
public actor SimulatedServer {
    public nonisolated let config: ServerConfig
    public nonisolated let console: ConsoleLog

    public var powerDelay: Duration
    public var faults: FaultSettings
    public private(set) var stats = ServerStats()

    private var poweredOn: Bool
    private var pendingPower: (on: Bool, at: ContinuousClock.Instant)?
    private var override: SimBootOverride?
    private var media: [String: VirtualMediaSlot]
    private var bootObservers: [UUID: @Sendable (BootEvent) async -> Void] = [:]
    private var powerOffObservers: [UUID: @Sendable () async -> Void] = [:]
    private var diskWriteObservers: [UUID: @Sendable (Int) async -> Void] = [:]
    /// What runs on the server now: set by its boot sequencer, `.off` whenever power goes.
    public private(set) var runningSystem = RunningSystem.off

    public init(config: ServerConfig, powerDelay: Duration = .zero) {
        self.config = config
        self.console = ConsoleLog()
        self.powerDelay = powerDelay
        self.faults = config.faults ?? FaultSettings()
        self.poweredOn = config.initiallyPoweredOn ?? false
        self.media = Dictionary(uniqueKeysWithValues: config.virtualMediaSlots.map { ($0.id, $0) })
    }

    // MARK: power

    public var isPoweredOn: Bool {
        self.settlePower()
        return self.poweredOn
    }

    /// Where a delayed power transition is heading while it runs (Redfish shows PoweringOn/Off).
    public var pendingPowerTarget: Bool? {
        self.settlePower()
        return self.pendingPower?.on
    }

    /// Requests a power state; a request for the state the server is already in changes nothing.
    public func setPower(on: Bool) async {
        self.settlePower()
        guard self.poweredOn != on || self.pendingPower != nil else {
            return
        }
        if self.powerDelay == .zero {
            await self.applyPower(on: on)
        } else {
            self.pendingPower = (on, ContinuousClock.now.advanced(by: self.powerDelay))
        }
    }

    /// Off then on: a new boot, whatever the state was.
    public func powerCycle() async {
        self.settlePower()
        self.pendingPower = nil
        if self.poweredOn {
            await self.applyPower(on: false)
        }
        await self.applyPower(on: true)
    }

    /// A reset reboots a running server and powers on one that is off.
    public func reset() async {
        await self.powerCycle()
    }

    /// A soft (ACPI) shutdown: the simulated OS obeys at once.
    public func softOff() async {
        await self.setPower(on: false)
    }

    private func settlePower() {
        guard let pending = self.pendingPower, ContinuousClock.now >= pending.at else {
            return
        }
        self.pendingPower = nil
        self.poweredOn = pending.on
        self.stats.powerTransitions += 1
        if pending.on {
            let event = self.boot()
            let observers = Array(self.bootObservers.values)
            Task { for observer in observers { await observer(event) } }
        } else {
            self.runningSystem = .off
            let observers = Array(self.powerOffObservers.values)
            Task { for observer in observers { await observer() } }
        }
    }

    private func applyPower(on: Bool) async {
        self.poweredOn = on
        self.stats.powerTransitions += 1
        if on {
            let event = self.boot()
            for observer in self.bootObservers.values {
                await observer(event)
            }
        } else {
            self.runningSystem = .off
            self.console.append("[ power off ]")
            for observer in self.powerOffObservers.values {
                await observer()
            }
        }
    }

    // MARK: boot

    /// The override set by IPMI `Set System Boot Options` or Redfish `Boot`; nil when none.
    public var bootOverride: SimBootOverride? {
        self.override
    }

    public func setBootOverride(_ override: SimBootOverride?) {
        self.override = override
    }

    /// Decides where this boot goes and consumes a one-time override.
    private func boot() -> BootEvent {
        self.stats.boots += 1
        self.runningSystem = .firmware
        let device: SimBootDevice
        let mode: SimBootMode
        if let override = self.override, override.device != .none {
            device = override.device
            mode = override.mode
            if !override.persistent {
                self.override = nil
            }
        } else {
            device = .disk
            mode = self.config.defaultBootMode
        }
        self.console.append("[ power on ] \(self.config.name): booting from \(device.rawValue) (\(mode.rawValue))")
        return BootEvent(server: self.config.name, device: device, mode: mode, bootNumber: self.stats.boots)
    }

    /// Registers a callback run on every boot (power on, cycle, reset); returns a token to remove it.
    @discardableResult
    public func onBoot(_ observer: @escaping @Sendable (BootEvent) async -> Void) -> UUID {
        let id = UUID()
        self.bootObservers[id] = observer
        return id
    }

    public func removeBootObserver(_ id: UUID) {
        self.bootObservers[id] = nil
        self.powerOffObservers[id] = nil
        self.diskWriteObservers[id] = nil
    }

    /// Registers a callback run whenever power goes off (not for a pending transition until it
    /// applies); `removeBootObserver` removes it.
    @discardableResult
    public func onPowerOff(_ observer: @escaping @Sendable () async -> Void) -> UUID {
        let id = UUID()
        self.powerOffObservers[id] = observer
        return id
    }

    /// Records what boot `boot` brought up, and counts agent and disk boots; ignored (false) once
    /// the server has powered off or booted again since: a late report from a boot whose RAM is gone.
    @discardableResult
    public func setRunningSystem(_ system: RunningSystem, boot: Int) -> Bool {
        self.settlePower()
        guard boot == self.stats.boots, self.poweredOn else {
            return false
        }
        if system != self.runningSystem {
            switch system {
            case .agent: self.stats.agentBoots += 1
            case .installedOS: self.stats.diskBoots += 1
            case .off, .firmware: break
            }
        }
        self.runningSystem = system
        return true
    }

    // MARK: virtual media

    public var virtualMedia: [VirtualMediaSlot] {
        self.media.values.sorted { $0.id < $1.id }
    }

    public func insertMedia(slot: String, image: String) throws(SimulatorError) {
        guard var current = self.media[slot] else {
            throw SimulatorError.noSuchMediaSlot(slot)
        }
        current.image = image
        current.inserted = true
        self.media[slot] = current
    }

    public func ejectMedia(slot: String) throws(SimulatorError) {
        guard var current = self.media[slot] else {
            throw SimulatorError.noSuchMediaSlot(slot)
        }
        current.image = nil
        current.inserted = false
        self.media[slot] = current
    }

    // MARK: faults and counters

    public func setFaults(_ faults: FaultSettings) {
        self.faults = faults
    }

    /// Takes one from a counted fault (`serviceUnavailableCount`, `dropConnectionCount`); true when
    /// this request is one of those it hits.
    public func consumeFault(_ counter: WritableKeyPath<FaultSettings, Int> & Sendable) -> Bool {
        guard self.faults[keyPath: counter] > 0 else {
            return false
        }
        self.faults[keyPath: counter] -= 1
        return true
    }

    public func setPowerDelay(_ delay: Duration) {
        self.powerDelay = delay
    }

    public func recordBMCRequest(_ channel: BMCChannel) {
        switch channel {
        case .ipmi: self.stats.ipmiRequests += 1
        case .redfish: self.stats.redfishRequests += 1
        }
    }

    public func recordDiskWrite() async {
        self.stats.diskWrites += 1
        for observer in self.diskWriteObservers.values {
            await observer(self.stats.diskWrites)
        }
    }

    /// Registers a callback run as each image write starts, with the count so far;
    /// `removeBootObserver` removes it.
    @discardableResult
    public func onDiskWrite(_ observer: @escaping @Sendable (Int) async -> Void) -> UUID {
        let id = UUID()
        self.diskWriteObservers[id] = observer
        return id
    }
}

public enum BMCChannel: String, Sendable {
    case ipmi
    case redfish
}

public struct ServerStats: Sendable, Hashable {
    public var powerTransitions = 0
    public var boots = 0
    public var ipmiRequests = 0
    public var redfishRequests = 0
    /// Image writes to this server's disks (the operator must never rewrite a provisioned host).
    public var diskWrites = 0
    /// Boots that started the agent (over PXE or from virtual media).
    public var agentBoots = 0
    /// Boots that brought up the installed OS from disk.
    public var diskBoots = 0

    public init() {}
}

public enum SimBootDevice: String, Codable, Sendable, Hashable, CaseIterable {
    case none
    case pxe
    case disk
    case cdrom
    case biosSetup = "bios"
}

public enum SimBootMode: String, Codable, Sendable, Hashable, CaseIterable {
    case uefi = "UEFI"
    case legacy = "Legacy"
}

public struct SimBootOverride: Sendable, Hashable {
    public var device: SimBootDevice
    public var persistent: Bool
    public var mode: SimBootMode

    public init(device: SimBootDevice, persistent: Bool = false, mode: SimBootMode = .uefi) {
        self.device = device
        self.persistent = persistent
        self.mode = mode
    }
}

public struct VirtualMediaSlot: Codable, Sendable, Hashable {
    public var id: String
    /// Redfish MediaTypes, e.g. `CD`, `DVD`, `USBStick`, `RemovableDisk`.
    public var mediaTypes: [String]
    public var image: String?
    public var inserted: Bool
    public var writeProtected: Bool

    public init(
        id: String, mediaTypes: [String], image: String? = nil, inserted: Bool = false, writeProtected: Bool = true
    ) {
        self.id = id
        self.mediaTypes = mediaTypes
        self.image = image
        self.inserted = inserted
        self.writeProtected = writeProtected
    }
}

/// A boot the server just made: where it went decides what runs (agent over PXE or CD, OS from disk).
public struct BootEvent: Sendable, Hashable {
    public var server: String
    public var device: SimBootDevice
    public var mode: SimBootMode
    public var bootNumber: Int
}

/// Per-server fault injection, settable at start (fleet file) or at run time (tests).
public struct FaultSettings: Codable, Sendable, Hashable {
    /// Percentage (0-100) of incoming datagrams/requests silently dropped.
    public var dropPercent: Double
    /// Extra delay before each reply, in milliseconds.
    public var replyDelayMilliseconds: Int
    /// The BMC answers nothing at all.
    public var silent: Bool
    /// IPMI: send replies with a wrong integrity code.
    public var corruptIntegrity: Bool
    /// IPMI cipher suites the BMC refuses.
    public var refusedCipherSuites: [Int]
    /// Redfish: answer 503 with Retry-After to this many requests, then recover.
    public var serviceUnavailableCount: Int
    /// Redfish: close the connection without answering this many requests, then recover.
    public var dropConnectionCount: Int
    /// Accept no password (as if the BMC's credentials had been changed).
    public var rejectAllCredentials: Bool

    public init(
        dropPercent: Double = 0,
        replyDelayMilliseconds: Int = 0,
        silent: Bool = false,
        corruptIntegrity: Bool = false,
        refusedCipherSuites: [Int] = [],
        serviceUnavailableCount: Int = 0,
        dropConnectionCount: Int = 0,
        rejectAllCredentials: Bool = false
    ) {
        self.dropPercent = dropPercent
        self.replyDelayMilliseconds = replyDelayMilliseconds
        self.silent = silent
        self.corruptIntegrity = corruptIntegrity
        self.refusedCipherSuites = refusedCipherSuites
        self.serviceUnavailableCount = serviceUnavailableCount
        self.dropConnectionCount = dropConnectionCount
        self.rejectAllCredentials = rejectAllCredentials
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            dropPercent: try c.decodeIfPresent(Double.self, forKey: .dropPercent) ?? 0,
            replyDelayMilliseconds: try c.decodeIfPresent(Int.self, forKey: .replyDelayMilliseconds) ?? 0,
            silent: try c.decodeIfPresent(Bool.self, forKey: .silent) ?? false,
            corruptIntegrity: try c.decodeIfPresent(Bool.self, forKey: .corruptIntegrity) ?? false,
            refusedCipherSuites: try c.decodeIfPresent([Int].self, forKey: .refusedCipherSuites) ?? [],
            serviceUnavailableCount: try c.decodeIfPresent(Int.self, forKey: .serviceUnavailableCount) ?? 0,
            dropConnectionCount: try c.decodeIfPresent(Int.self, forKey: .dropConnectionCount) ?? 0,
            rejectAllCredentials: try c.decodeIfPresent(Bool.self, forKey: .rejectAllCredentials) ?? false
        )
    }
}

public enum SimulatorError: Error, Sendable, Hashable, CustomStringConvertible {
    case noSuchMediaSlot(String)
    case invalidFleet(String)
    case missingProfile(kind: String, name: String, searched: String)

    public var description: String {
        switch self {
        case .noSuchMediaSlot(let slot): "no virtual media slot \"\(slot)\""
        case .invalidFleet(let reason): "invalid fleet: \(reason)"
        case .missingProfile(let kind, let name, let searched):
            "no \(kind) profile \"\(name)\" (looked in \(searched))"
        }
    }
}
