import Foundation
import FoundryModel
import Testing

struct ManifestDecoderTests {
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
            address: redfish+https://10.0.0.1/redfish/v1/Systems/1
            credentialsName: node-1-bmc

        """

    @Test(arguments: Fixtures.metal3Names)
    func metal3SamplesDecodeValidateAndRoundTrip(_ name: String) throws {
        // worker-0's user data lives in openshift-machine-api; Metal3 (and Foundry) reject a
        // cross-namespace reference, so the sample is valid applied into that namespace.
        let namespace = name.contains("libvirt") ? "openshift-machine-api" : nil
        let decoder = ManifestDecoder(namespace: namespace)
        let result = decoder.decode(try Fixtures.metal3(name), source: name)
        #expect(result.problems == [])
        #expect(result.warnings == [])
        #expect(result.resources.map(\.kind) == [.secret, .bareMetalHost])

        let yaml = try ManifestEncoder.yaml(result.resources)
        let again = decoder.decode(yaml, source: "round-trip.yaml")
        #expect(again.problems == [])
        #expect(again.resources == result.resources)

        let json = try ManifestEncoder.json(result.resources)
        #expect(decoder.decode(json).resources == result.resources)
    }

    @Test func metal3SampleTreeSurvivesRoundTripWithoutDroppingAField() throws {
        // Compare the raw trees, not only the Swift values: a field the model lacked would vanish
        // from the re-encoded tree while both Swift values still compared equal.
        for name in Fixtures.metal3Names {
            let data = try Fixtures.metal3(name)
            let text = String(decoding: data, as: UTF8.self)
            let original = try ManifestDecoder().trees(Data(text.utf8))
            let decoded = ManifestDecoder(validates: false).decode(data).resources
            let encoded = try decoded.map { try $0.encoded() }
            #expect(encoded == original, "\(name)")
        }
    }

    @Test func libvirtSampleInTheDefaultNamespaceIsACrossNamespaceReference() throws {
        let result = ManifestDecoder().decode(try Fixtures.metal3("bmh-libvirt-worker-0.yaml"), source: "w0.yaml")
        #expect(
            result.problems.map(\.description) == [
                "w0.yaml: document 2 (BareMetalHost default/worker-0, line 27): spec.userData.namespace: cross-namespace Secret references are not allowed (Secret in \"openshift-machine-api\", object in \"default\")"
            ])
    }

    @Test func unknownFieldNamesItsPathAndTheNearestField() {
        let text = Self.host.replacingOccurrences(of: "    address:", with: "    adress:")
        let result = ManifestDecoder().decode(text, source: "hosts.yaml")
        #expect(
            result.problems.map(\.description).contains(
                "hosts.yaml: document 1 (BareMetalHost default/node-1, line 11): spec.bmc.adress: unknown field (did you mean \"address\"?)"
            ))
        #expect(
            result.problems.map(\.description).contains { $0.hasSuffix("spec.bmc.address: required field missing") })
    }

    @Test func everyProblemInEveryDocumentIsReported() {
        let text = """
            apiVersion: metal3.io/v1alpha1
            kind: BareMetalHost
            metadata: {name: a}
            spec:
              online: true
              bootMode: uefi
              bmc: {address: "ipmii://1.2.3.4", credentialsName: a-bmc}
            ---
            apiVersion: metal3.io/v1
            kind: BareMetalHost
            metadata: {name: b}
            spec: {online: true}
            ---
            apiVersion: v1
            kind: Secrte
            metadata: {name: c}
            ---
            apiVersion: metal3.io/v1alpha1
            kind: BareMetalHost
            metadata: {name: d}
            spec:
              online: true
              bootMACAddress: "00:11:22:33:44"
              rootDeviceHints: {minSizeGigabytes: -1}

