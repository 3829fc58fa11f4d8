import AgentProtocol
import BMC
import Controllers
import Foundation
import FoundryModel
import FoundryStore

extension HostRuntime {
    struct ActionFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Performs `actions` in order, stopping at the first that fails, and records how they went
    /// for the next decision. The metadata changes among them are one update, made when the
    /// actions before them have run. Throws only the runtime's own failures (the store's).
    func perform(
        _ actions: [HostAction],
        on host: BareMetalHost,
        key: HostKey,
        credentials: Credentials
    ) async throws {
        var metadataChanges: [HostAction] = []
        var performed = 0
        var failure: (HostAction, String)?
        for action in actions {
            if Self.isMetadata(action) {
                metadataChanges.append(action)
                performed += 1
                continue
            }
            do {
                try await self.perform(action, on: host, key: key, credentials: credentials)
                performed += 1
            } catch {
                failure = (action, "\(error)")
                self.logger.warning(
                    "action failed",
                    metadata: ["host.key": "\(key)", "host.action": "\(action)", "error": "\(error)"])
                break
            }
        }
        if !metadataChanges.isEmpty {
            try await self.applyMetadata(metadataChanges, key: key)
        }
        await self.context.memory.record(key, performed: performed, failure: failure)
    }

    static func isMetadata(_ action: HostAction) -> Bool {
        switch action {
        case .addFinalizer, .removeFinalizer, .removeAnnotation: true
        case .powerOn, .powerOff, .reboot, .setBootDevice, .insertAgentISO, .ejectVirtualMedia, .mintAgentToken,
            .revokeAgentToken, .agentCommand:
            false
        }
    }

    private func applyMetadata(_ changes: [HostAction], key: HostKey) async throws {
        do {
            let updated = try await self.context.store.modify(
                BareMetalHost.self, namespace: key.namespace, name: key.name
            ) { host in
                for change in changes {
                    switch change {
                    case .addFinalizer:
                        if !(host.metadata.finalizers ?? []).contains(BareMetalHost.finalizer) {
                            host.metadata.finalizers = (host.metadata.finalizers ?? []) + [BareMetalHost.finalizer]
                        }
                    case .removeFinalizer:
                        host.metadata.finalizers = host.metadata.finalizers?.filter { $0 != BareMetalHost.finalizer }
                    case .removeAnnotation(let annotation):
                        host.metadata.annotations?[annotation] = nil
                    case .powerOn, .powerOff, .reboot, .setBootDevice, .insertAgentISO, .ejectVirtualMedia,
                        .mintAgentToken, .revokeAgentToken, .agentCommand:
                        continue
                    }
                }
            }
            if updated.metadata.deletionTimestamp == nil || !(updated.metadata.finalizers ?? []).isEmpty {
                await self.context.index.update(updated)
            }
        } catch let error as StoreError where error.code == .notFound {
            // Removing the last finalizer of a deleted host lets the store drop it.
            return
        }
    }

    private func perform(
        _ action: HostAction,
        on host: BareMetalHost,
        key: HostKey,
        credentials: Credentials
    ) async throws {
        switch action {
        case .mintAgentToken:
            _ = await self.context.sessions.mint(host: key, bootMAC: Self.bootMAC(of: host))
        case .revokeAgentToken:
            await self.context.sessions.revoke(host: key)
        case .agentCommand(let command):
            let wire = try await self.wireAction(for: command)
            guard await self.context.sessions.issue(command, action: wire, to: key) else {
                throw ActionFailure(description: "the host has no agent session")
            }
        case .powerOn, .powerOff, .reboot, .setBootDevice, .insertAgentISO, .ejectVirtualMedia:
            let connection = try await self.connection(host, key: key, credentials: credentials)
            try await self.performBMC(action, connection: connection, key: key)
        case .addFinalizer, .removeFinalizer, .removeAnnotation:
            break
        }
    }

    /// The MAC the host boots from: spec.bootMACAddress, else the inspected PXE NIC.
    static func bootMAC(of host: BareMetalHost) -> String? {
        if let mac = host.spec.bootMACAddress, !mac.isEmpty {
            return mac
        }
        return host.status?.hardware?.nics?.first(where: { $0.pxe == true })?.mac
    }

    // MARK: BMC

