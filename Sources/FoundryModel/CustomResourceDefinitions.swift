/// Builds the `apiextensions.k8s.io/v1` CustomResourceDefinition of each custom kind from its
/// registry entry and schema, so the CRDs in `crds/` and the decoder cannot drift apart
/// (`CRDTests` checks the committed files are what this produces).
public enum CustomResourceDefinitions {
    /// Every custom kind's CRD, with the file name it is kept under in `crds/`.
    public static var all: [(fileName: String, kind: ResourceKind)] {
        ResourceKinds.all.filter(\.isCustom).map { ("\($0.group)_\($0.plural).yaml", $0) }
    }

    public static let header = """
        # Generated from FoundryModel's schemas (Sources/FoundryModel/*+Schema.swift); do not edit.
        # To regenerate after a schema change: FOUNDRY_UPDATE_CRDS=1 swift test --filter CRDTests

        """

    /// The CRD as YAML text, as committed in `crds/`.
    public static func yaml(for kind: ResourceKind) -> String {
        self.header + "---\n" + YAMLWriter.write(self.crd(for: kind))
    }

    public static func crd(for kind: ResourceKind) -> JSONValue {
        var version: JSONValue = [
            "name": .string(kind.version),
            "served": true,
            "storage": true,
        ]
        if case .object(var object) = version {
            if !kind.printerColumns.isEmpty {
                object["additionalPrinterColumns"] = .array(kind.printerColumns.map(self.printerColumn))
            }
            object["schema"] = ["openAPIV3Schema": self.openAPI(kind.schema, isDocument: true)]
            if kind.hasStatusSubresource {
                object["subresources"] = ["status": [:]]
            }
            version = .object(object)
        }
        var names: JSONValue = [
            "kind": .string(kind.kind),
            "listKind": .string(kind.kind + "List"),
            "plural": .string(kind.plural),
            "singular": .string(kind.singular),
        ]
        if !kind.shortNames.isEmpty, case .object(var object) = names {
            object["shortNames"] = .array(kind.shortNames.map { .string($0) })
            names = .object(object)
        }
        return [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": ["name": .string(kind.qualifiedPlural)],
            "spec": [
                "group": .string(kind.group),
                "names": names,
                "scope": kind.namespaced ? "Namespaced" : "Cluster",
                "versions": [version],
            ],
        ]
    }

    private static func printerColumn(_ column: ResourceKind.PrinterColumn) -> JSONValue {
        var object: JSONObject = [
            "description": .string(column.description),
            "jsonPath": .string(column.jsonPath),
            "name": .string(column.name),
            "type": .string(column.type),
        ]
        if column.priority != 0 {
            object["priority"] = .int(Int64(column.priority))
        }
        return .object(object)
    }

    /// A structural OpenAPI v3 schema. The document's `metadata` is only `type: object`: the
    /// API server validates object metadata itself.
    static func openAPI(_ schema: Schema, isDocument: Bool = false) -> JSONValue {
        var object = JSONObject()
        if let description = schema.description {
            object["description"] = .string(description)
        }
        object["type"] = .string(schema.type.rawValue)
        if let format = schema.format {
            object["format"] = .string(format)
        }
        if let values = schema.enumValues {
            object["enum"] = .array(values.map { .string($0) })
        }
        if let pattern = schema.pattern {
            object["pattern"] = .string(pattern.regex)
        }
        for (key, value) in [
            ("minimum", schema.minimum), ("maximum", schema.maximum),
            ("minLength", schema.minLength.map(Int64.init)), ("maxLength", schema.maxLength.map(Int64.init)),
            ("minItems", schema.minItems.map(Int64.init)), ("maxItems", schema.maxItems.map(Int64.init)),
        ] {
            if let value {
                object[key] = .int(value)
            }
        }
        if let items = schema.items.first {
            object["items"] = self.openAPI(items)
        }
        if let values = schema.additionalProperties.first {
            object["additionalProperties"] = self.openAPI(values)
        }
        if !schema.properties.isEmpty {
            var properties = JSONObject()
            for property in schema.properties {
                if isDocument, property.name == "metadata" {
                    properties["metadata"] = ["type": "object"]
                } else {
                    properties[property.name] = self.openAPI(property.schema)
                }
            }
            object["properties"] = .object(properties)
            let required = schema.requiredNames.filter {
                !(isDocument && ["apiVersion", "kind", "metadata"].contains($0))
            }
            if !required.isEmpty {
                object["required"] = .array(required.map { .string($0) })
            }
        }
        return .object(object)
    }
}
