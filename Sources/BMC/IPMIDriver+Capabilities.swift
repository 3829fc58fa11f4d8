import IPMIWire

extension IPMIDriver {
    public func powerState() async throws(BMCError) -> PowerState {
        let data = try await self.call(.getChassisStatus)
        let status: GetChassisStatus.Response
        do {
            status = try GetChassisStatus.Response.decode(bytes: data)
        } catch {
            throw BMCError(.protocolError, "\(self.address.hostAndPort): Get Chassis Status: \(error)")
        }
        return status.powerOn ? .on : .off
    }

    public func setPower(_ action: PowerAction) async throws(BMCError) {
        let control: ChassisControl.Action
        switch action {
        case .on: control = .powerUp
        case .off: control = .powerDown
        case .cycle: control = .powerCycle
        case .reset: control = .hardReset
        case .softOff: control = .softShutdown
        }
        _ = try await self.call(.chassisControl, data: ChassisControl.Request(action: control).encodedBytes)
    }

    /// Sets the boot device the way ipmitool does: set-in-progress, clear the BIOS acknowledgement,
    /// write the boot flags, commit, set-complete. Only the boot flags write must succeed.
    public func setBootDevice(_ override: BootOverride) async throws(BMCError) {
        let device: BootFlags.Device
        switch override.device {
        case .pxe: device = .pxe
        case .disk: device = .disk
        case .cdrom: device = .cdrom
        case .biosSetup: device = .biosSetup
        }
        let flags = BootFlags(valid: true, persistent: override.persistent, efi: override.mode == .uefi, device: device)
        let inProgress = try? await self.send(.setSystemBootOptions, data: Self.setInProgress(0x01))
        _ = try? await self.send(
            .setSystemBootOptions,
            data: SystemBootOptions.SetRequest(
                parameter: SystemBootOptions.Parameter.bootInfoAcknowledge.rawValue, data: [0x01, 0x01]
            ).encodedBytes)
        _ = try await self.call(.setSystemBootOptions, data: SystemBootOptions.SetRequest.bootFlags(flags).encodedBytes)
        if inProgress?.completionCode == .success {
            _ = try? await self.send(.setSystemBootOptions, data: Self.setInProgress(0x02))
            _ = try? await self.send(.setSystemBootOptions, data: Self.setInProgress(0x00))
        }
    }

    public func bootDevice() async throws(BMCError) -> BootOverride? {
        let data = try await self.call(
            .getSystemBootOptions,
            data: SystemBootOptions.GetRequest(parameter: SystemBootOptions.Parameter.bootFlags.rawValue).encodedBytes)
        let flags: BootFlags
        do {
            let response = try SystemBootOptions.GetResponse.decode(bytes: data)
            flags = try BootFlags.decode(bytes: response.data)
        } catch {
            throw BMCError(.protocolError, "\(self.address.hostAndPort): Get System Boot Options: \(error)")
        }
        guard flags.valid else {
            return nil
        }
        let mode: FirmwareBootMode = flags.efi ? .uefi : .legacy
        switch flags.device {
        case .noOverride: return nil
        case .pxe: return BootOverride(device: .pxe, persistent: flags.persistent, mode: mode)
        case .disk, .diskSafeMode, .remoteDisk:
            return BootOverride(device: .disk, persistent: flags.persistent, mode: mode)
        case .cdrom, .remoteCDROM, .remoteMedia:
            return BootOverride(device: .cdrom, persistent: flags.persistent, mode: mode)
        case .biosSetup: return BootOverride(device: .biosSetup, persistent: flags.persistent, mode: mode)
        case .diagnosticPartition, .remoteFloppy, .floppy:
            throw BMCError(
                .unsupported, "\(self.address.hostAndPort): boot device \(flags.device) has no Foundry equivalent")
        }
    }

    public func info() async throws(BMCError) -> BMCInfo {
        let data = try await self.call(.getDeviceID)
        let device: GetDeviceID.Response
        do {
            device = try GetDeviceID.Response.decode(bytes: data)
        } catch {
            throw BMCError(.protocolError, "\(self.address.hostAndPort): Get Device ID: \(error)")
        }
        var extra = [
            "ipmiVersion": "\(device.ipmiVersion & 0x0F).\(device.ipmiVersion >> 4)",
            "manufacturerID": String(device.manufacturerID),
            "productID": String(device.productID),
            "deviceID": String(device.deviceID),
        ]
        if let suite = await self.cipherSuite {
            extra["cipherSuite"] = String(suite.id)
        }
        return BMCInfo(
            manufacturer: IANAEnterprise.name(of: device.manufacturerID), model: "product \(device.productID)",
            firmwareVersion: device.firmwareRevision, extra: extra)
    }

    private static func setInProgress(_ value: UInt8) -> [UInt8] {
        SystemBootOptions.SetRequest(parameter: SystemBootOptions.Parameter.setInProgress.rawValue, data: [value])
            .encodedBytes
    }
}

/// Names of the IANA enterprise numbers BMCs commonly report.
enum IANAEnterprise {
    static func name(of number: UInt32) -> String {
        let names: [UInt32: String] = [
            0: "unspecified", 11: "Hewlett-Packard", 343: "Intel", 674: "Dell", 2011: "Huawei", 5771: "Cisco",
            7244: "Quanta", 10368: "Fujitsu", 10876: "Supermicro", 15370: "Giga-Byte", 19046: "Lenovo",
            47196: "Hewlett Packard Enterprise",
        ]
        return names[number] ?? "IANA \(number)"
    }
}
