import Foundation
import FoundryModel

/// Metal3's host conditions, computed from the provisioning state and operational status.
public enum HostConditions {
    public static let manageable = "Manageable"
    public static let availableForProvisioning = "AvailableForProvisioning"
    public static let provisioned = "Provisioned"
    public static let ready = "Ready"
    public static let progressing = "Progressing"
    public static let healthy = "Healthy"

    private struct Want {
        var type: String
        var status: Condition.Status
        var reason: String
    }

    /// The conditions for `status`; a condition that keeps its status and reason keeps its
    /// lastTransitionTime, and types Foundry does not compute are kept as they are.
    public static func compute(
        for status: BareMetalHostStatus,
        previous: [Condition],
        generation: Int64?,
        now: Date
    ) -> [Condition] {
        var wanted = Self.byState(status.provisioning.state)
        Self.applyOperationalStatus(status, to: &wanted)
        if status.errorType == .powerManagementError,
            let index = wanted.firstIndex(where: { $0.type == Self.manageable })
        {
            wanted[index] = Want(type: Self.manageable, status: .false, reason: "PowerFailure")
        }
        var result: [Condition] = wanted.map { want in
            if let old = previous.first(where: { $0.type == want.type }), old.status == want.status,
                old.reason == want.reason
            {
                var kept = old
                kept.observedGeneration = generation
                return kept
            }
            return Condition(
                type: want.type,
                status: want.status,
                reason: want.reason,
                lastTransitionTime: Timestamp(now),
                observedGeneration: generation
            )
        }
        let healthy =
            previous.first { $0.type == Self.healthy }
            ?? Condition(
                type: Self.healthy,
                status: .unknown,
                reason: "Unknown",
                lastTransitionTime: Timestamp(now),
                observedGeneration: generation
            )
        result.append(healthy)
        let ours = Set(result.map(\.type))
        result += previous.filter { !ours.contains($0.type) }
        return result
    }

    private static func byState(_ state: ProvisioningState) -> [Want] {
        switch state {
        case .none, .unmanaged:
            return Self.set(manageable: (.false, "NotManaged"), available: false, provisioned: false, progressing: nil)
        case .registering:
            return Self.set(
                manageable: (.false, "Registering"), available: false, provisioned: false, progressing: "Registering")
        case .preparing:
            return Self.progressing("Preparing")
        case .ready, .available:
            return Self.set(manageable: (.true, "Manageable"), available: true, provisioned: false, progressing: nil)
        case .provisioning:
            return Self.progressing("Provisioning")
        case .provisioned, .externallyProvisioned:
            return Self.set(manageable: (.true, "Manageable"), available: false, provisioned: true, progressing: nil)
        case .deprovisioning:
            return Self.progressing("Deprovisioning")
        case .inspecting, .matchProfile:
            return Self.progressing("Inspecting")
        case .poweringOffBeforeDelete:
            return Self.progressing("PoweringOffBeforeDelete")
        case .deleting:
            return Self.progressing("Deleting")
        }
    }

    private static func progressing(_ reason: String) -> [Want] {
        Self.set(manageable: (.true, "Manageable"), available: false, provisioned: false, progressing: reason)
    }

    private static func set(
        manageable: (Condition.Status, String),
        available: Bool,
        provisioned: Bool,
        progressing: String?
    ) -> [Want] {
        [
            Want(type: Self.manageable, status: manageable.0, reason: manageable.1),
            Want(
                type: Self.availableForProvisioning,
                status: available ? .true : .false,
                reason: available ? "Available" : "NotAvailable"
            ),
            Want(
                type: Self.provisioned,
                status: provisioned ? .true : .false,
                reason: provisioned
                    ? "Provisioned" : (progressing == "Provisioning" ? "Provisioning" : "NotProvisioned")
            ),
            Want(
                type: Self.ready,
                status: provisioned ? .true : .false,
                reason: provisioned ? "Provisioned" : "NotProvisioned"
            ),
            Want(
                type: Self.progressing,
                status: progressing == nil ? .false : .true,
                reason: progressing ?? "NotProgressing"
            ),
        ]
    }

    private static func applyOperationalStatus(_ status: BareMetalHostStatus, to wanted: inout [Want]) {
        func set(_ type: String, _ value: Condition.Status, _ reason: String) {
            if let index = wanted.firstIndex(where: { $0.type == type }) {
                wanted[index] = Want(type: type, status: value, reason: reason)
            }
        }
        switch status.operationalStatus {
        case .error:
            set(Self.ready, .false, "Error")
            if status.provisioning.state == .registering {
                set(Self.manageable, .false, "RegistrationFailed")
            }
        case .servicing:
            set(Self.ready, .false, "Servicing")
        case .detached:
            set(Self.ready, .false, "Detached")
            set(Self.progressing, .false, "Detached")
        case .none, .ok, .discovered, .delayed:
            break
        }
    }
}
