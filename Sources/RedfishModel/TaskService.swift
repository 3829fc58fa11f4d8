/// `/redfish/v1/TaskService`: where long operations report progress.
public struct TaskService: Codable, Sendable, Hashable {
    public static let odataType = "#TaskService.v1_1_5.TaskService"

    public var odataID: String
    public var odataType: String?
    public var id: String
    public var name: String
    public var description: String?
    public var serviceEnabled: Bool?
    /// `Oldest` or `Manual`.
    public var completedTaskOverWritePolicy: String?
    public var lifeCycleEventOnTaskStateChange: Bool?
    public var tasks: RedfishLink?
    public var status: RedfishStatus?

    public init(odataID: String = "/redfish/v1/TaskService", id: String = "TaskService") {
        self.odataID = odataID
        self.odataType = Self.odataType
        self.id = id
        self.name = "Task Service"
    }

    enum CodingKeys: String, CodingKey {
        case odataID = "@odata.id"
        case odataType = "@odata.type"
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case serviceEnabled = "ServiceEnabled"
        case completedTaskOverWritePolicy = "CompletedTaskOverWritePolicy"
        case lifeCycleEventOnTaskStateChange = "LifeCycleEventOnTaskStateChange"
        case tasks = "Tasks"
        case status = "Status"
    }
}
