import Controllers
import Foundation
import FoundryModel
import FoundryStore
import Operator
import TestSupport
import Testing

/// The runtime against fake servers (see `FakeServer`) running the real agent in process; the
/// end-to-end tests repeat this against the simulator's IPMI and Redfish endpoints.
@Suite(.serialized)
struct OperatorLifecycleTests {
    /// A small partitioned image and its sha256.
    static func image(
        in directory: TemporaryDirectory
    ) async throws -> (url: String, image: SampleDiskImage, checksum: String) {
        let image = SampleDiskImage(size: 256 << 10)
        let file = directory.file("os.img")
        let checksum = try await image.write(to: file)
        return (file.absoluteString, image, checksum)
    }

    @Test(arguments: ["ipmi", "redfish-virtualmedia"])
    func aHostGoesThroughItsWholeLifecycle(_ scheme: String) async throws {
        let harness = try await OperatorHarness(servers: 1)
        defer { Task { await harness.stop() } }
        let image = try await Self.image(in: harness.directory)
        let server = harness.server(1)
        _ = try await harness.store.create(
            Secret(
                metadata: ObjectMeta(name: "node-1-user-data", namespace: "default"),
                stringData: ["userData": "#cloud-config\nhostname: node-1-from-user-data\n"]))
        try await harness.createHost(1, scheme: scheme) { host in
            host.spec.image = HostImage(url: image.url, checksum: image.checksum, checksumType: .sha256)
            host.spec.userData = SecretReference(name: "node-1-user-data")
        }

        let available = try await harness.wait(for: 1, timeout: .seconds(60), "inspected") {
            ($0?.status?.provisioning.state == .provisioned) || $0?.status?.hardware != nil
        }
        let hardware = try #require(available?.status?.hardware)
        #expect(hardware == server.tree.expectedInventory)

        let provisioned = try await harness.wait(for: 1, state: .provisioned, timeout: .seconds(60))
        #expect(provisioned.status?.errorType == nil)
        #expect(provisioned.status?.provisioning.image?.url == image.url)
        let payload = image.image.payload
        #expect(try await server.diskBytes(count: payload.count, offset: 512)[...] == payload)
        #expect(try await server.configDriveHolds("hostname: node-1-from-user-data"))
        _ = try await harness.wait(for: 1, "powered on from disk") { $0?.status?.poweredOn == true }
        #expect(await server.poweredOn)
        #expect(await server.bootedFromDisk >= 1)
        let boots = await server.boots
        #expect(boots.contains(scheme == "ipmi" ? .pxe : .cdrom))
        #expect(boots.last == .disk)
        let reasons = try await harness.events(of: 1).compactMap(\.reason)
        for reason in ["InspectionComplete", "ProvisioningStarted", "ImageWritten", "ProvisioningComplete"] {
            #expect(reasons.contains(reason), "events: \(reasons)")
        }

        _ = try await harness.store.modify(BareMetalHost.self, namespace: "default", name: "node-1") {
            $0.spec.image = nil
        }
        _ = try await harness.wait(for: 1, "deprovisioned") {
            $0?.status?.provisioning.state == .available && $0?.status?.provisioning.image == nil
        }
        #expect(try await server.diskBytes(count: 4096) == [UInt8](repeating: 0, count: 4096))

        _ = try await harness.store.delete(BareMetalHost.self, namespace: "default", name: "node-1")
        try await harness.wait(for: 1, "deleted") { $0 == nil }
        #expect(await server.poweredOn == false)
    }
}
