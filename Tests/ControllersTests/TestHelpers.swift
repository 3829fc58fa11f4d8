import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

/// Metal3's durations, so that the tables read in Metal3's units.
let metal3 = ControllerConfig.metal3

extension HostObservation {
    /// The Secret found at the builder's version; nothing probed yet; no agent.
    static let ready = HostObservation(credentials: .found(resourceVersion: HostBuilder.secretVersion))

    static func bmc(_ bmc: BMCObservation) -> HostObservation {
        var observation = HostObservation.ready
        observation.bmc = bmc
        return observation
    }

    static func power(_ power: PowerState) -> HostObservation {
        .bmc(.power(power))
    }

    static func agent(_ agent: AgentObservation, power: PowerState? = nil) -> HostObservation {
        var observation = HostObservation.ready
        observation.agent = agent
        if let power {
            observation.bmc = .power(power)
        }
        return observation
    }

    func with(_ change: (inout HostObservation) -> Void) -> HostObservation {
        var copy = self
        change(&copy)
        return copy
    }
}

/// One decision at `seconds` after `FixedClock.start`.
func decide(
    _ host: BareMetalHost,
    _ observation: HostObservation = .ready,
    at seconds: Double = 0,
    config: ControllerConfig = metal3,
    seed: UInt64 = 1
) -> HostDecision {
    var rng = SeededGenerator(seed: seed)
    return HostReconciler.decide(
        host: host,
        observation: observation,
        now: FixedClock.at(seconds),
        config: config,
        rng: &rng
    )
}

/// Decides, and when the decision asks for the BMC, decides again with `power` (as the runtime does).
func decideProbing(
    _ host: BareMetalHost,
    _ observation: HostObservation = .ready,
    power: PowerState,
    at seconds: Double = 0,
    config: ControllerConfig = metal3
) -> HostDecision {
    let first = decide(host, observation, at: seconds, config: config)
    guard first.outcome == .needsBMCProbe else {
        return first
    }
    return decide(host, observation.with { $0.bmc = .power(power) }, at: seconds, config: config)
}

extension BareMetalHost {
    /// The host as stored after `decision` (status written; metadata actions applied).
    func applying(_ decision: HostDecision) -> BareMetalHost {
        var host = self
        host.status = decision.status
        for action in decision.actions {
            switch action {
            case .addFinalizer:
                host.metadata.finalizers = (host.metadata.finalizers ?? []) + [BareMetalHost.finalizer]
            case .removeFinalizer:
                host.metadata.finalizers = host.metadata.finalizers?.filter { $0 != BareMetalHost.finalizer }
            case .removeAnnotation(let key):
                host.metadata.annotations?[key] = nil
            default:
                break
            }
        }
        return host
    }
}

extension HostDecision {
    var eventReasons: [String] {
        self.events.map(\.reason)
    }

    var step: String? {
        self.status.provisioning.step?.name
    }

    var bmcActions: [HostAction] {
        self.actions.filter(\.isBMCAction)
    }

    var agentCommands: [AgentCommand] {
        self.actions.compactMap { action in
            if case .agentCommand(let command) = action {
                return command
            }
            return nil
        }
    }

    /// The requeue delay in seconds (nil: no requeue).
    var requeueSeconds: Double? {
        self.outcome.requeueAfter.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
    }
}

extension Duration {
    var seconds: Double {
        Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18
    }
}

extension HostBuilder {
    /// The host as the operator would have stored it: conditions computed, lastUpdated set.
    func stored() -> BareMetalHost {
        var host = self.build()
        guard var status = host.status else {
            return host
        }
        status.conditions = HostConditions.compute(
            for: status,
            previous: [],
            generation: host.metadata.generation,
            now: FixedClock.start
        )
        status.lastUpdated = Timestamp(FixedClock.start)
        host.status = status
        return host
    }
}

extension HostBuilder: CustomTestStringConvertible {
    public var testDescription: String {
        let host = self.build()
        let state = host.status?.provisioning.state.rawValue ?? "no status"
        let annotations = (host.metadata.annotations ?? [:]).keys.sorted().joined(separator: ",")
        return "\(state.isEmpty ? "\"\"" : state) \(host.spec.bmc?.address ?? "no BMC") \(annotations)"
    }
}

extension HostObservation: CustomTestStringConvertible {
    public var testDescription: String {
        "credentials \(self.credentials), bmc \(self.bmc), agent \(self.agent), last \(self.lastActions)"
    }
}
