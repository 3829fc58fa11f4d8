import BMC
import Foundation
import Testing

struct RedfishRetryPolicyTests {
    let policy = RedfishRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100), maxDelay: .milliseconds(300))
    let get = RedfishHTTPRequest(.get, "/redfish/v1/Systems/1")
    let restart = RedfishHTTPRequest(.post, "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset")
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func decide(
        _ request: RedfishHTTPRequest, _ outcome: Result<RedfishHTTPResponse, RedfishTransportError>, attempt: Int = 1,
        session: Bool = false, reauthenticated: Bool = false
    ) -> RedfishRetryPolicy.Decision {
        self.policy.decide(
            attempt: attempt, request: request, outcome: outcome, usesSession: session,
            reauthenticated: reauthenticated,
            now: self.now)
    }

    @Test func serviceUnavailableHonoursRetryAfter() {
        let busy = RedfishHTTPResponse(status: 503, headers: ["retry-after": "2"])
        #expect(self.decide(self.get, .success(busy)) == .retry(after: .seconds(2)))
        #expect(self.decide(self.restart, .success(busy)) == .retry(after: .seconds(2)))
        // The last attempt hands the 503 back for a typed error.
        #expect(self.decide(self.get, .success(busy), attempt: 3) == .accept)
    }

    @Test func retryAfterIsCappedAndReadAsADate() {
        let long = RedfishHTTPResponse(status: 503, headers: ["retry-after": "86400"])
        #expect(self.decide(self.get, .success(long)) == .retry(after: .seconds(30)))
        #expect(RedfishRetryPolicy.retryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now: self.now) == .seconds(10))
        #expect(RedfishRetryPolicy.retryAfter("soon", now: self.now) == nil)
        let unreadable = RedfishHTTPResponse(status: 503, headers: ["retry-after": "soon"])
        #expect(self.decide(self.get, .success(unreadable), attempt: 2) == .retry(after: .milliseconds(200)))
    }

    @Test func backoffDoublesUpToItsCap() {
        #expect(self.policy.backoff(attempt: 1) == .milliseconds(100))
        #expect(self.policy.backoff(attempt: 2) == .milliseconds(200))
        #expect(self.policy.backoff(attempt: 3) == .milliseconds(300))
        #expect(self.policy.backoff(attempt: 30) == .milliseconds(300))
    }

    @Test func droppedConnectionRetriesOnlyWhatIsSafeToRepeat() {
        let dropped = RedfishTransportError(.connectionDropped, "closed")
        #expect(self.decide(self.get, .failure(dropped)) == .retry(after: .milliseconds(100)))
        #expect(self.decide(self.restart, .failure(dropped)) == .fail)
        let refused = RedfishTransportError(.connectFailed, "refused")
        #expect(self.decide(self.restart, .failure(refused)) == .retry(after: .milliseconds(100)))
        #expect(self.decide(self.get, .failure(dropped), attempt: 3) == .fail)
    }

    @Test func neverRetriesWhatWillNotChange() {
        #expect(self.decide(self.get, .failure(RedfishTransportError(.tlsVerificationFailed, "x"))) == .fail)
        #expect(self.decide(self.get, .failure(RedfishTransportError(.bodyTooLarge, "x"))) == .fail)
        #expect(self.decide(self.get, .success(RedfishHTTPResponse(status: 400))) == .accept)
        #expect(self.decide(self.get, .success(RedfishHTTPResponse(status: 404))) == .accept)
    }

    @Test func expiredSessionLogsInOnce() {
        let unauthorized = RedfishHTTPResponse(status: 401)
        #expect(self.decide(self.get, .success(unauthorized), session: true) == .reauthenticate)
        #expect(self.decide(self.get, .success(unauthorized), session: true, reauthenticated: true) == .accept)
        #expect(self.decide(self.get, .success(unauthorized), session: false) == .accept)
    }
}
