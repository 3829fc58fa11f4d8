import RedfishModel

/// The server state one Redfish answer is rendered from, read from the shared server at once.
public struct RedfishSnapshot: Sendable, Hashable {
    public var poweredOn: Bool
    /// The state a delayed power transition is heading to, while it runs.
    public var pendingPower: Bool?
    public var bootOverride: SimBootOverride?
    public var virtualMedia: [VirtualMediaSlot]
    public var biosAttributes: [String: JSONValue]
    public var pendingBiosAttributes: [String: JSONValue]

    public init(
        poweredOn: Bool, pendingPower: Bool? = nil, bootOverride: SimBootOverride? = nil,
        virtualMedia: [VirtualMediaSlot] = [], biosAttributes: [String: JSONValue] = [:],
        pendingBiosAttributes: [String: JSONValue] = [:]
    ) {
        self.poweredOn = poweredOn
        self.pendingPower = pendingPower
        self.bootOverride = bootOverride
        self.virtualMedia = virtualMedia
        self.biosAttributes = biosAttributes
        self.pendingBiosAttributes = pendingBiosAttributes
    }

    public var powerState: ComputerSystem.PowerState {
        switch (self.poweredOn, self.pendingPower) {
        case (false, .some(true)): .poweringOn
        case (true, .some(false)): .poweringOff
        case (true, _): .on
        case (false, _): .off
        }
    }
}
