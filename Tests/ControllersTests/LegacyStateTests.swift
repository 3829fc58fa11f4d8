import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

/// Metal3's legacy state names still found in old statuses (restored from the status annotation).
@Suite struct LegacyStateTests {
    @Test func matchProfilePassesThroughToPreparing() {
        let decision = decide(HostBuilder.host(.matchProfile).build())
        #expect(decision.state == .preparing)
        #expect(decision.outcome == .complete)
    }

    @Test func readyBehavesAsAvailable() {
        let provisioning = decide(HostBuilder.host(.ready).image().build())
        #expect(provisioning.state == .provisioning)
        let steady = decide(HostBuilder.host(.ready).online(false).build(), .power(.on))
        #expect(steady.actions == [.powerOff(.soft)])
        #expect(steady.state == .ready)
    }

    /// Every state has a handler: from each, a host with everything in order settles or moves on
    /// without an error.
    @Test(arguments: ProvisioningState.allCases)
    func everyStateIsHandled(state: ProvisioningState) {
        let host = HostBuilder.host(state).build()
        let decision = decideProbing(host, .agent(.idle), power: .on)
        #expect(decision.status.errorType == nil, "\(state): \(decision.status.errorMessage)")
        #expect(decision.outcome != .needsBMCProbe)
    }
}
