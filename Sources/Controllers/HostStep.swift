/// The steps the controller records in `status.provisioning.step` before starting them.
public enum HostStep: String, Sendable, Hashable, CaseIterable {
    /// Proving the BMC credentials by reading the power state.
    case register
    /// A ramdisk boot was requested (token minted, boot device set, host rebooted); the agent is
    /// expected to look up and then to work on its command.
    case bootAgent = "boot-agent"
    /// The image is on the disk; the disk was made the boot device and the host asked to power off,
    /// so that it next boots its own OS.
    case bootInstance = "boot-instance"
    /// A power-on was requested.
    case powerOn = "power-on"
    /// A hard power-off was requested.
    case powerOff = "power-off"
    /// A soft power-off was requested; it becomes a hard one after the soft power-off timeout.
    case softPowerOff = "soft-power-off"
}
