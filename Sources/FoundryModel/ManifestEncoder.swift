/// Writes resources back out as YAML or JSON, the forms `get -o yaml|json` print and that
/// `ManifestDecoder` reads back unchanged.
public enum ManifestEncoder {
    /// One YAML document per resource, each opened by `---`.
    public static func yaml(_ resources: [AnyResource]) throws -> String {
        YAMLWriter.write(documents: try resources.map { try $0.encoded() })
    }

    /// One YAML document, without a `---` line.
    public static func yaml(_ resource: AnyResource) throws -> String {
        YAMLWriter.write(try resource.encoded())
    }

    /// Pretty JSON for one resource.
    public static func json(_ resource: AnyResource) throws -> String {
        JSONWriter.write(try resource.encoded())
    }

    /// Pretty JSON for several resources: a `v1` `List`, as kubectl prints them.
    public static func json(_ resources: [AnyResource]) throws -> String {
        let list: JSONValue = [
            "apiVersion": "v1",
            "kind": "List",
            "items": .array(try resources.map { try $0.encoded() }),
        ]
        return JSONWriter.write(list)
    }
}
