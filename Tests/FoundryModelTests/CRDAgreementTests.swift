import Foundation
import FoundryModel
import TestSupport
import Testing

/// The CRDs and the Swift model give the same verdicts, checked with a real JSON-schema
/// validator (Python `jsonschema` in the project venv, reading the YAML with PyYAML).
struct CRDAgreementTests {
    struct Verdict: Decodable {
        var file: String
        var index: Int
        var kind: String?
        var name: String?
        var crd: Bool
        var valid: Bool?
        var errors: [String]
    }

    /// Runs `crd_validate.py` over `files`; a missing venv fails the test with set-up advice.
    static func validate(_ files: [URL]) async throws -> [Verdict] {
        let python = try ExternalTool.venvPython()
        let script = Fixtures.directory.appendingPathComponent("crd_validate.py").path
        let crds = Fixtures.repositoryRoot.appendingPathComponent("crds").path
        let result = try await ProcessRunner.run(
            python, [script, crds] + files.map(\.path), timeout: .seconds(60))
        #expect(result.status == 0, "crd_validate.py failed: \(result.stderr)")
        return try JSONDecoder().decode([Verdict].self, from: Data(result.stdout.utf8))
    }

    @Test func examplesAndMetal3SamplesValidateAgainstTheCRDs() async throws {
        let examples = ["hosts.yaml", "cluster.yaml"].map {
            Fixtures.repositoryRoot.appendingPathComponent("examples").appendingPathComponent($0)
        }
        let samples = Fixtures.metal3Names.map {
            Fixtures.directory.appendingPathComponent("metal3").appendingPathComponent($0)
        }
        let verdicts = try await Self.validate(examples + samples)
        let custom = verdicts.filter(\.crd)
        #expect(custom.count == 8 + 2 + 3, "BareMetalHosts, Cluster and MachineDeployment checked")
        for verdict in custom {
            #expect(verdict.valid == true, "\(verdict.file) document \(verdict.index): \(verdict.errors)")
        }
        // Only core kinds (Secrets) go without a CRD.
        #expect(verdicts.filter { !$0.crd }.allSatisfy { $0.kind == "Secret" })
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var valid: Bool
        var yaml: String
        var description: String { self.name }
    }

    static let host = """
        apiVersion: metal3.io/v1alpha1
        kind: BareMetalHost
        metadata: {name: node-1}
        spec:
          online: true
          bmc: {address: "redfish://10.0.0.1/redfish/v1/Systems/1", credentialsName: node-1-bmc}

        """

    static func hostCase(_ name: String, valid: Bool, _ extra: String) -> Case {
        Case(name: name, valid: valid, yaml: Self.host + extra)
    }

    static let machine = """
        apiVersion: cluster.foundry.dev/v1alpha1
        kind: Machine
        metadata: {name: m-0}
        spec:
          clusterName: prod

        """

    static let deployment = """
        apiVersion: cluster.foundry.dev/v1alpha1
        kind: MachineDeployment
        metadata: {name: md-0}
        spec:
          clusterName: prod
          replicas: 2
          selector: {matchLabels: {pool: md-0}}
          template:
            metadata: {labels: {pool: md-0}}
            spec: {clusterName: prod, version: v1.31.2}

        """

    static let cluster = """
        apiVersion: cluster.foundry.dev/v1alpha1
        kind: Cluster
        metadata: {name: prod}
        spec:
          version: v1.31.2
          image: {url: "http://images.example/os.qcow2", checksum: abc123}
          controlPlane: {replicas: 3}

        """

