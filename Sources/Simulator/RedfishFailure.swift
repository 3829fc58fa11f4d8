import Foundation
import RedfishModel

/// An error answer of the simulated Redfish service: a status and a Base registry message.
struct RedfishFailure: Error, Sendable {
    var status: Int
    var body: RedfishErrorBody
    var headers: [(String, String)]

    init(
        _ status: Int, _ message: BaseMessage, _ arguments: String..., relatedProperties: [String]? = nil,
        headers: [(String, String)] = []
    ) {
        self.status = status
        self.body = RedfishErrorBody(message, arguments: arguments, relatedProperties: relatedProperties)
        self.headers = headers
    }

    static func notFound(_ path: String) -> RedfishFailure {
        RedfishFailure(404, .resourceMissingAtURI, path)
    }

    static func unauthorized() -> RedfishFailure {
        RedfishFailure(401, .noValidSession, headers: [("WWW-Authenticate", "Basic realm=\"Redfish\"")])
    }

    static func propertyMissing(_ name: String) -> RedfishFailure {
        RedfishFailure(400, .propertyMissing, name, relatedProperties: ["#/\(name)"])
    }

    static func actionParameterMissing(_ action: String, _ name: String) -> RedfishFailure {
        RedfishFailure(400, .actionParameterMissing, action, name, relatedProperties: ["#/\(name)"])
    }

    /// A key the resource does not take: read-only if the resource has it, unknown otherwise.
    static func notWritable(_ name: String, known: Bool, path: String = "") -> RedfishFailure {
        let pointer = "#/" + (path.isEmpty ? name : "\(path)/\(name)")
        return known
            ? RedfishFailure(400, .propertyNotWritable, name, relatedProperties: [pointer])
            : RedfishFailure(400, .propertyUnknown, name, relatedProperties: [pointer])
    }

    var response: RedfishSimResponse {
        let body = (try? RedfishJSON.encode(self.body)) ?? Data()
        return RedfishSimResponse(
            status: self.status,
            headers: [("Content-Type", "application/json; charset=utf-8"), ("OData-Version", "4.0")] + self.headers,
            body: body)
    }
}