            """
        let problems = ManifestDecoder().decode(text, source: "f.yaml").problems.map(\.description)
        #expect(
            problems == [
                "f.yaml: document 1 (BareMetalHost default/a, line 6): spec.bootMode: unsupported value \"uefi\" (did you mean \"UEFI\"?)",
                "f.yaml: document 1 (BareMetalHost default/a, line 7): spec.bmc.address: unsupported scheme \"ipmii\" (known: ipmi, libvirt, redfish, redfish-virtualmedia, redfish-uefihttp, idrac-redfish, idrac-virtualmedia, ilo5-redfish, ilo5-virtualmedia)",
                "f.yaml: document 2 (BareMetalHost default/b, line 9): apiVersion: unsupported apiVersion \"metal3.io/v1\" for kind BareMetalHost (expected metal3.io/v1alpha1)",
                "f.yaml: document 3 (Secrte default/c, line 15): kind: unknown kind \"Secrte\" (did you mean \"Secret\"?)",
                "f.yaml: document 4 (BareMetalHost default/d, line 23): spec.bootMACAddress: invalid MAC address (expected six colon-separated hex pairs, e.g. 00:1a:74:74:e5:cb) (got \"00:11:22:33:44\")",
                "f.yaml: document 4 (BareMetalHost default/d, line 24): spec.rootDeviceHints.minSizeGigabytes: must be >= 0 (got -1)",
            ])
    }

    @Test func fieldsFoundryDoesNotActOnAreAcceptedWithAWarning() throws {
        let text =
            Self.host + """
                  raid:
                    hardwareRAIDVolumes:
                    - level: "1"
                  customDeploy: {method: install_coreos}
                  preprovisioningNetworkDataName: node-1-net

