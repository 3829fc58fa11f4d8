/// A Kubernetes-style status condition.
public struct Condition: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        case `true` = "True"
        case `false` = "False"
        case unknown = "Unknown"
    }

    public var type: String
    public var status: Status
    public var observedGeneration: Int64?
    public var lastTransitionTime: Timestamp?
    public var reason: String?
    public var message: String?

    public init(
        type: String,
        status: Status,
        reason: String? = nil,
        message: String? = nil,
        lastTransitionTime: Timestamp? = nil,
        observedGeneration: Int64? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
    }
}
