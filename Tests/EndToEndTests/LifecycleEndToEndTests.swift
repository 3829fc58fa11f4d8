import Foundation
import FoundryModel
import FoundryStore
import Simulator
import TestSupport
import Testing

/// The whole BareMetalHost lifecycle through the real IPMI and Redfish drivers against the
/// simulator, whose servers boot the agent (PXE or virtual media) and then their installed OS.
@Suite(.serialized)
struct LifecycleEndToEndTests {
    static let servers: [EndToEndRig.Server] = [
        .init(name: "ipmi-1", scheme: "ipmi", vendor: "generic", hardware: "small"),
        .init(name: "redfish-1", scheme: "redfish", vendor: "supermicro", hardware: "small"),
        .init(name: "rfvm-1", scheme: "redfish-virtualmedia", vendor: "generic", hardware: "small"),
        .init(name: "idrac-1", scheme: "idrac-virtualmedia", vendor: "dell-idrac9", hardware: "small"),
        .init(name: "ilo-1", scheme: "ilo5-virtualmedia", vendor: "hpe-ilo5", hardware: "small"),
    ]

    @Test(arguments: Self.servers)
    func aHostGoesThroughItsWholeLifecycle(_ server: EndToEndRig.Server) async throws {
        let rig = try await EndToEndRig([server])
        defer { Task { await rig.stop() } }
        let name = server.name
        let image = SampleDiskImage(size: 256 << 10, seed: 11)
        let imageFile = rig.directory.file("os.img")
        let checksum = try await image.write(to: imageFile)
        _ = try await rig.store.create(
            Secret(
                metadata: ObjectMeta(name: "\(name)-user-data", namespace: "default"),
                stringData: ["userData": "#cloud-config\nhostname: \(name)-from-user-data\n"]))
        try await rig.createHost(name) { host in
            host.spec.image = HostImage(url: imageFile.absoluteString, checksum: checksum, checksumType: .sha256)
            host.spec.userData = SecretReference(name: "\(name)-user-data")
        }
        let simulated = try rig.member(name).server

        // registering -> inspecting: the inventory equals the server's hardware profile.
        let inspected = try await rig.wait(for: name, "inspected") { $0?.status?.hardware != nil }
        #expect(inspected?.status?.hardware == (try rig.tree(name).expectedInventory))

        // -> provisioning -> provisioned: the image and the config drive are on the disk, and the
        // server booted its installed OS from it.
        let provisioned = try await rig.wait(for: name, state: .provisioned)
        #expect(provisioned.status?.errorType == nil)
        #expect(provisioned.status?.provisioning.image?.url == imageFile.absoluteString)
        try await rig.eventually("booted from disk") {
            if case .installedOS = await simulated.runningSystem { return true }
            return false
        }
        guard case .installed(let system) = DiskBootProbe.probe(try rig.tree(name)) else {
            Issue.record("no installed OS found on \(name)'s disks")
            return
        }
        #expect(system.hostname == name)
        #expect(system.userDataBytes == "#cloud-config\nhostname: \(name)-from-user-data\n".utf8.count)
        let payload = image.payload
        #expect(try rig.diskBytes(name, disk: system.disk, count: payload.count, offset: 512)[...] == payload)
        #expect(await simulated.isPoweredOn)
        _ = try await rig.wait(for: name, "seen powered on") { $0?.status?.poweredOn == true }
        #expect(await simulated.stats.diskWrites > 0)

        // image removed -> deprovisioning (disk cleaned) -> available.
        _ = try await rig.store.modify(BareMetalHost.self, namespace: "default", name: name) { $0.spec.image = nil }
        _ = try await rig.wait(for: name, "deprovisioned") {
            $0?.status?.provisioning.state == .available && $0?.status?.provisioning.image == nil
        }
        if case .installed = DiskBootProbe.probe(try rig.tree(name)) {
            Issue.record("\(name)'s disk still boots after cleaning")
        }

        let reasons = try await rig.events(of: name).compactMap(\.reason)
        for reason in ["InspectionComplete", "ProvisioningComplete"] {
            #expect(reasons.contains(reason), "events: \(reasons)")
        }

        // deleted: powered off, gone.
        _ = try await rig.store.delete(BareMetalHost.self, namespace: "default", name: name)
        try await rig.wait(for: name, "deleted") { $0 == nil }
        #expect(await simulated.isPoweredOn == false)
    }
}

extension EndToEndRig.Server: CustomTestStringConvertible {
    var testDescription: String { self.scheme }
}
