import RedfishModel

/// Translates boot overrides to and from the `Boot` object of a ComputerSystem, respecting what
/// the system allows. Pure.
public enum RedfishBootPlan {
    /// The `Boot` object to PATCH for an override, given the system's current `Boot`.
    public static func patch(
        for override: BootOverride, current: ComputerSystem.Boot?
    ) throws(BMCError)
        -> ComputerSystem.Boot
    {
        let target = try self.target(for: override.device, allowed: current?.bootSourceOverrideTargetAllowableValues)
        let enabled: ComputerSystem.BootSourceOverrideEnabled = override.persistent ? .continuous : .once
        if let allowed = current?.bootSourceOverrideEnabledAllowableValues, !allowed.isEmpty, !allowed.contains(enabled)
        {
            throw BMCError(
                .unsupported,
                "boot override \(enabled.rawValue) is not allowed (the BMC allows \(self.list(allowed)))")
        }
        var boot = ComputerSystem.Boot(target: target, enabled: enabled)
        let mode: ComputerSystem.BootSourceOverrideMode = override.mode == .uefi ? .uefi : .legacy
        let allowedModes = current?.bootSourceOverrideModeAllowableValues ?? []
        // Firmware without BootSourceOverrideMode rejects the property; only send it where it exists.
        if current?.bootSourceOverrideMode != nil || !allowedModes.isEmpty {
            if !allowedModes.isEmpty, !allowedModes.contains(mode) {
                throw BMCError(
                    .unsupported,
                    "boot mode \(mode.rawValue) is not allowed (the BMC allows \(self.list(allowedModes)))")
            }
            boot.bootSourceOverrideMode = mode
        }
        return boot
    }

    static func target(
        for device: BootDevice, allowed: [ComputerSystem.BootSource]?
    ) throws(BMCError)
        -> ComputerSystem.BootSource
    {
        let candidates: [ComputerSystem.BootSource]
        switch device {
        case .pxe: candidates = [.pxe]
        case .disk: candidates = [.hdd]
        // Supermicro presents virtual media as a USB CD and boots it only as UsbCd.
        case .cdrom: candidates = [.cd, ComputerSystem.BootSource(rawValue: "UsbCd")]
        case .biosSetup: candidates = [.biosSetup]
        }
        guard let allowed, !allowed.isEmpty else {
            return candidates[0]
        }
        if device == .cdrom, allowed.contains(ComputerSystem.BootSource(rawValue: "UsbCd")) {
            return ComputerSystem.BootSource(rawValue: "UsbCd")
        }
        guard let target = candidates.first(where: allowed.contains) else {
            throw BMCError(
                .unsupported,
                "boot device \(device.rawValue) (\(self.list(candidates))) is not allowed (the BMC allows \(self.list(allowed)))"
            )
        }
        return target
    }

    /// The override in force, or nil when the system boots normally.
    public static func override(from boot: ComputerSystem.Boot?) -> BootOverride? {
        guard let boot, let target = boot.bootSourceOverrideTarget, target != .none,
            let enabled = boot.bootSourceOverrideEnabled, enabled != .disabled
        else {
            return nil
        }
        let device: BootDevice
        switch target.rawValue {
        case "Pxe": device = .pxe
        case "Hdd": device = .disk
        case "Cd", "UsbCd", "Dvd": device = .cdrom
        case "BiosSetup": device = .biosSetup
        default: return nil
        }
        let mode: FirmwareBootMode = boot.bootSourceOverrideMode == .legacy ? .legacy : .uefi
        return BootOverride(device: device, persistent: enabled == .continuous, mode: mode)
    }

    private static func list<T: RedfishEnum>(_ values: [T]) -> String {
        values.map(\.rawValue).joined(separator: ", ")
    }
}