    private func performBMC(_ action: HostAction, connection: BMCConnection, key: HostKey) async throws(BMCError) {
        switch action {
        case .powerOn:
            try await connection.perform("power-on") { driver throws(BMCError) in try await driver.setPower(.on) }
            await connection.notePower(.on)
        case .powerOff(let mode):
            let request: PowerAction = mode == .soft ? .softOff : .off
            try await connection.perform("power-off") { driver throws(BMCError) in try await driver.setPower(request) }
        case .reboot(let mode):
            try await self.reboot(mode, connection: connection)
        case .setBootDevice(let device, let persistent, let mode):
            let override = try Self.bootOverride(device, persistent: persistent, mode: mode)
            try await connection.perform("set-boot-device") { driver throws(BMCError) in
                try await driver.setBootDevice(override)
            }
        case .insertAgentISO:
            guard let isoID = await self.context.sessions.isoID(for: key) else {
                throw BMCError(.commandFailed, "no agent token was minted for the ISO")
            }
            let url = BootArtifacts.isoURL(operatorURL: self.context.operatorURL, isoID: isoID)
            try await connection.perform("insert-media") { driver throws(BMCError) in
                let media = try Self.virtualMedia(driver)
                try await media.ejectMedia()
                try await media.insertMedia(url: url)
            }
        case .ejectVirtualMedia:
            try await connection.perform("eject-media") { driver throws(BMCError) in
                guard let media = driver as? any VirtualMediaControl else {
                    return
                }
                try await media.ejectMedia()
            }
        case .mintAgentToken, .revokeAgentToken, .agentCommand, .addFinalizer, .removeFinalizer, .removeAnnotation:
            break
        }
    }

    private static func virtualMedia(_ driver: any BMCDriver) throws(BMCError) -> any VirtualMediaControl {
        guard let media = driver as? any VirtualMediaControl else {
            throw BMCError(.unsupported, "the \(driver.address.driver.rawValue) driver has no virtual media")
        }
        return media
    }

    /// Boots the host afresh: on when off; when on, a power cycle (hard) or an OS shutdown and
    /// power-on (soft, hard after the soft power-off timeout).
    private func reboot(_ mode: HostAction.PowerOffMode, connection: BMCConnection) async throws(BMCError) {
        let power = try await connection.perform("power-state") { driver throws(BMCError) in
            try await driver.powerState()
        }
        if power == .off {
            try await connection.perform("power-on") { driver throws(BMCError) in try await driver.setPower(.on) }
            return
        }
        switch mode {
        case .hard:
            try await connection.perform("power-cycle") { driver throws(BMCError) in try await driver.setPower(.cycle) }
        case .soft:
            try await connection.perform("power-off") { driver throws(BMCError) in try await driver.setPower(.softOff) }
            let deadline = ContinuousClock.now.advanced(by: self.context.configuration.controller.softPowerOffTimeout)
            var state = BMC.PowerState.on
            while state == .on, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(200))
                state = try await connection.perform("power-state") { driver throws(BMCError) in
                    try await driver.powerState()
                }
            }
            if state == .on {
                try await connection.perform("power-off") { driver throws(BMCError) in try await driver.setPower(.off) }
            }
            try await connection.perform("power-on") { driver throws(BMCError) in try await driver.setPower(.on) }
        }
        await connection.notePower(.on)
    }

    private static func bootOverride(
        _ device: HostAction.BootDevice,
        persistent: Bool,
        mode: BootMode
    ) throws(BMCError) -> BootOverride {
        let firmware: FirmwareBootMode = mode == .legacy ? .legacy : .uefi
        switch device {
        case .pxe: return BootOverride(device: .pxe, persistent: persistent, mode: firmware)
        case .disk: return BootOverride(device: .disk, persistent: persistent, mode: firmware)
        case .cdrom: return BootOverride(device: .cdrom, persistent: persistent, mode: firmware)
        case .uefiHTTP: throw BMCError(.unsupported, "UEFI HTTP boot is not supported by the BMC drivers yet")
        }
    }

    // MARK: agent commands

    private func wireAction(for command: Controllers.AgentCommand) async throws -> AgentProtocol.AgentCommand.Action {
        switch command {
        case .inspect:
            return .inspect
        case .clean(let mode):
            return .clean(CleanCommand(mode: mode))
        case .powerOff:
            return .powerOff
        case .writeImage(let deployment):
            let image = deployment.image
            let operatorURL = self.context.operatorURL
            let url = await self.context.images.agentURL(for: image.url, operatorURL: operatorURL)
            var checksum = image.checksum ?? ""
            if checksum.contains("://") {
                checksum = await self.context.images.agentURL(for: checksum, operatorURL: operatorURL)
            }
            let configDrive = try await self.context.configDrives.contents(for: deployment.configDrive)
            return .writeImage(
                WriteImageCommand(
                    url: url, checksum: checksum, checksumType: image.checksumType, format: image.format,
                    rootDeviceHints: deployment.rootDeviceHints, configDrive: configDrive))
        }
    }
}
