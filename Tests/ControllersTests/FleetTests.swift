import Controllers
import Foundation
import FoundryModel
import TestSupport
import Testing

/// Many hosts sharing the provisioning limit, each reconciled when its requeue is due.
@Suite struct FleetTests {
    @Test func theProvisioningLimitHoldsAcrossAFleetAndVirtualMediaIsNotThrottled() {
        var config = ConvergenceTests.config
        config.provisioningLimit = 4
        var worlds: [FakeWorld] = []
        for index in 0..<24 {
            let address =
                index < 16
                ? "ipmi://127.0.0.\(index + 1):623"
                : "redfish-virtualmedia+http://127.0.1.\(index):8000/redfish/v1/Systems/1"
            let host = HostBuilder.host(.none, name: "host-\(index)", address: address).noStatus().withoutFinalizer()
                .image().build()
            worlds.append(FakeWorld(host: host, config: config, seed: UInt64(index)))
        }
        var due = Array(repeating: 0.0, count: worlds.count)
        var peakPXE = 0
        var peakVirtualMedia = 0
        var time = 0.0
        while time < 2000, !worlds.allSatisfy(ConvergenceTests.provisioned) {
            for index in worlds.indices where due[index] <= time {
                worlds[index].provisioningSlotsInUse =
                    worlds.indices.filter {
                        $0 != index && HostReconciler.holdsProvisioningSlot(worlds[$0].host)
                    }.count
                worlds[index].time = time
                let outcome = worlds[index].reconcile()
                due[index] = time + max(outcome.requeueAfter?.seconds ?? 1, 0.1)
                let busy = worlds.filter { $0.state?.holdsSlot == true }
                peakPXE = max(peakPXE, busy.filter { $0.host.spec.bmc?.address.hasPrefix("ipmi") == true }.count)
                peakVirtualMedia = max(
                    peakVirtualMedia, busy.count { $0.host.spec.bmc?.address.hasPrefix("redfish") == true })
            }
            time += 0.5
        }
        #expect(worlds.allSatisfy(ConvergenceTests.provisioned), "not all provisioned by \(time) s")
        #expect(peakPXE == 4, "PXE hosts busy at once: \(peakPXE)")
        #expect(peakVirtualMedia > 4, "virtual-media hosts busy at once: \(peakVirtualMedia)")
        #expect(worlds.contains { $0.host.status?.operationHistory?.provision?.start != nil })
        #expect(worlds.allSatisfy { $0.diskWrites == 1 })
    }

    @Test func slotsAreCountedAsTheControllerCountsThem() {
        #expect(HostReconciler.holdsProvisioningSlot(HostBuilder.host(.provisioning).build()))
        #expect(HostReconciler.holdsProvisioningSlot(HostBuilder.host(.inspecting, address: "ipmi://10.0.0.1").build()))
        #expect(
            !HostReconciler.holdsProvisioningSlot(
                HostBuilder.host(.provisioning, address: InspectionTests.virtualMedia).build()))
        #expect(!HostReconciler.holdsProvisioningSlot(HostBuilder.host(.available).build()))
        #expect(!HostReconciler.holdsProvisioningSlot(HostBuilder.host(.none).noStatus().build()))
    }
}

extension ProvisioningState {
    var holdsSlot: Bool {
        self == .inspecting || self == .provisioning || self == .deprovisioning
    }
}