    static let cases: [Case] = [
        Case(
            name: "minimal host", valid: true,
            yaml: "apiVersion: metal3.io/v1alpha1\nkind: BareMetalHost\nmetadata: {name: h}\nspec: {online: false}\n"),
        hostCase("host with BMC", valid: true, ""),
        hostCase(
            "host with image", valid: true,
            "  image: {url: \"http://i.example/os.qcow2\", checksum: abc, checksumType: sha256, format: qcow2}\n"),
        hostCase(
            "host with every root device hint", valid: true,
            "  rootDeviceHints: {deviceName: /dev/sda, hctl: \"0:0:0:0\", model: m, vendor: v, serialNumber: s, minSizeGigabytes: 0, wwn: w, wwnWithExtension: w, wwnVendorExtension: w, rotational: false}\n"
        ),
        hostCase(
            "host with hardware RAID", valid: true,
            "  raid: {hardwareRAIDVolumes: [{level: \"1+0\", numberOfPhysicalDisks: 4}]}\n"),
        hostCase(
            "host with status", valid: true,
            "status:\n  operationalStatus: OK\n  errorMessage: \"\"\n  errorCount: 0\n  poweredOn: true\n  provisioning: {state: available, ID: abc}\n  hardware: {ramMebibytes: 65536, cpu: {arch: x86_64, clockMegahertz: 2100.5, count: 32}}\n"
        ),
        Case(
            name: "libvirt host with MAC", valid: true,
            yaml:
                "apiVersion: metal3.io/v1alpha1\nkind: BareMetalHost\nmetadata: {name: w0}\nspec:\n  online: true\n  bootMACAddress: \"00:1a:74:74:e5:cb\"\n  bmc: {address: \"libvirt://192.168.122.1:6233/\", credentialsName: w0-bmc}\n"
        ),
        Case(name: "minimal machine", valid: true, yaml: Self.machine),
        Case(
            name: "machine with selector", valid: true,
            yaml: Self.machine
                + "  version: v1.31.2\n  hostSelector: {matchExpressions: [{key: role, operator: NotIn, values: [storage]}, {key: gpu, operator: DoesNotExist}]}\n  bootstrap: {dataSecretName: m-0-user-data}\n"
        ),
        Case(name: "machine deployment", valid: true, yaml: Self.deployment),
        Case(name: "cluster", valid: true, yaml: Self.cluster),
        Case(
            name: "cluster with workers", valid: true,
            yaml: Self.cluster + "  workers: [{name: md-0, replicas: 0}, {name: md-1, replicas: 5, version: v1.31.3}]\n"
        ),

        hostCase("bad boot mode", valid: false, "  bootMode: uefi\n"),
        hostCase("bad MAC", valid: false, "  bootMACAddress: \"00:1a:74:74:e5\"\n"),
        hostCase("negative size hint", valid: false, "  rootDeviceHints: {minSizeGigabytes: -1}\n"),
        hostCase("bad HCTL", valid: false, "  rootDeviceHints: {hctl: \"0:0:0\"}\n"),
        Case(
            name: "missing online", valid: false, yaml: Self.host.replacingOccurrences(of: "  online: true\n", with: "")
        ),
        Case(
            name: "online as a string", valid: false,
            yaml: Self.host.replacingOccurrences(of: "online: true", with: "online: \"yes please\"")),
        Case(
            name: "unknown field", valid: false,
            yaml: Self.host.replacingOccurrences(of: "credentialsName:", with: "credentials:")),
        hostCase(
            "bad checksum type", valid: false,
            "  image: {url: \"http://i.example/os.img\", checksum: abc, checksumType: sha1}\n"),
        hostCase(
            "bad image format", valid: false,
            "  image: {url: \"http://i.example/os.img\", checksum: abc, format: iso}\n"),
        hostCase("bad RAID level", valid: false, "  raid: {hardwareRAIDVolumes: [{level: \"7\"}]}\n"),
        hostCase(
            "bad operational status", valid: false,
            "status: {operationalStatus: broken, errorMessage: \"\", errorCount: 0, poweredOn: false, provisioning: {state: \"\", ID: \"\"}}\n"
        ),
        Case(
            name: "machine without cluster", valid: false,
            yaml: Self.machine.replacingOccurrences(of: "clusterName: prod", with: "version: v1.31.2")),
        Case(
            name: "bad selector operator", valid: false,
            yaml: Self.machine + "  hostSelector: {matchExpressions: [{key: role, operator: Contains, values: [x]}]}\n"),
        Case(
            name: "negative replicas", valid: false,
            yaml: Self.deployment.replacingOccurrences(of: "replicas: 2", with: "replicas: -1")),
        Case(
            name: "no control plane", valid: false,
            yaml: Self.cluster.replacingOccurrences(of: "replicas: 3", with: "replicas: 0")),
        Case(
            name: "bad version", valid: false,
            yaml: Self.cluster.replacingOccurrences(of: "version: v1.31.2", with: "version: \"1.31\"")),
    ]

    @Test func schemaAndModelGiveTheSameVerdicts() async throws {
        #expect(Self.cases.filter(\.valid).count >= 10)
        #expect(Self.cases.filter { !$0.valid }.count >= 10)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "foundry-crd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [URL] = []
        for (index, sample) in Self.cases.enumerated() {
            let url = directory.appendingPathComponent("case-\(index).yaml")
            try sample.yaml.write(to: url, atomically: true, encoding: .utf8)
            files.append(url)
        }
        let verdicts = try await Self.validate(files)
        #expect(verdicts.count == Self.cases.count)
        for (sample, verdict) in zip(Self.cases, verdicts) {
            let model = ManifestDecoder().decode(sample.yaml)
            let modelValid = model.problems.isEmpty
            #expect(verdict.crd)
            #expect(
                verdict.valid == modelValid,
                "\(sample.name): schema says \(verdict.errors), model says \(model.problems.map(\.description))")
            #expect(modelValid == sample.valid, "\(sample.name): \(model.problems.map(\.description))")
        }
    }
}
