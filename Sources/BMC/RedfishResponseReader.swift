import Foundation
import RedfishModel

/// Turns Redfish responses into values or typed errors. Pure: no I/O.
public enum RedfishResponseReader {
    /// The typed error for an unsuccessful status, with the service's own message when its body is
    /// a Redfish error.
    public static func error(for response: RedfishHTTPResponse, request: RedfishHTTPRequest) -> BMCError {
        let detail = self.errorBody(response).map { ": \($0)" } ?? ""
        let what = "\(request) answered \(response.status)\(detail)"
        let code: BMCError.Code
        switch response.status {
        case 401: code = .authenticationFailed
        case 403: code = .insufficientPrivilege
        case 405, 501: code = .unsupported
        default: code = .commandFailed
        }
        return BMCError(code, what, bmcCode: response.status)
    }

    /// The Redfish error body of a response, when it has one.
    public static func errorBody(_ response: RedfishHTTPResponse) -> RedfishErrorBody? {
        guard !response.body.isEmpty else {
            return nil
        }
        return try? RedfishJSON.decode(RedfishErrorBody.self, from: response.body)
    }

    /// Decodes a successful response's JSON body; a wrong content type, bad JSON or a body of the
    /// wrong shape is a `protocolError` that says where.
    public static func decode<T: Decodable>(
        _ type: T.Type, from response: RedfishHTTPResponse, request: RedfishHTTPRequest
    ) throws(BMCError) -> T {
        try self.checkJSON(response, request: request)
        do {
            return try RedfishJSON.decode(type, from: response.body)
        } catch {
            throw BMCError(.protocolError, "\(request): unexpected body: \(RedfishJSON.describe(error))")
        }
    }

    /// A body the caller will decode must be declared JSON (a missing header is tolerated).
    public static func checkJSON(_ response: RedfishHTTPResponse, request: RedfishHTTPRequest) throws(BMCError) {
        if let contentType = response.headers["content-type"] {
            let mediaType = contentType.split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard let mediaType, mediaType == "application/json" || mediaType.hasSuffix("+json") else {
                throw BMCError(
                    .protocolError, "\(request): expected a JSON body, got content type \"\(contentType)\"")
            }
        }
        guard !response.body.isEmpty else {
            throw BMCError(.protocolError, "\(request): expected a JSON body, got an empty one")
        }
    }

    /// The ETag of a resource: the header, else the `@odata.etag` property.
    public static func etag(of response: RedfishHTTPResponse) -> String? {
        if let etag = response.headers["etag"], !etag.isEmpty {
            return etag
        }
        struct Tagged: Decodable {
            var etag: String?
            enum CodingKeys: String, CodingKey { case etag = "@odata.etag" }
        }
        return (try? RedfishJSON.decode(Tagged.self, from: response.body))?.etag
    }

    /// Maps a transport failure to the BMC error callers see.
    public static func error(for failure: RedfishTransportError) -> BMCError {
        switch failure.kind {
        case .connectFailed: BMCError(.unreachable, failure.message)
        case .connectionDropped: BMCError(.unreachable, failure.message)
        case .timeout: BMCError(.timeout, failure.message)
        case .tlsVerificationFailed: BMCError(.tlsVerificationFailed, failure.message)
        case .bodyTooLarge: BMCError(.protocolError, failure.message)
        case .other: BMCError(.protocolError, failure.message)
        }
    }
}
