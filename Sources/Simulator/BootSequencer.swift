import AgentProtocol
import Foundation
import HostAgent
import Logging

/// Runs what a simulated server boots into, on every boot (`SimulatedServer.onBoot`): over PXE
/// it fetches the iPXE script for its PXE NIC's MAC and starts the agent; from a virtual CD it
/// reads `foundry/agent.json` off the inserted ISO and starts the agent; from disk it looks for
/// the installed image's config drive and brings the OS up. PXE or CD finding nothing falls
/// through to the disk.
///
/// The agent is the real `HostAgent`, in process, against the server's rendered hardware tree
/// (`/proc`, `/sys`, sparse disk files). Powering the server off or rebooting it cancels whatever
/// runs, as a real host's RAM is gone; the next boot waits until the cancelled run has stopped.
public actor BootSequencer {
    public nonisolated let server: SimulatedServer
    public nonisolated let environment: BootEnvironment

    /// Downloads the firmware makes are small: a script, an agent ISO.
    public static let scriptLimit = 64 << 10
    public static let isoLimit = 64 << 20

    private var tree: HardwareTree?
    private var current: Task<Void, Never>?
    /// The running agent's console, silenced the moment its power goes.
    private var agentConsole: AgentConsole?
    private var started = 0
    private var finished = 0
    private var observers: [UUID] = []

    public init(server: SimulatedServer, environment: BootEnvironment) {
        self.server = server
        self.environment = environment
    }

    /// Starts acting on the server's boots and power-offs.
    public func attach() async {
        guard self.observers.isEmpty else {
            return
        }
        let onBoot = await self.server.onBoot { [weak self] event in
            await self?.booted(event)
        }
        let onOff = await self.server.onPowerOff { [weak self] in
            await self?.poweredOff()
        }
        self.observers = [onBoot, onOff]
    }

    /// Stops acting on boots and stops whatever runs; returns once it has stopped.
    public func detach() async {
        for id in self.observers {
            await self.server.removeBootObserver(id)
        }
        self.observers = []
        self.current?.cancel()
        await self.current?.value
    }

    /// Waits until no boot's work runs: the agent stopped (cancelled, failed, or told to power off;
    /// one told to reboot is followed into the next boot), the OS up, or nothing found to boot.
    /// An agent that keeps heartbeating keeps this waiting.
    public func waitUntilSettled() async {
        while let task = self.current {
            await task.value
            if self.current == task {
                return
            }
        }
    }

    /// Whether a boot's work runs now and has not been told to stop (fetching, or the agent).
    public var isBusy: Bool {
        self.finished < self.started && self.current?.isCancelled == false
    }

    // MARK: events

    private func booted(_ event: BootEvent) {
        let previous = self.current
        previous?.cancel()
        self.agentConsole?.silence()
        self.started += 1
        let number = self.started
        self.current = Task {
            // Two boots never overlap: the previous run stops first (it was cancelled above).
            await previous?.value
            if !Task.isCancelled {
                await self.run(event)
            }
            self.finished = max(self.finished, number)
        }
    }

    private func poweredOff() {
        self.current?.cancel()
        self.agentConsole?.silence()
    }

    // MARK: boot

    private func run(_ event: BootEvent) async {
        let console = self.server.console
        let tree: HardwareTree
        do {
            tree = try self.renderedTree()
        } catch {
            console.append("[ firmware ] cannot assemble the hardware: \(error)")
            return
        }
        for step in BootPlan.steps(for: event.device) {
            guard !Task.isCancelled else {
                return
            }
            switch step {
            case .network:
                if let launch = await self.networkBoot(tree) {
                    await self.runAgent(launch, via: .pxe, event: event, tree: tree)
                    return
                }
            case .virtualMedia:
                if let launch = await self.virtualMediaBoot() {
                    await self.runAgent(launch, via: .cdrom, event: event, tree: tree)
                    return
                }
            case .disk:
                await self.diskBoot(tree, event: event)
                return
            case .setup:
                console.append("[ firmware ] entering setup; nothing boots")
                return
            }
        }
    }

    /// The tree is rendered once per process; its disk files survive restarts with a state directory.
    private func renderedTree() throws -> HardwareTree {
        if let tree = self.tree {
            return tree
        }
        let tree = try self.environment.hardwareTree(of: self.server.config)
        try tree.render()
        self.tree = tree
        return tree
    }

    private func networkBoot(_ tree: HardwareTree) async -> AgentLaunch? {
        let console = self.server.console
        guard let nic = BootPlan.pxeNIC(of: tree.profile, server: self.server.config) else {
            console.append("[ pxe ] no NIC is set to PXE-boot")
            return nil
        }
        guard let bootServer = self.environment.bootServer else {
            console.append("[ pxe ] \(nic.name) \(nic.mac): no DHCP offer (no boot server); trying the next device")
            return nil
        }
        let url = BootArtifacts.ipxeURL(bootServer: bootServer, mac: nic.mac)
        console.append("[ pxe ] \(nic.name) \(nic.mac): GET \(url)")
        let script: IPXEScript
        do {
            let bytes = try await self.environment.fetcher.get(url, limit: Self.scriptLimit)
            script = try IPXEScript(parsing: String(decoding: bytes, as: UTF8.self))
        } catch let error as BootFetchError where error.isNotFound {
            console.append("[ pxe ] no boot script for \(nic.mac) (HTTP 404); trying the next device")
            return nil
        } catch {
            console.append("[ pxe ] \(error); trying the next device")
            return nil
        }
        console.append("[ pxe ] booting \(script.bootServer)\(BootArtifacts.kernelPath)")
        return BootPlan.launch(from: script)
    }

    private func virtualMediaBoot() async -> AgentLaunch? {
        let console = self.server.console
        guard let slot = BootPlan.bootableMedia(await self.server.virtualMedia), let image = slot.image else {
            console.append("[ cdrom ] no virtual media inserted; trying the next device")
            return nil
        }
        // The image URL is a capability (the ISO holds the host's token): print its server only.
        console.append("[ cdrom ] \(slot.id): reading the ISO from \(BootFetchError.server(of: image))")
        do {
            let bytes = try await self.environment.fetcher.get(image, limit: Self.isoLimit)
            let reader = try ISO9660Reader(bytes: bytes)
            guard reader.volumeIdentifier == BootArtifacts.isoVolumeLabel else {
                console.append(
                    "[ cdrom ] volume \"\(reader.volumeIdentifier)\" is not the agent's "
                        + "(\(BootArtifacts.isoVolumeLabel)); trying the next device")
                return nil
            }
            let config = try AgentBootConfig.decode(
                Data(try reader.file(at: BootArtifacts.agentConfigPath, limit: 1 << 20)))
            console.append("[ cdrom ] booting the agent from volume \(reader.volumeIdentifier)")
            return BootPlan.launch(from: config)
        } catch {
            console.append("[ cdrom ] \(error); trying the next device")
            return nil
        }
    }

    private func diskBoot(_ tree: HardwareTree, event: BootEvent) async {
        let console = self.server.console
        switch DiskBootProbe.probe(tree) {
        case .installed(let system):
            guard
                await self.server.setRunningSystem(
                    .installedOS(hostname: system.hostname, disk: system.disk), boot: event.bootNumber)
            else {
                return
            }
            console.append("[ disk ] \(system.disk): config drive on partition \(system.partition)")
            if let bytes = system.userDataBytes {
                console.append("[ cloud-init ] user data: \(bytes) bytes")
            }
            console.append("[ disk ] booted from disk: \(system.hostname) is up")
        case .nothingToBoot(let reasons):
            for reason in reasons {
                console.append("[ disk ] \(reason)")
            }
            console.append("[ firmware ] no bootable device")
        }
    }

    private func runAgent(_ launch: AgentLaunch, via device: SimBootDevice, event: BootEvent, tree: HardwareTree) async
    {
        guard await self.server.setRunningSystem(.agent(via: device), boot: event.bootNumber) else {
            return
        }
        let workDirectory = self.environment.workDirectory(of: self.server.config)
        try? FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        let agentConsole = AgentConsole(server: self.server)
        self.agentConsole = agentConsole
        guard !Task.isCancelled else {
            return
        }
        var configuration = AgentConfiguration(
            operatorURL: launch.operatorURL, bootToken: launch.token, root: HostRoot(tree.root.path),
            power: SimulatedServerPower(server: self.server), workDirectory: workDirectory.path,
            logger: Logger(label: "foundry.sim.agent") { _ in ConsoleLogHandler(console: agentConsole) })
        configuration.events = { event in await agentConsole.show(event) }
        self.environment.tuneAgent(&configuration)
        agentConsole.append("foundry agent \(HostAgent.version) started; operator \(launch.operatorURL)")
        do {
            _ = try await HostAgent.run(configuration)
        } catch {
            // A cancelled agent lost its power; anything else is the agent giving up.
            guard !Task.isCancelled else {
                return
            }
            agentConsole.append("stopped: \(error)")
            await self.server.setRunningSystem(.firmware, boot: event.bootNumber)
        }
    }
}
