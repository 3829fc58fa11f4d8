import Foundation
import FoundryModel
import Testing

/// The example manifests users start from decode and validate cleanly, and say what they claim.
struct ExamplesTests {
    static let directory = Fixtures.repositoryRoot.appendingPathComponent("examples")

    static func decode(_ name: String) throws -> ManifestDecodeResult {
        let data = try Data(contentsOf: self.directory.appendingPathComponent(name))
        return ManifestDecoder().decode(data, source: "examples/\(name)")
    }

    @Test func hostsYAMLHasEightValidHostsWithTheirSecrets() throws {
        let result = try Self.decode("hosts.yaml")
        #expect(result.problems == [])
        #expect(result.warnings == [])
        let hosts = result.resources.compactMap { resource -> BareMetalHost? in
            if case .bareMetalHost(let host) = resource { host } else { nil }
        }
        let secrets = Set(result.resources.filter { $0.kind == .secret }.map(\.name))
        #expect(hosts.count == 8)
        for host in hosts {
            let credentials = try #require(host.spec.bmc?.credentialsName)
            #expect(secrets.contains(credentials), "\(host.name) names a Secret the file lacks")
            #expect(host.metadata.labels?["rack"] != nil && host.metadata.labels?["role"] != nil)
        }
        let drivers = Set(try hosts.map { try BMCAddress.parse(try #require($0.spec.bmc?.address)).driver })
        #expect(drivers.isSuperset(of: [.ipmi, .redfish, .redfishVirtualMedia, .idracVirtualMedia, .ilo5VirtualMedia]))
        // The examples drive the simulator: every BMC is on loopback.
        #expect(try hosts.allSatisfy { try BMCAddress.parse(try #require($0.spec.bmc?.address)).host == "127.0.0.1" })
    }

    @Test func clusterYAMLIsValidAndItsSelectorsFindHostsInHostsYAML() throws {
        let result = try Self.decode("cluster.yaml")
        #expect(result.problems == [])
        #expect(result.resources.map(\.kind) == [.cluster, .secret, .machineDeployment])
        let hosts = try Self.decode("hosts.yaml").resources.compactMap { resource -> BareMetalHost? in
            if case .bareMetalHost(let host) = resource { host } else { nil }
        }
        guard case .cluster(let cluster) = result.resources[0],
            case .machineDeployment(let deployment) = result.resources[2]
        else {
            Issue.record("unexpected kinds")
            return
        }
        let controlPlaneHosts = hosts.filter {
            cluster.spec.controlPlane.hostSelector?.matches($0.metadata.labels) ?? true
        }
        #expect(controlPlaneHosts.count >= cluster.spec.controlPlane.replicas)
        for pool in cluster.spec.workers ?? [] {
            #expect(hosts.filter { pool.hostSelector?.matches($0.metadata.labels) ?? true }.count >= pool.replicas)
        }
        let storageHosts = hosts.filter {
            deployment.spec.template.spec.hostSelector?.matches($0.metadata.labels) ?? true
        }
        #expect(storageHosts.count >= deployment.spec.replicas ?? 1)
        #expect(deployment.spec.template.spec.bootstrap?.dataSecretName == result.resources[1].name)
    }

    @Test func examplesTogetherHaveNoDuplicates() throws {
        let data = try ["hosts.yaml", "cluster.yaml"].map {
            (source: Optional("examples/\($0)"), data: try Data(contentsOf: Self.directory.appendingPathComponent($0)))
        }
        #expect(ManifestDecoder().decode(data).problems == [])
    }
}
