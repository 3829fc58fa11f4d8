import Foundation
import FoundryModel
import Testing

/// The CRDs in `crds/` are generated from the same schemas the decoder enforces; these tests
/// keep the committed files in step (set FOUNDRY_UPDATE_CRDS=1 to rewrite them).
struct CRDTests {
    static let directory = Fixtures.repositoryRoot.appendingPathComponent("crds")

    @Test(arguments: CustomResourceDefinitions.all.map(\.fileName))
    func committedCRDIsUpToDate(_ fileName: String) throws {
        let kind = try #require(CustomResourceDefinitions.all.first { $0.fileName == fileName }?.kind)
        let generated = CustomResourceDefinitions.yaml(for: kind)
        let url = Self.directory.appendingPathComponent(fileName)
        if ProcessInfo.processInfo.environment["FOUNDRY_UPDATE_CRDS"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(
            committed == generated,
            "crds/\(fileName) is out of date: run FOUNDRY_UPDATE_CRDS=1 swift test --filter CRDTests and commit the result"
        )
    }

    @Test func everyCustomKindHasACRDAndNoOtherFilesLinger() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter {
            $0.hasSuffix(".yaml")
        }
        #expect(Set(files) == Set(CustomResourceDefinitions.all.map(\.fileName)))
        #expect(
            CustomResourceDefinitions.all.map(\.kind.kind).sorted() == [
                "BareMetalHost", "Cluster", "Machine", "MachineDeployment",
            ])
    }

    @Test func bareMetalHostCRDHasMetal3sNamesColumnsAndStatus() throws {
        let crd = CustomResourceDefinitions.crd(for: .bareMetalHost)
        #expect(crd.value(atPath: ".metadata.name") == "baremetalhosts.metal3.io")
        #expect(crd.value(atPath: ".spec.group") == "metal3.io")
        #expect(crd.value(atPath: ".spec.names.shortNames") == ["bmh", "bmhost"])
        #expect(crd.value(atPath: ".spec.scope") == "Namespaced")
        #expect(crd.value(atPath: ".spec.versions[0].name") == "v1alpha1")
        #expect(crd.value(atPath: ".spec.versions[0].subresources.status") == [:])
        let columns = try #require(crd.value(atPath: ".spec.versions[0].additionalPrinterColumns")?.arrayValue)
        #expect(
            columns.compactMap { $0["name"]?.stringValue } == [
                "Status", "State", "Consumer", "BMC", "Online", "Error", "Age",
            ])
        let paths = columns.compactMap { $0["jsonPath"]?.stringValue }
        #expect(paths.contains(".status.provisioning.state"))
        let schema = try #require(crd.value(atPath: ".spec.versions[0].schema.openAPIV3Schema"))
        #expect(schema.value(atPath: ".properties.spec.required") == ["online"])
        #expect(schema.value(atPath: ".properties.spec.properties.bmc.required") == ["address", "credentialsName"])
        #expect(
            schema.value(atPath: ".properties.spec.properties.bootMode.enum") == ["UEFI", "UEFISecureBoot", "legacy"])
        #expect(schema.value(atPath: ".properties.metadata") == ["type": "object"])
    }

    /// Kubernetes' structural schema rules: every node has a type; properties and
    /// additionalProperties never together; no additionalProperties false.
    @Test(arguments: CustomResourceDefinitions.all.map(\.kind.kind))
    func schemasAreStructural(_ kindName: String) throws {
        let kind = try #require(ResourceKinds.lookup(kindName))
        let schema = try #require(
            CustomResourceDefinitions.crd(for: kind).value(atPath: ".spec.versions[0].schema.openAPIV3Schema"))
        var problems: [String] = []
        Self.checkStructural(schema, path: "openAPIV3Schema", problems: &problems)
        #expect(problems == [])
    }

    static func checkStructural(_ node: JSONValue, path: String, problems: inout [String]) {
        guard case .object(let object) = node else {
            problems.append("\(path): not an object")
            return
        }
        if object["type"]?.stringValue == nil {
            problems.append("\(path): no type")
        }
        if object.contains("properties"), object.contains("additionalProperties") {
            problems.append("\(path): properties and additionalProperties together")
        }
        if object["additionalProperties"] == .bool(false) {
            problems.append("\(path): additionalProperties false")
        }
        for member in object["properties"]?.objectValue?.members ?? [] {
            self.checkStructural(member.value, path: "\(path).\(member.key)", problems: &problems)
        }
        if let items = object["items"] {
            self.checkStructural(items, path: "\(path)[]", problems: &problems)
        }
        if let values = object["additionalProperties"], values.objectValue != nil {
            self.checkStructural(values, path: "\(path){}", problems: &problems)
        }
    }
}