                """
        let result = ManifestDecoder().decode(text, source: "h.yaml")
        #expect(result.problems == [])
        #expect(
            result.warnings.map(\.description) == [
                "warning: h.yaml: document 1 (BareMetalHost default/node-1): spec.raid: accepted for Metal3 compatibility; Foundry does not act on this field yet",
                "warning: h.yaml: document 1 (BareMetalHost default/node-1): spec.customDeploy: accepted for Metal3 compatibility; Foundry does not act on this field yet",
                "warning: h.yaml: document 1 (BareMetalHost default/node-1): spec.preprovisioningNetworkDataName: accepted for Metal3 compatibility; Foundry does not act on this field yet",
            ])
        guard case .bareMetalHost(let host) = try #require(result.resources.first) else {
            Issue.record("expected a BareMetalHost")
            return
        }
        #expect(host.spec.raid?.hardwareRAIDVolumes?.first?.level == "1")
        #expect(host.spec.customDeploy?.method == "install_coreos")
    }

    @Test func twoObjectsWithOneNameInOneInputAreAProblem() {
        let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: b}\n"
        let result = ManifestDecoder().decode("---\n" + secret + "---\n" + secret, source: "dup.yaml")
        #expect(
            result.problems.map(\.description) == [
                "dup.yaml: document 2 (Secret default/s): metadata.name: duplicate Secret default/s (first defined in document 1)"
            ])
    }

    @Test func duplicatesAcrossFilesNameBothFiles() {
        let secret = Data("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n".utf8)
        let result = ManifestDecoder().decode([("a.yaml", secret), ("b.yaml", secret)])
        #expect(
            result.problems.map(\.description) == [
                "b.yaml: document 1 (Secret default/s): metadata.name: duplicate Secret default/s (first defined in a.yaml document 1)"
            ])
    }

    @Test func sameNameInDifferentNamespacesOrKindsIsFine() {
        let text = """
            apiVersion: v1
            kind: Secret
            metadata: {name: s, namespace: a}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: s, namespace: b}
            ---
            apiVersion: cluster.foundry.dev/v1alpha1
            kind: Machine
            metadata: {name: s, namespace: a}
            spec: {clusterName: c}

            """
        #expect(ManifestDecoder().decode(text).problems == [])
    }

    @Test func namespaceOptionFillsInAndConflictsAreReported() throws {
        let text =
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: t, namespace: other}\n"
        let result = ManifestDecoder(namespace: "lab").decode(text)
        #expect(result.resources.first?.metadata.namespace == "lab")
        #expect(
            result.problems.map(\.description) == [
                "document 2 (Secret other/t, line 7): metadata.namespace: namespace \"other\" does not match the requested namespace \"lab\""
            ])
    }

    @Test func jsonDocumentsAndListsDecode() throws {
        let json = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "a"}, "data": {"k": "dg=="}},
              {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "b"}, "stringData": {"k": "v"}}
            ]}
            """
        let result = ManifestDecoder().decode(json, source: "list.json")
        #expect(result.problems == [])
        #expect(result.resources.map(\.name) == ["a", "b"])
        let tabbed = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Secret\",\n\t\"metadata\": {\"name\": \"t\"}\n}\n"
        #expect(ManifestDecoder().decode(tabbed).resources.map(\.name) == ["t"])
    }

    @Test func problemsPointAtTheLineOfTheirField() {
        let list = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "a"}},
              {"apiVersion": "v1", "kind": "Secret",
               "metadata": {"name": "b"},
               "strngData": {"k": "v"}}
            ]}
            """
        #expect(
            ManifestDecoder().decode(list, source: "l.json").problems.map(\.description) == [
                "l.json: document 1 item 2 (Secret default/b, line 5): strngData: unknown field (did you mean \"stringData\"?)"
            ])
        // A missing field points at its parent.
        let text = "apiVersion: v1\nkind: Event\nmetadata:\n  name: e\nreason: Tested\n"
        #expect(
            ManifestDecoder().decode(text).problems.map(\.description) == [
                "document 1 (Event default/e, line 1): involvedObject: required field missing"
            ])
    }

    @Test func wrongTypesAreNamedWithWhatWasFound() {
        let text = """
            apiVersion: metal3.io/v1alpha1
            kind: BareMetalHost
            metadata: {name: x, labels: {rack: 7}}
            spec: {online: "maybe"}

            """
        let problems = ManifestDecoder().decode(text).problems.map(\.description)
        #expect(
            problems == [
                "document 1 (BareMetalHost default/x, line 3): metadata.labels[\"rack\"]: expected string, got integer 7",
                "document 1 (BareMetalHost default/x, line 4): spec.online: expected boolean, got string \"maybe\"",
            ])
    }

    @Test func yamlSyntaxErrorsNameTheLineAndTheOtherDocumentsStillDecode() {
        let text =
            "apiVersion: v1\nkind: Secret\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Secret\nmetadata: [name: x\n"
        let result = ManifestDecoder().decode(text, source: "broken.yaml")
        #expect(result.resources.map(\.name) == ["ok"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.description.hasPrefix("broken.yaml: document 2 (line ") == true)
    }

    @Test func emptyDocumentsAndCommentsAreSkipped() {
        let text = "# hosts\n---\n---\n# nothing\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n...\n"
        let result = ManifestDecoder().decode(text)
        #expect(result.problems == [])
        #expect(result.resources.map(\.name) == ["s"])
    }

    @Test func yamlMergeKeysAndAliasesWork() throws {
        let text = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: s
              labels: &common {rack: r1, role: worker}
              annotations:
                <<: *common
                role: control-plane

            """
        let result = ManifestDecoder().decode(text)
        #expect(result.problems == [])
        let metadata = try #require(result.resources.first?.metadata)
        #expect(metadata.labels == ["rack": "r1", "role": "worker"])
        #expect(metadata.annotations == ["rack": "r1", "role": "control-plane"])
    }

    @Test func duplicateKeysAreRefused() {
        let result = ManifestDecoder().decode("apiVersion: v1\nkind: Secret\nmetadata: {name: a, name: b}\n")
        #expect(result.problems.map(\.description) == ["document 1 (line 3): metadata: duplicate key \"name\""])
    }
}
