/// `v1` `Event`: something that happened to an object, as Kubernetes records it (`reason`,
/// `message`, `type` Normal or Warning, and a `count` for repeats).
public struct Event: Resource {
    public static let resourceKind = ResourceKind.event

    public enum EventType: String, Codable, Sendable, Hashable, CaseIterable {
        case normal = "Normal"
        case warning = "Warning"
    }

    public struct Source: Codable, Sendable, Hashable {
        public var component: String?
        public var host: String?

        public init(component: String? = nil, host: String? = nil) {
            self.component = component
            self.host = host
        }
    }

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String?
    public var message: String?
    public var type: EventType?
    public var count: Int?
    public var firstTimestamp: Timestamp?
    public var lastTimestamp: Timestamp?
    public var source: Source?
    public var reportingComponent: String?
    public var reportingInstance: String?
    public var action: String?

    public init(
        metadata: ObjectMeta,
        involvedObject: ObjectReference,
        reason: String,
        message: String,
        type: EventType = .normal,
        count: Int = 1,
        firstTimestamp: Timestamp? = nil,
        lastTimestamp: Timestamp? = nil,
        source: Source? = nil
    ) {
        self.apiVersion = Self.typeMeta.apiVersion
        self.kind = Self.typeMeta.kind
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.count = count
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.source = source
    }

    public var anyResource: AnyResource { .event(self) }
}
