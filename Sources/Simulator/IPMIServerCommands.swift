import IPMIWire

/// The IPMI commands that act on the simulated server itself: identity, power and boot device.
/// Boot option parameters other than the boot flags (set-in-progress, acknowledgements) are kept here.
actor IPMIServerCommands {
    let server: SimulatedServer
    private var bootParameters: [UInt8: [UInt8]] = [
        SystemBootOptions.Parameter.setInProgress.rawValue: [0x00],
        SystemBootOptions.Parameter.bootFlagValidBitClearing.rawValue: [0x00],
        SystemBootOptions.Parameter.bootInfoAcknowledge.rawValue: [0x00, 0x00],
    ]

    init(server: SimulatedServer) {
        self.server = server
    }

    func execute(_ request: IPMIRequest, deviceID: GetDeviceID.Response) async -> (CompletionCode, [UInt8]) {
        await self.server.recordBMCRequest(.ipmi)
        switch request.ipmiCommand {
        case .getDeviceID:
            return (.success, deviceID.encodedBytes)
        case .getChassisStatus:
            let on = await self.server.isPoweredOn
            return (
                .success,
                GetChassisStatus.Response(powerOn: on, lastPowerEvent: 0, miscellaneous: 0, frontPanel: 0).encodedBytes
            )
        case .chassisControl:
            return await self.chassisControl(request.data)
        case .setSystemBootOptions:
            return await self.setBootOption(request.data)
        case .getSystemBootOptions:
            return await self.getBootOption(request.data)
        default:
            return (.invalidCommand, [])
        }
    }

    private func chassisControl(_ data: [UInt8]) async -> (CompletionCode, [UInt8]) {
        guard let request = try? ChassisControl.Request.decode(bytes: data) else {
            return (.invalidDataField, [])
        }
        switch request.action {
        case .powerDown:
            await self.server.setPower(on: false)
        case .powerUp:
            await self.server.setPower(on: true)
        case .powerCycle:
            await self.server.powerCycle()
        case .hardReset:
            await self.server.reset()
        case .softShutdown:
            await self.server.softOff()
        case .diagnosticInterrupt:
            return (.invalidDataField, [])
        }
        return (.success, [])
    }

    private func setBootOption(_ data: [UInt8]) async -> (CompletionCode, [UInt8]) {
        guard let request = try? SystemBootOptions.SetRequest.decode(bytes: data) else {
            return (.requestDataLengthInvalid, [])
        }
        guard let parameter = SystemBootOptions.Parameter(rawValue: request.parameter) else {
            return (.parameterNotSupported, [])
        }
        switch parameter {
        case .setInProgress, .bootFlagValidBitClearing:
            guard request.data.count == 1 else {
                return (.requestDataLengthInvalid, [])
            }
            self.bootParameters[parameter.rawValue] = request.data
        case .bootInfoAcknowledge:
            guard request.data.count == 2 else {
                return (.requestDataLengthInvalid, [])
            }
            // Byte 1 is a write mask for byte 2.
            let current = self.bootParameters[parameter.rawValue]?.last ?? 0
            let updated = (current & ~request.data[0]) | (request.data[1] & request.data[0])
            self.bootParameters[parameter.rawValue] = [0x00, updated]
        case .bootFlags:
            guard let flags = try? BootFlags.decode(bytes: request.data) else {
                return (.invalidDataField, [])
            }
            guard let override = Self.override(from: flags) else {
                return (.invalidDataField, [])
            }
            await self.server.setBootOverride(override)
        case .servicePartitionSelector, .servicePartitionScan, .bootInitiatorInfo, .bootInitiatorMailbox:
            return (.parameterNotSupported, [])
        }
        return (.success, [])
    }

    private func getBootOption(_ data: [UInt8]) async -> (CompletionCode, [UInt8]) {
        guard let request = try? SystemBootOptions.GetRequest.decode(bytes: data) else {
            return (.requestDataLengthInvalid, [])
        }
        let value: [UInt8]
        if request.parameter == SystemBootOptions.Parameter.bootFlags.rawValue {
            let override = await self.server.bootOverride
            value = Self.flags(from: override, defaultMode: self.server.config.defaultBootMode).encodedBytes
        } else if let stored = self.bootParameters[request.parameter] {
            value = stored
        } else {
            return (.parameterNotSupported, [])
        }
        return (.success, SystemBootOptions.GetResponse(parameter: request.parameter, data: value).encodedBytes)
    }

    /// The server's override for boot flags; nil when the flags name a device the simulator cannot boot.
    static func override(from flags: BootFlags) -> SimBootOverride?? {
        let mode: SimBootMode = flags.efi ? .uefi : .legacy
        guard flags.valid else {
            return .some(nil)
        }
        let device: SimBootDevice
        switch flags.device {
        case .noOverride: return .some(nil)
        case .pxe: device = .pxe
        case .disk, .diskSafeMode, .remoteDisk: device = .disk
        case .cdrom, .remoteCDROM, .remoteMedia: device = .cdrom
        case .biosSetup: device = .biosSetup
        case .diagnosticPartition, .remoteFloppy, .floppy: return nil
        }
        return .some(SimBootOverride(device: device, persistent: flags.persistent, mode: mode))
    }

    static func flags(from override: SimBootOverride?, defaultMode: SimBootMode) -> BootFlags {
        guard let override, override.device != .none else {
            return BootFlags(valid: false, efi: defaultMode == .uefi, device: .noOverride)
        }
        let device: BootFlags.Device
        switch override.device {
        case .none: device = .noOverride
        case .pxe: device = .pxe
        case .disk: device = .disk
        case .cdrom: device = .cdrom
        case .biosSetup: device = .biosSetup
        }
        return BootFlags(valid: true, persistent: override.persistent, efi: override.mode == .uefi, device: device)
    }
}
