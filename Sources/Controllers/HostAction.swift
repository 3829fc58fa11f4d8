import FoundryModel

/// Something the runtime does for a host. Every action may be repeated without harm: a restarted
/// operator repeats the ones whose effect it cannot see.
public enum HostAction: Sendable, Hashable {
    // MARK: BMC

    /// Power the host on (already on: nothing to do).
    case powerOn
    /// Power the host off; `soft` asks the OS to shut down (already off: nothing to do).
    case powerOff(PowerOffMode)
    /// Boot the host afresh: power it on when it is off, power-cycle it when it is on.
    case reboot(PowerOffMode)
    /// Boot from `device` next time (`persistent: false`) or from now on, in the host's boot mode.
    case setBootDevice(BootDevice, persistent: Bool, mode: BootMode)
    /// Insert the host's own agent ISO (which carries its agent configuration and token) as virtual
    /// media, ejecting whatever was inserted before.
    case insertAgentISO
    /// Eject any virtual media (none inserted: nothing to do).
    case ejectVirtualMedia

    // MARK: agent

    /// Create this host's one-time agent token, replacing any earlier one; the next agent boot
    /// (iPXE script or ISO) carries it. The agent state the runtime reports starts afresh.
    case mintAgentToken
    /// Invalidate this host's agent token: its agent's requests are refused from now on.
    case revokeAgentToken
    /// Give the agent holding the current token this command as the answer to its next heartbeat.
    case agentCommand(AgentCommand)

    // MARK: metadata (one metadata update, after the status write)

    case addFinalizer
    case removeFinalizer
    case removeAnnotation(String)

    public enum PowerOffMode: String, Sendable, Hashable {
        case soft
        case hard
    }

    public enum BootDevice: String, Sendable, Hashable {
        case pxe
        case uefiHTTP = "uefi-http"
        case cdrom
        case disk
    }

    /// Whether the action talks to the host's BMC; only their failures are the host's errors (the
    /// others fail only when the runtime does, and are the runtime's to retry).
    public var isBMCAction: Bool {
        switch self {
        case .powerOn, .powerOff, .reboot, .setBootDevice, .insertAgentISO, .ejectVirtualMedia: true
        case .mintAgentToken, .revokeAgentToken, .agentCommand, .addFinalizer, .removeFinalizer,
            .removeAnnotation:
            false
        }
    }
}

extension HostAction: CustomStringConvertible {
    public var description: String {
        switch self {
        case .powerOn: "power on"
        case .powerOff(let mode): "\(mode.rawValue) power off"
        case .reboot(let mode): "\(mode.rawValue) reboot"
        case .setBootDevice(let device, let persistent, let mode):
            "set \(persistent ? "persistent" : "one-time") boot device \(device.rawValue) (\(mode.rawValue))"
        case .insertAgentISO: "insert the agent ISO"
        case .ejectVirtualMedia: "eject virtual media"
        case .mintAgentToken: "mint an agent token"
        case .revokeAgentToken: "revoke the agent token"
        case .agentCommand(let command): "agent command \(command.kind.rawValue)"
        case .addFinalizer: "add the finalizer"
        case .removeFinalizer: "remove the finalizer"
        case .removeAnnotation(let key): "remove annotation \(key)"
        }
    }
}
