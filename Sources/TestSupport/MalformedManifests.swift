import Foundation

/// One malformed manifest input and the text its error must contain.
public struct MalformedManifest: Sendable, CustomStringConvertible {
    public var name: String
    /// The error output must contain this (it names the field or the reason).
    public var expectedError: String
    private var makeData: @Sendable () -> Data

    public init(_ name: String, expectedError: String, data: @escaping @Sendable () -> Data) {
        self.name = name
        self.expectedError = expectedError
        self.makeData = data
    }

    public init(_ name: String, expectedError: String, yaml: String) {
        self.init(name, expectedError: expectedError, data: { Data(yaml.utf8) })
    }

    /// The input's bytes (built on demand: some cases are megabytes).
    public var data: Data { self.makeData() }

    public var description: String { self.name }
}

/// Malformed inputs every layer must refuse with a clear error: the model's decoder and
/// validator (FoundryModelTests) and `foundry apply` (FoundryCLITests: non-zero exit, store
/// unchanged). Each case is otherwise a valid manifest, so the named fault is the only one.
public enum MalformedManifests {
    static let secret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: node-1-bmc
        type: Opaque
        data:
          username: YWRtaW4=
          password: cGFzc3dvcmQ=

        """

    /// A valid host; cases replace one line of it.
    static let host = """
        apiVersion: metal3.io/v1alpha1
        kind: BareMetalHost
        metadata:
          name: node-1
          labels:
            rack: r1
        spec:
          online: true
          bootMACAddress: "52:54:00:aa:bb:01"
          bmc:
            address: redfish://10.0.0.1/redfish/v1/Systems/1
            credentialsName: node-1-bmc

        """

    static func host(replacing old: String, with new: String) -> String {
        precondition(Self.host.contains(old), "test table: \(old) is not in the host template")
        return Self.secret + "---\n" + Self.host.replacingOccurrences(of: old, with: new)
    }

    static func hostCase(_ name: String, _ old: String, _ new: String, expect: String) -> MalformedManifest {
        MalformedManifest(name, expectedError: expect, yaml: Self.host(replacing: old, with: new))
    }

    static let machine = """
        apiVersion: cluster.foundry.dev/v1alpha1
        kind: Machine
        metadata: {name: m-0}
        spec:
          clusterName: prod
          version: v1.31.2
          hostSelector:
            matchExpressions:
            - {key: role, operator: In, values: [worker]}

        """

    static let machineDeployment = """
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
          image: {url: "http://images.example/os.qcow2", checksum: "http://images.example/os.qcow2.sha256"}
          controlPlane: {replicas: 3}

