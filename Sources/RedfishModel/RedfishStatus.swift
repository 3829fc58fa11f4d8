/// The `Status` object most resources carry (`Resource.Status`).
public struct RedfishStatus: Codable, Sendable, Hashable {
    /// `Enabled`, `Disabled`, `Absent`, `StandbyOffline`, ...
    public var state: String?
    /// `OK`, `Warning`, `Critical`.
    public var health: String?
    public var healthRollup: String?

    public init(state: String? = "Enabled", health: String? = "OK", healthRollup: String? = nil) {
        self.state = state
        self.health = health
        self.healthRollup = healthRollup
    }

    public static let ok = RedfishStatus()

    enum CodingKeys: String, CodingKey {
        case state = "State"
        case health = "Health"
        case healthRollup = "HealthRollup"
    }
}
