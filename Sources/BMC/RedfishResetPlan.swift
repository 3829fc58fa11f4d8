import RedfishModel

/// Which `#ComputerSystem.Reset` requests carry out a power action, given the system's power state
/// and the ResetType values it allows. Pure.
public enum RedfishResetPlan {
    public struct Step: Sendable, Hashable {
        public var resetType: ComputerSystem.ResetType
        /// The PowerState to wait for after this step.
        public var expect: ComputerSystem.PowerState

        public init(_ resetType: ComputerSystem.ResetType, expect: ComputerSystem.PowerState) {
            self.resetType = resetType
            self.expect = expect
        }
    }

    /// The steps, in order; empty when the system is already where the action leads.
    public static func steps(
        for action: PowerAction,
        current: ComputerSystem.PowerState?,
        allowed: [ComputerSystem.ResetType]?
    ) throws(BMCError) -> [Step] {
        let isOn = current == .on || current == .poweringOn
        let allows: (ComputerSystem.ResetType) -> Bool = { type in
            guard let allowed, !allowed.isEmpty else { return true }
            return allowed.contains(type)
        }
        func first(
            _ candidates: [ComputerSystem.ResetType], expect: ComputerSystem.PowerState
        ) throws(BMCError)
            -> [Step]
        {
            guard let type = candidates.first(where: allows) else {
                let names = candidates.map(\.rawValue).joined(separator: " or ")
                let offered = (allowed ?? []).map(\.rawValue).joined(separator: ", ")
                throw BMCError(
                    .unsupported, "power \(action.rawValue) needs ResetType \(names); the BMC allows \(offered)")
            }
            return [Step(type, expect: expect)]
        }
        let powerOn: () throws(BMCError) -> [Step] = { () throws(BMCError) in
            try first([.on, .forceOn, .pushPowerButton], expect: .on)
        }
        switch action {
        case .on:
            return isOn ? [] : try powerOn()
        case .off:
            return isOn ? try first([.forceOff, .pushPowerButton], expect: .off) : []
        case .softOff:
            return isOn ? try first([.gracefulShutdown], expect: .off) : []
        case .cycle:
            guard isOn else { return try powerOn() }
            if allows(.powerCycle) {
                return [Step(.powerCycle, expect: .on)]
            }
            return try first([.forceOff], expect: .off) + powerOn()
        case .reset:
            guard isOn else { return try powerOn() }
            if allows(.forceRestart) {
                return [Step(.forceRestart, expect: .on)]
            }
            if allows(.powerCycle) {
                return [Step(.powerCycle, expect: .on)]
            }
            return try first([.forceOff], expect: .off) + powerOn()
        }
    }

    /// The power state callers see: a transition counts as its destination.
    public static func powerState(_ state: ComputerSystem.PowerState?) throws(BMCError) -> PowerState {
        switch state {
        case .some(.on), .some(.poweringOn): return .on
        case .some(.off), .some(.poweringOff): return .off
        case .some(let other):
            throw BMCError(.protocolError, "unexpected PowerState \"\(other.rawValue)\"")
        case .none:
            throw BMCError(.protocolError, "the system reports no PowerState")
        }
    }
}