        """

    public static let all: [MalformedManifest] = [
        // Broken YAML.
        MalformedManifest(
            "unclosed flow mapping", expectedError: "did not find expected ',' or '}'",
            yaml: Self.secret.replacingOccurrences(
                of: "  name: node-1-bmc", with: "  labels: {rack: r1\n  name: node-1-bmc")),
        MalformedManifest(
            "bad indentation", expectedError: "mapping values are not allowed in this context",
            yaml: "apiVersion: v1\nkind: Secret\nmetadata: name: x\n"),
        MalformedManifest(
            "tab indentation", expectedError: "found character that cannot start any token",
            yaml: "apiVersion: v1\nkind: Secret\nmetadata:\n\tname: x\n"),
        MalformedManifest(
            "duplicate key", expectedError: "metadata: duplicate key \"name\"",
            yaml: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n  name: y\n"),
        MalformedManifest(
            "not a mapping", expectedError: "document is not a mapping (found array)",
            yaml: "- apiVersion: v1\n- kind: Secret\n"),
        MalformedManifest(
            "unsupported tag", expectedError: "unsupported YAML tag !!binary",
            yaml: Self.secret.replacingOccurrences(of: "username: YWRtaW4=", with: "username: !!binary YWRtaW4=")),
        // Types and kinds.
        hostCase(
            "wrong apiVersion", "apiVersion: metal3.io/v1alpha1", "apiVersion: metal3.io/v1beta1",
            expect:
                "apiVersion: unsupported apiVersion \"metal3.io/v1beta1\" for kind BareMetalHost (expected metal3.io/v1alpha1)"
        ),
        hostCase(
            "missing apiVersion", "apiVersion: metal3.io/v1alpha1\n", "", expect: "apiVersion: required field missing"),
        hostCase(
            "unknown kind", "kind: BareMetalHost", "kind: BareMetalHots",
            expect: "kind: unknown kind \"BareMetalHots\" (did you mean \"BareMetalHost\"?)"),
        hostCase("missing kind", "kind: BareMetalHost\n", "", expect: "kind: required field missing"),
        hostCase(
            "unknown field", "    address:", "    adress:",
            expect: "spec.bmc.adress: unknown field (did you mean \"address\"?)"),
        hostCase("unknown top-level field", "spec:", "specs:", expect: "specs: unknown field (did you mean \"spec\"?)"),
        hostCase(
            "wrong type", "online: true", "online: \"sometimes\"",
            expect: "spec.online: expected boolean, got string \"sometimes\""),
        hostCase("missing required field", "  online: true\n", "", expect: "spec.online: required field missing"),
        // BMC addresses.
        hostCase(
            "bad scheme", "redfish://10.0.0.1", "ipmii://10.0.0.1",
            expect: "spec.bmc.address: unsupported scheme \"ipmii\" (known: ipmi, libvirt, redfish"),
        hostCase(
            "bad transport", "redfish://10.0.0.1", "redfish+ftp://10.0.0.1",
            expect: "spec.bmc.address: unsupported transport \"+ftp\""),
        hostCase(
            "bad port", "redfish://10.0.0.1/redfish/v1/Systems/1", "ipmi://10.0.0.1:99999",
            expect: "spec.bmc.address: invalid port \"99999\""),
        hostCase(
            "bad IPv6 literal", "redfish://10.0.0.1", "redfish://[fd00::1::2]",
            expect: "spec.bmc.address: invalid IPv6 address \"fd00::1::2\""),
        hostCase(
            "credentials in the address", "redfish://10.0.0.1", "redfish://admin:secret@10.0.0.1",
            expect: "spec.bmc.address: credentials belong in the Secret"),
        hostCase(
            "empty credentialsName", "credentialsName: node-1-bmc", "credentialsName: \"\"",
            expect: "spec.bmc.credentialsName: required when spec.bmc.address is set"),
        hostCase(
            "missing credentialsName", "    credentialsName: node-1-bmc\n", "",
            expect: "spec.bmc.credentialsName: required field missing"),
        hostCase(
            "libvirt without bootMACAddress", "  bootMACAddress: \"52:54:00:aa:bb:01\"\n",
            "  # no boot MAC\n", expect: "spec.bootMACAddress: required for libvirt:// BMC addresses"
        )
        .replacingHost("redfish://10.0.0.1/redfish/v1/Systems/1", with: "libvirt://192.168.122.1:6233/"),
        hostCase(
            "secure boot over IPMI", "  online: true", "  online: true\n  bootMode: UEFISecureBoot",
            expect: "spec.bootMode: UEFISecureBoot is not supported by ipmi:// BMCs"
        )
        .replacingHost("redfish://10.0.0.1/redfish/v1/Systems/1", with: "ipmi://10.0.0.1"),
        // Formats, enums, ranges.
        hostCase(
            "bad MAC", "52:54:00:aa:bb:01", "52:54:00:aa:bb",
            expect: "spec.bootMACAddress: invalid MAC address (expected six colon-separated hex pairs"),
        hostCase(
            "bad enum", "  online: true", "  online: true\n  bootMode: uefi",
            expect: "spec.bootMode: unsupported value \"uefi\" (did you mean \"UEFI\"?)"),
        hostCase(
            "bad checksum type", "  online: true",
            "  online: true\n  image: {url: \"http://i.example/os.img\", checksum: abc, checksumType: sha1}",
            expect: "spec.image.checksumType: unsupported value \"sha1\""),
        hostCase(
            "image without checksum", "  online: true", "  online: true\n  image: {url: \"http://i.example/os.qcow2\"}",
            expect: "spec.image.checksum: required unless spec.image.format is live-iso"),
        hostCase(
            "negative size hint", "  online: true", "  online: true\n  rootDeviceHints: {minSizeGigabytes: -20}",
            expect: "spec.rootDeviceHints.minSizeGigabytes: must be >= 0 (got -20)"),
        hostCase(
            "bad device hint", "  online: true", "  online: true\n  rootDeviceHints: {deviceName: sda}",
            expect: "spec.rootDeviceHints.deviceName: invalid device name"),
        hostCase(
            "power-off disabled while offline", "online: true", "online: false\n  disablePowerOff: true",
            expect: "spec.disablePowerOff: cannot be true while spec.online is false"),
        hostCase(
            "cross-namespace secret reference", "  online: true",
            "  online: true\n  userData: {name: user-data, namespace: other-team}",
            expect: "spec.userData.namespace: cross-namespace Secret references are not allowed"),
        // Names, labels, namespaces.
        hostCase(
            "bad label key", "    rack: r1", "    -rack: r1",
            expect: "metadata.labels[\"-rack\"]: invalid label key \"-rack\""),
        hostCase(
            "bad label value", "    rack: r1", "    rack: \"rack 1\"",
            expect: "metadata.labels[\"rack\"]: invalid label value \"rack 1\""),
        hostCase(
            "long label prefix", "    rack: r1", "    \(String(repeating: "a", count: 254)).example/rack: r1",
            expect: "prefix part must be no more than 253 characters"),
        hostCase(
            "host name that is a UUID", "  name: node-1", "  name: 4b1c6e4e-2f6a-4c3e-9d55-0b9d2b8f8e11",
            expect:
                "metadata.name: invalid name \"4b1c6e4e-2f6a-4c3e-9d55-0b9d2b8f8e11\": BareMetalHost names must not be a UUID"
        ),
        hostCase(
            "host name with a slash", "  name: node-1", "  name: rack1/node-1",
            expect: "BareMetalHost names may contain only letters, digits, '.', '_' and '-'"),
        MalformedManifest(
            "secret name with capitals", expectedError: "metadata.name: invalid name \"Node_1\"",
            yaml: Self.secret.replacingOccurrences(of: "name: node-1-bmc", with: "name: Node_1")),
        hostCase(
            "bad namespace", "  name: node-1", "  name: node-1\n  namespace: Lab_A",
            expect: "metadata.namespace: invalid namespace \"Lab_A\""),
        MalformedManifest(
            "two objects with one name",
            expectedError: "duplicate BareMetalHost default/node-1 (first defined in document 2)",
            yaml: Self.host(replacing: "rack: r1", with: "rack: r1") + "---\n" + Self.host),
        MalformedManifest(
            "bad base64 in a Secret", expectedError: "data[\"password\"]: invalid base64 data",
            yaml: Self.secret.replacingOccurrences(of: "cGFzc3dvcmQ=", with: "not base64!")),
        // Cluster kinds.
        MalformedManifest(
            "bad selector operator",
            expectedError: "spec.hostSelector.matchExpressions[0].operator: unsupported value \"Contains\"",
            yaml: Self.machine.replacingOccurrences(of: "operator: In", with: "operator: Contains")),
        MalformedManifest(
            "negative replicas", expectedError: "spec.replicas: must be >= 0 (got -1)",
            yaml: Self.machineDeployment.replacingOccurrences(of: "replicas: 2", with: "replicas: -1")),
        MalformedManifest(
            "selector not matching the template",
            expectedError: "spec.selector: does not match spec.template.metadata.labels",
            yaml: Self.machineDeployment.replacingOccurrences(of: "labels: {pool: md-0}", with: "labels: {pool: md-1}")),
        MalformedManifest(
            "even control plane", expectedError: "spec.controlPlane.replicas: must be odd (got 2)",
            yaml: Self.cluster.replacingOccurrences(of: "replicas: 3", with: "replicas: 2")),
        MalformedManifest(
            "bad Kubernetes version",
            expectedError: "spec.version: invalid Kubernetes version (expected e.g. v1.31.2) (got \"1.31\")",
            yaml: Self.cluster.replacingOccurrences(of: "version: v1.31.2", with: "version: \"1.31\"")),
        // Hostile input.
        MalformedManifest(
            "binary garbage", expectedError: "byte 0: invalid UTF-8 byte 0x89",
            data: {
                Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
                    + Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
            }),
        MalformedManifest(
            "non-UTF-8 text", expectedError: "invalid UTF-8 byte 0xE9",
            data: {
                Data(
                    Self.secret.replacingOccurrences(of: "type: Opaque", with: "type: caf\u{E9}").utf8.map {
                        $0 == 0xC3 ? 0xE9 : $0
                    }.filter { $0 != 0xA9 })
            }),
        MalformedManifest(
            "NUL byte", expectedError: "control character 0x00 (binary data?)",
            data: { Data(Self.secret.utf8) + Data([0x00]) }),
        MalformedManifest(
            "10 MiB document", expectedError: "over the 4194304-byte (4 MiB) limit",
            data: {
                Data("apiVersion: v1\nkind: Secret\nmetadata: {name: big}\nstringData:\n  blob: ".utf8)
                    + Data(repeating: UInt8(ascii: "x"), count: 10 << 20) + Data("\n".utf8)
            }),
        MalformedManifest(
            "alias bomb", expectedError: "YAML aliases expand to more than 100000 nodes",
            data: {
                var lines = [
                    "apiVersion: v1", "kind: Secret", "metadata: {name: lol}",
                    "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]",
                ]
                for level in 1...9 {
                    lines.append(
                        "l\(level): &l\(level) ["
                            + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
                }
                return Data((lines.joined(separator: "\n") + "\n").utf8)
            }),
        MalformedManifest(
            "deep nesting", expectedError: "nesting deeper than 64 levels",
            data: {
                Data(
                    ("apiVersion: v1\nkind: Secret\nmetadata: {name: deep}\nstringData:\n"
                        + String(repeating: "- ", count: 100_000) + "x\n").utf8)
            }),
    ]
}

extension MalformedManifest {
    /// The same case with another piece of the text replaced (for host cases needing another
    /// BMC scheme).
    func replacingHost(_ old: String, with new: String) -> MalformedManifest {
        let base = self
        return MalformedManifest(self.name, expectedError: self.expectedError) {
            let text = String(decoding: base.data, as: UTF8.self)
            precondition(text.contains(old), "test table: \(old) is not in case \(base.name)")
            return Data(text.replacingOccurrences(of: old, with: new).utf8)
        }
    }
}
