import Foundation
import FoundryModel
import Testing

/// The hand-written schemas and the Swift types describe the same fields: a document with every
/// schema field filled decodes, loses nothing when encoded again, and leaves no Swift field
/// empty.
struct SchemaAgreementTests {
    @Test(arguments: ResourceKinds.all.map(\.kind))
    func everySchemaFieldRoundTripsThroughTheSwiftType(_ kindName: String) throws {
        let kind = try #require(ResourceKinds.lookup(kindName))
        let full = Self.fullDocument(kind.schema, name: "")
        let result = ManifestDecoder(validates: false).decode(JSONWriter.write(full))
        #expect(result.problems == [])
        let resource = try #require(result.resources.first)
        #expect(try resource.encoded() == full)

        var empty: [String] = []
        Self.findNilOptionals(resource.resource, path: kind.kind, into: &empty)
        #expect(empty == [], "Swift fields the schema does not fill")
    }

    @Test(arguments: ResourceKinds.all.map(\.kind))
    func patternsInTheSchemaMatchTheirSwiftPredicates(_ kindName: String) throws {
        let kind = try #require(ResourceKinds.lookup(kindName))
        var patterns: [Schema.Pattern] = []
        Self.collectPatterns(kind.schema, into: &patterns)
        let samples = [
            "", "v1.31.2", "v1.31", "1.31.2", "v1.31.2-rc.1", "v1.31.2+k3s1", "v1.31.2-", "0:0:0:0", "0:0:0", "a:0:0:0",
            "/dev/sda", "/dev/", "/dev/disk/by-path/pci-0000:00:1f.2", "dev/sda", "00:1a:74:74:e5:cb",
            "00:1A:74:74:E5:CB",
            "00:1a:74:74:e5", "001a.7474.e5cb", "00:1a:74:74:e5:cg", "00-1a-74-74-e5-cb",
        ]
        for pattern in patterns {
            let regex = try Regex(pattern.regex)
            for sample in samples {
                #expect(
                    (sample.firstMatch(of: regex) != nil) == pattern.matches(sample),
                    "\(pattern.regex) and its predicate disagree on \"\(sample)\"")
            }
        }
    }

    static func collectPatterns(_ schema: Schema, into patterns: inout [Schema.Pattern]) {
        if let pattern = schema.pattern {
            patterns.append(pattern)
        }
        for property in schema.properties {
            self.collectPatterns(property.schema, into: &patterns)
        }
        for child in schema.items + schema.additionalProperties {
            self.collectPatterns(child, into: &patterns)
        }
    }

    /// A document with every field of `schema`, using examples, enum values and minimums.
    static func fullDocument(_ schema: Schema, name: String) -> JSONValue {
        if let example = schema.example, schema.type != .object || schema.isMap || schema.properties.isEmpty {
            return example
        }
        switch schema.type {
        case .string:
            if let first = schema.enumValues?.first(where: { !$0.isEmpty }) {
                return .string(first)
            }
            switch schema.format {
            case "date-time": return "2026-11-22T02:55:42Z"
            case "byte": return "eA=="
            default: return .string("\(name)-value")
            }
        case .integer:
            return .int(max(schema.minimum ?? 1, 1))
        case .number:
            return .double(1.5)
        case .boolean:
            return true
        case .array:
            let item = self.fullDocument(schema.items[0], name: name)
            return .array(Array(repeating: item, count: max(schema.minItems ?? 1, 1)))
        case .object:
            if let values = schema.additionalProperties.first {
                return ["key": self.fullDocument(values, name: name)]
            }
            var object = JSONObject()
            for property in schema.properties {
                object[property.name] = self.fullDocument(property.schema, name: property.name)
            }
            return .object(object)
        }
    }

    /// Paths of optional Swift properties left nil: fields the schema never filled.
    static func findNilOptionals(_ value: Any, path: String, into paths: inout [String]) {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else {
                paths.append(path)
                return
            }
            self.findNilOptionals(wrapped, path: path, into: &paths)
            return
        }
        switch mirror.displayStyle {
        case .struct, .class:
            for child in mirror.children {
                self.findNilOptionals(child.value, path: "\(path).\(child.label ?? "?")", into: &paths)
            }
        case .collection:
            for (index, child) in mirror.children.enumerated() {
                self.findNilOptionals(child.value, path: "\(path)[\(index)]", into: &paths)
            }
        case .dictionary:
            for child in mirror.children {
                let pair = Mirror(reflecting: child.value).children.map(\.value)
                if pair.count == 2 {
                    self.findNilOptionals(pair[1], path: "\(path)[\(pair[0])]", into: &paths)
                }
            }
        default:
            break
        }
    }
}
