/// What a simulated server is running: nothing (off), its firmware (booting, or stuck with
/// nothing to boot), the agent, or the OS installed on its disk.
public enum RunningSystem: Sendable, Hashable, CustomStringConvertible {
    case off
    case firmware
    /// The agent, booted over PXE or from virtual media.
    case agent(via: SimBootDevice)
    /// The installed OS, booted from `disk` (kernel name), known by the hostname its config drive gives.
    case installedOS(hostname: String, disk: String)

    public var description: String {
        switch self {
        case .off: "off"
        case .firmware: "firmware"
        case .agent(let device): "agent (booted from \(device.rawValue))"
        case .installedOS(let hostname, let disk): "\(hostname) (booted from \(disk))"
        }
    }
}
