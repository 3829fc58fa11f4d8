/// How the Redfish client authenticates.
public enum RedfishAuthMode: String, Sendable, Hashable, CaseIterable {
    /// A session (`X-Auth-Token`) when the service offers one, else Basic; what Ironic does.
    case auto
    /// HTTP Basic on every request.
    case basic
    /// A session, or fail.
    case session
}
