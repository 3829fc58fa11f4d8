/// `/redfish/v1/TaskService/Tasks/{id}`: a long operation (a firmware update, a slow virtual media
/// insert). Named `RedfishTask` so it does not hide Swift's `Task`.
public struct RedfishTask: Codable, Sendable, Hashable {
    public static let odataType = "#Task.v1_4_3.Task"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var taskState: TaskState?
    /// `OK`, `Warning`, `Critical`.
    public var taskStatus: String?
    public var startTime: String?
    public var endTime: String?
    public var percentComplete: Int?
    public var taskMonitor: String?
    public var messages: [RedfishMessage]?

    public init(odataID: String, id: String, name: String) {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = name
    }

    public struct TaskState: RedfishEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let new = TaskState(rawValue: "New")
        public static let starting = TaskState(rawValue: "Starting")
        public static let running = TaskState(rawValue: "Running")
        public static let suspended = TaskState(rawValue: "Suspended")
        public static let interrupted = TaskState(rawValue: "Interrupted")
        public static let pending = TaskState(rawValue: "Pending")
        public static let stopping = TaskState(rawValue: "Stopping")
        public static let completed = TaskState(rawValue: "Completed")
        public static let killed = TaskState(rawValue: "Killed")
        public static let exception = TaskState(rawValue: "Exception")
        public static let service = TaskState(rawValue: "Service")
        public static let cancelling = TaskState(rawValue: "Cancelling")
        public static let cancelled = TaskState(rawValue: "Cancelled")

        /// The task will not change any more.
        public var isFinished: Bool {
            self == .completed || self == .killed || self == .exception || self == .cancelled
        }

        /// Finished without success.
        public var isFailure: Bool {
            self == .killed || self == .exception || self == .cancelled
        }
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case taskState = "TaskState"
        case taskStatus = "TaskStatus"
        case startTime = "StartTime"
        case endTime = "EndTime"
        case percentComplete = "PercentComplete"
        case taskMonitor = "TaskMonitor"
        case messages = "Messages"
    }
}
