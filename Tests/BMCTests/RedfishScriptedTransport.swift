import BMC
import Foundation
import Synchronization

/// A transport that answers from a script, so the client's decisions can be checked one exchange
/// at a time. Requests it has no answer for get a 404.
final class RedfishScriptedTransport: RedfishTransport {
    typealias Answer = Result<RedfishHTTPResponse, RedfishTransportError>

    private struct State {
        var answers: [String: [Answer]] = [:]
        var fixed: [String: Answer] = [:]
        var sent: [RedfishHTTPRequest] = []
    }

    private let state = Mutex(State())

    /// Answers for `METHOD path`, used once each, in order.
    func queue(_ key: String, _ answers: Answer...) {
        self.state.withLock { $0.answers[key, default: []].append(contentsOf: answers) }
    }

    /// The answer for `METHOD path` whenever nothing is queued.
    func always(_ key: String, _ answer: Answer) {
        self.state.withLock { $0.fixed[key] = answer }
    }

    var sent: [RedfishHTTPRequest] {
        self.state.withLock { $0.sent }
    }

    func count(_ key: String) -> Int {
        self.sent.filter { "\($0.method.rawValue) \($0.path)" == key }.count
    }

    func send(
        _ request: RedfishHTTPRequest, to base: RedfishEndpointURL
    ) async throws(RedfishTransportError)
        -> RedfishHTTPResponse
    {
        let key = "\(request.method.rawValue) \(request.path)"
        let answer: Answer = self.state.withLock { state in
            state.sent.append(request)
            if var queued = state.answers[key], !queued.isEmpty {
                let next = queued.removeFirst()
                state.answers[key] = queued
                return next
            }
            return state.fixed[key] ?? .success(RedfishHTTPResponse(status: 404))
        }
        return try answer.get()
    }

    static func json(_ status: Int = 200, _ text: String, headers: [String: String] = [:]) -> Answer {
        .success(
            RedfishHTTPResponse(
                status: status, headers: ["content-type": "application/json"].merging(headers) { $1 },
                body: Data(text.utf8)))
    }

    /// A minimal service: root with sessions, one system that is off.
    static func service(power: String = "Off") -> RedfishScriptedTransport {
        let transport = RedfishScriptedTransport()
        transport.always(
            "GET /redfish/v1/",
            json(
                200,
                #"{"@odata.id": "/redfish/v1/", "Id": "RootService", "Name": "Root", "Systems": {"@odata.id": "/redfish/v1/Systems"}, "Links": {"Sessions": {"@odata.id": "/redfish/v1/SessionService/Sessions"}}}"#
            ))
        transport.always(
            "GET /redfish/v1/Systems",
            json(
                200,
                #"{"@odata.id": "/redfish/v1/Systems", "Name": "Systems", "Members": [{"@odata.id": "/redfish/v1/Systems/1"}]}"#
            ))
        transport.always("GET /redfish/v1/Systems/1", json(200, self.system(power)))
        transport.always(
            "POST /redfish/v1/SessionService/Sessions",
            json(
                201, #"{"@odata.id": "/redfish/v1/SessionService/Sessions/1", "Id": "1", "Name": "s"}"#,
                headers: ["x-auth-token": "token-1", "location": "/redfish/v1/SessionService/Sessions/1"]))
        transport.always("DELETE /redfish/v1/SessionService/Sessions/1", .success(RedfishHTTPResponse(status: 204)))
        return transport
    }

    static func system(_ power: String) -> String {
        ##"{"@odata.id": "/redfish/v1/Systems/1", "Id": "1", "Name": "s", "PowerState": "\##(power)", "Actions": {"#ComputerSystem.Reset": {"target": "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset"}}}"##
    }
}
