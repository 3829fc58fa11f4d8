import Controllers
import Foundation
import FoundryModel
import FoundryStore
import Operator
import TestSupport
import Testing

@Suite(.serialized)
struct OperatorFaultTests {
    @Test func aWrongPasswordHealsOnceTheSecretIsFixed() async throws {
        let harness = try await OperatorHarness(servers: 1)
        defer { Task { await harness.stop() } }
        try await harness.createHost(1, password: "wrong")
        let failing = try await harness.wait(for: 1, "in registration error") {
            $0?.status?.errorType == .registrationError
        }
        #expect(failing?.status?.errorMessage.contains("refused the credentials") == true)
        #expect(failing?.status?.provisioning.state == .registering)

        // Only the Secret changes: its watch wakes the host.
        _ = try await harness.store.modify(Secret.self, namespace: "default", name: "node-1-bmc") {
            $0.data = nil
            $0.stringData = ["username": "admin", "password": "password"]
        }
        let healed = try await harness.wait(for: 1, state: .available, timeout: .seconds(60))
        #expect(healed.status?.errorType == nil)
        #expect(healed.status?.goodCredentials?.credentials?.name == "node-1-bmc")
    }

    /// A graceful shutdown while a reconcile waits on a BMC that never answers: after the grace
    /// period the reconcile is cancelled and the operator stops, instead of waiting the BMC out.
    @Test(.timeLimit(.minutes(1))) func gracefulShutdownCancelsAReconcileStuckOnABMC() async throws {
        let harness = try await OperatorHarness(servers: 1) { configuration in
            configuration.shutdownGracePeriod = .milliseconds(500)
        }
        defer { Task { await harness.stop() } }
        await harness.server(1).setStalls(true)
        try await harness.createHost(1)
        // Registration calls the BMC at once: shut down once that call is waiting.
        let deadline = ContinuousClock.now + .seconds(30)
        while await harness.server(1).callsStarted == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        try #require(await harness.server(1).callsStarted > 0, "the BMC was never called")
        let start = ContinuousClock.now
        await harness.shutDownGracefully()
        let took = ContinuousClock.now - start
        #expect(took >= .milliseconds(450), "the reconcile had its grace period: \(took)")
        #expect(took < .seconds(5), "stopped after \(took)")
    }

    @Test func aSilentBMCBacksOffAndHealsWhenItAnswers() async throws {
        // A one-second base: the wait after the second error is at least 2 s, counted from the
        // failure time, which is stored in whole seconds rounded up so the wait is never shorter.
        let harness = try await OperatorHarness(servers: 1) { configuration in
            configuration.controller.backoffBase = .seconds(1)
        }
        defer { Task { await harness.stop() } }
        await harness.server(1).setSilent(true)
        try await harness.createHost(1)
        let failing = try await harness.wait(for: 1, "failing twice") {
            $0?.status?.errorType == .registrationError && ($0?.status?.errorCount ?? 0) == 2
        }
        let secondSeen = ContinuousClock.now
        #expect(failing?.status?.errorMessage.contains("does not answer") == true)
        _ = try await harness.wait(for: 1, "failing a third time") { ($0?.status?.errorCount ?? 0) >= 3 }
        // errorCount 2 waits at least base * 2^2 / 2 = 2 s after the failure; the second error was
        // seen at most one 25 ms poll after it was written.
        #expect(ContinuousClock.now - secondSeen >= .milliseconds(1_970))

        await harness.server(1).setSilent(false)
        let healed = try await harness.wait(for: 1, state: .available, timeout: .seconds(60))
        #expect(healed.status?.errorType == nil)
    }

    @Test func theProvisioningLimitThrottlesPXEHostsButNotVirtualMedia() async throws {
        let harness = try await OperatorHarness(servers: 4) { configuration in
            configuration.controller.provisioningLimit = 1
        }
        defer { Task { await harness.stop() } }
        // Server 1 finds no boot server: its agent never comes, and it holds the one slot.
        await harness.server(1).setBootServer("http://127.0.0.1:1")
        try await harness.createHost(1)
        _ = try await harness.wait(for: 1, state: .inspecting)
        try await harness.createHost(2)
        for index in 3...4 {
            try await harness.createHost(index, scheme: "redfish-virtualmedia")
        }
        let delayed = try await harness.wait(for: 2, "delayed") { $0?.status?.operationalStatus == .delayed }
        #expect(delayed?.status?.provisioning.state == .registering)
        for index in 3...4 {
            _ = try await harness.wait(for: index, state: .available, timeout: .seconds(60))
        }
        #expect(try await harness.host(1)?.status?.provisioning.state == .inspecting)
        #expect(try await harness.host(2)?.status?.operationalStatus == .delayed)
    }
}
