import Foundation
import FoundryModel
import Testing

struct YAMLWriterTests {
    /// Strings that a careless writer would let a YAML 1.1 reader turn into something else.
    static let trickyStrings: [String] = [
        "", " ", "true", "yes", "No", "on", "OFF", "y", "n", "~", "null", "123", "0x1F", "0o17", "017", "1e3",
        "1_000", ".5", ".inf", "-.inf", ".nan", "2026-11-22", "2026-11-22T02:55:42Z", "12:30", "00:1a:74:74:e5:cb",
        "- item", "key: value", "# comment", "a #b", "&anchor", "*alias", "!tag", "@at", "`tick`", "%dir", "|", ">",
        "'single'", "\"double\"", "{a}", "[a]", "a, b", "trailing ", " leading", "tab\there", "line\nbreak",
        "two\nlines\n", "three\n\n\n", "\nleading newline", "  indented\nblock", "unicode é ✓ 😀", "nul\u{0}byte",
        "bell\u{7}", "<<", "=", "ipmi://10.0.0.1:623", "YWRtaW4=", "/dev/sda", "-1", "+1", "0", "08", "v1.31.2",
    ]

    @Test(arguments: trickyStrings)
    func stringsReadBackAsTheSameString(_ text: String) throws {
        let document: JSONValue = ["value": .string(text), (text.isEmpty ? "empty" : text): "key"]
        let yaml = YAMLWriter.write(document)
        let trees = try ManifestDecoder().trees(Data(yaml.utf8))
        #expect(trees == [document], "YAML was:\n\(yaml)")
    }

    @Test func nestedStructuresReadBack() throws {
        let document: JSONValue = [
            "list": [1, 2.5, true, .null, "x", ["nested": ["a", ["deep": []]]], [], [:]],
            "map": ["empty": [:], "emptyList": [], "seq": [["a": 1, "b": 2], [3, [4, 5]]]],
            "big": .int(Int64.max),
            "negative": -42,
        ]
        let yaml = YAMLWriter.write(document)
        #expect(try ManifestDecoder().trees(Data(yaml.utf8)) == [document], "YAML was:\n\(yaml)")
        let json = JSONWriter.write(document)
        #expect(try ManifestDecoder().trees(Data(json.utf8)) == [document], "JSON was:\n\(json)")
    }

    @Test func outputLooksLikeKubectl() {
        let document: JSONValue = [
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": ["name": "bmc", "labels": ["rack": "r1"]],
            "items": [["name": "a", "value": "b"], "plain"],
            "script": "#!/bin/sh\necho hi\n",
        ]
        #expect(
            YAMLWriter.write(document) == """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: bmc
                  labels:
                    rack: r1
                items:
                - name: a
                  value: b
                - plain
                script: |
                  #!/bin/sh
                  echo hi

                """)
    }
}
