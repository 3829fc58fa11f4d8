import Foundation
import FoundryModel
import TestSupport
import Testing

@testable import FoundryStore

/// The fast reader gives exactly what `JSONDecoder` gives for what the store writes, and leaves
/// anything odd to `JSONDecoder`.
struct ObjectCodecTests {
    static func written(_ object: StoredObject) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(object)
    }

    static func objects() throws -> [StoredObject] {
        let hosts = try String(
            contentsOf: ProjectPaths.root.appendingPathComponent("examples/hosts.yaml"), encoding: .utf8)
        var objects = try ManifestDecoder().decode(hosts).resources.map { try StoredObject($0.resource) }
        var metadata = ObjectMeta(
            name: "odd", namespace: "ns", labels: ["a.example/b": "c"], annotations: ["note": "x"])
        metadata.uid = "0b6f6c1e-0000-4000-8000-000000000001"
        metadata.resourceVersion = "42"
        metadata.generation = 3
        metadata.creationTimestamp = Timestamp(Date(timeIntervalSince1970: 1_700_000_000))
        metadata.finalizers = ["foundry.dev/x"]
        objects.append(
            StoredObject(
                apiVersion: "bench.foundry.dev/v1", kind: "Odd", metadata: metadata,
                content: [
                    "spec": [
                        "text": "quote \" backslash \\ slash / tab \t newline \n bell \u{07} é 日本 🚀",
                        "numbers": [0, -1, .int(Int64.max), .int(Int64.min), 2100.5, -0.25, 1e300, 3.0],
                        "empty": [:], "list": [], "null": .null, "flags": [true, false],
                        "nested": ["deeper": ["deepest": [[1], [2, [3]]]]],
                    ],
                    "status": ["phase": "Running"],
                ]))
        return objects
    }

    @Test func theFastReaderAgreesWithJSONDecoder() throws {
        for object in try Self.objects() {
            let data = try Self.written(object)
            let fast = try #require(ObjectCodec.fastDecode(data), "\(object.key) fell back to JSONDecoder")
            let slow = try JSONDecoder().decode(StoredObject.self, from: data)
            #expect(fast == slow, "\(object.key)")
            #expect(fast == object, "\(object.key)")
        }
    }

    /// Hosts take the pull reader; kinds it does not read, and rows it refuses, the tree.
    @Test func hostsArePulledStraightFromTheRow() throws {
        let host = HostBuilder.host(.provisioned).build()
        let row = try Self.written(try StoredObject(host))
        #expect(ObjectCodec.pull(row, as: BareMetalHost.self) == host)
        let unsorted = Data(
            String(decoding: row, as: UTF8.self).replacingOccurrences(
                of: "{\"apiVersion\"", with: "{\"zz\":1,\"apiVersion\""
            ).utf8)
        #expect(ObjectCodec.pull(unsorted, as: BareMetalHost.self) == nil)
        let directory = try TemporaryDirectory(prefix: "foundry-codec")
        defer { directory.remove() }
        let codec = ObjectCodec(cipher: SecretCipher(key: try KeyFile.loadOrCreate(at: directory.file("key").path)))
        #expect(try codec.decode(unsorted, key: try StoredObject(host).key, as: BareMetalHost.self) == host)
        let machine = Machine(metadata: ObjectMeta(name: "m-0"), spec: MachineSpec(clusterName: "c", version: "v1"))
        #expect(ObjectCodec.pull(try Self.written(try StoredObject(machine)), as: Machine.self) == nil)
    }

    @Test(arguments: [
        "", "{", "[]", "{\"apiVersion\": \"v1\"}",
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\"}} x",
        "{\"apiVersion\":\"v1\",\"apiVersion\":\"v1\",\"kind\":\"S\",\"metadata\":{\"name\":\"a\"}}",
        "{\"kind\":\"S\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\"},\"kind\":\"T\"}",
        "{\"apiVersion\":\"v1\",\"kind\":\"S\",\"metadata\":{\"name\":\"a\"},\"spec\":\"\\ud800\"}",
        "{\"apiVersion\":\"v1\",\"kind\":\"S\",\"metadata\":{\"name\":\"a\"},\"spec\":99999999999999999999}",
        "{\"apiVersion\":\"v1\",\"kind\":\"S\",\"metadata\":{\"name\":\"a\"},\"spec\":tru}",
        "{\"apiVersion\":\"v1\",\"kind\":\"S\",\"metadata\":{\"name\":\"a\"},\"spec\":\"a\nb\"}",
    ])
    func anythingOddIsLeftToJSONDecoder(_ text: String) {
        #expect(ObjectCodec.fastDecode(Data(text.utf8)) == nil)
    }

    /// The store writes sorted keys, but the reader does not depend on it.
    @Test func keysInAnyOrderAreRead() throws {
        let text = "{\"metadata\":{\"namespace\":\"ns\",\"name\":\"a\"},\"kind\":\"S\",\"apiVersion\":\"v1\"}"
        let object = try #require(ObjectCodec.fastDecode(Data(text.utf8)))
        #expect(object.kind == "S" && object.metadata.name == "a" && object.metadata.namespace == "ns")
    }

    @Test func deepDocumentsAreLeftToJSONDecoder() {
        let deep =
            "{\"apiVersion\":\"v1\",\"kind\":\"S\",\"metadata\":{\"name\":\"a\"},\"spec\":"
            + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(ObjectCodec.fastDecode(Data(deep.utf8)) == nil)
    }
}
