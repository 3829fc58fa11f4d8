import AgentProtocol

/// The firmware's decisions on a boot, free of I/O: which devices it tries in which order, which
/// NIC PXE-boots, which virtual media a CD boot reads.
public enum BootPlan {
    /// One place the firmware looks for something to boot.
    public enum Step: Sendable, Hashable {
        /// PXE: DHCP, then the iPXE script for the NIC's MAC.
        case network
        /// The inserted virtual CD.
        case virtualMedia
        /// The local disks.
        case disk
        /// The firmware's setup screen: nothing boots.
        case setup
    }

    /// The override's device first, then the disk: a PXE or CD boot that finds nothing falls
    /// through to the disk, as real firmware moves down its boot order.
    public static func steps(for device: SimBootDevice) -> [Step] {
        switch device {
        case .pxe: [.network, .disk]
        case .cdrom: [.virtualMedia, .disk]
        case .disk, .none: [.disk]
        case .biosSetup: [.setup]
        }
    }

    /// The NIC the profile marks for PXE, with this server's MAC for it.
    public static func pxeNIC(of profile: HardwareProfile, server: ServerConfig) -> (name: String, mac: String)? {
        guard let index = profile.nics.firstIndex(where: \.pxe) else {
            return nil
        }
        return (profile.nics[index].name, server.macAddress(nic: index))
    }

    /// The first inserted medium a CD boot can read (one whose slot takes CDs or DVDs).
    public static func bootableMedia(_ slots: [VirtualMediaSlot]) -> VirtualMediaSlot? {
        slots.first { slot in
            slot.inserted && slot.image != nil && slot.mediaTypes.contains { $0 == "CD" || $0 == "DVD" }
        }
    }

    /// What the agent starts with, from an iPXE script's kernel line.
    public static func launch(from script: IPXEScript) -> AgentLaunch {
        AgentLaunch(operatorURL: script.operatorURL, token: script.token, bootMAC: script.bootMAC)
    }

    /// What the agent starts with, from the virtual-media ISO's `foundry/agent.json`.
    public static func launch(from config: AgentBootConfig) -> AgentLaunch {
        AgentLaunch(
            operatorURL: config.operatorURL, token: config.token,
            bootMAC: BootArtifacts.normalizedMAC(config.bootMAC) ?? config.bootMAC)
    }
}

/// The agent's start-up settings, however they reached the server (kernel line or ISO).
public struct AgentLaunch: Sendable, Hashable {
    public var operatorURL: String
    /// The one-time boot token. Never printed.
    public var token: String
    public var bootMAC: String
}
