import Foundation
import FoundryModel
import FoundryStore

/// Renders objects the way `kubectl get` does: the kind's printer columns (Metal3's for
/// BareMetalHost), `-o wide` adding the priority-1 ones, YAML, JSON or `kind/name`. Pure: time
/// comes in as `now`. Secret values never come out.
public struct ResourcePrinter: Sendable {
    public var kind: ResourceKind
    public var format: OutputFormat
    /// Adds the NAMESPACE column (`-A`).
    public var showNamespace: Bool
    public var now: Date

    public init(kind: ResourceKind, format: OutputFormat, showNamespace: Bool = false, now: Date = Date()) {
        self.kind = kind
        self.format = format
        self.showNamespace = showNamespace
        self.now = now
    }

    private var columns: [ResourceKind.PrinterColumn] {
        self.kind.printerColumns.filter { $0.priority == 0 || self.format == .wide }
    }

    public var headers: [String] {
        (self.showNamespace ? ["NAMESPACE"] : []) + ["NAME"] + self.columns.map { $0.name.uppercased() }
    }

    public func row(_ object: StoredObject) -> [String] {
        let tree = object.tree
        let cells = self.columns.map { column in
            self.cell(tree.value(atPath: column.jsonPath), type: column.type)
        }
        return (self.showNamespace ? [object.metadata.effectiveNamespace] : []) + [object.metadata.name] + cells
    }

    private func cell(_ value: JSONValue?, type: String) -> String {
        guard let value else {
            return ""
        }
        switch value {
        case .null: return ""
        case .string(let text):
            if type == "date" {
                return AgeFormatter.age(since: Timestamp.parse(text), now: self.now)
            }
            return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double: return JSONWriter.write(value, pretty: false)
        case .array, .object: return JSONWriter.write(value, pretty: false)
        }
    }

    /// `baremetalhost.metal3.io/node-1`
    public func name(_ object: StoredObject) -> String {
        "\(self.kind.qualifiedSingular)/\(object.metadata.name)"
    }

    /// The output of `get` for a list (`single`: one object asked for by name).
    public func render(_ objects: [StoredObject], resourceVersion: Int64, single: Bool = false) -> String {
        let redacted = objects.map(SecretRedaction.redacted)
        switch self.format {
        case .table, .wide:
            var table = TableWriter(headers: self.headers)
            for object in redacted {
                table.append(self.row(object))
            }
            return table.render() + "\n"
        case .name:
            return redacted.map { self.name($0) + "\n" }.joined()
        case .yaml:
            return YAMLWriter.write(
                single && redacted.count == 1 ? DisplayOrder.tree(redacted[0]) : self.list(redacted, resourceVersion))
        case .json:
            return JSONWriter.write(
                single && redacted.count == 1 ? DisplayOrder.tree(redacted[0]) : self.list(redacted, resourceVersion))
        }
    }

    /// One watch event: a table row (padded like the table above it), a name, or a document.
    public func render(event: WatchEvent, widths: [Int]) -> String {
        let object = SecretRedaction.redacted(event.object)
        switch self.format {
        case .table, .wide:
            let cells = self.row(object)
            return
                cells.enumerated().map { index, cell in
                    index == cells.count - 1 || index >= widths.count
                        ? cell : cell.padding(toLength: max(widths[index], cell.count) + 3, withPad: " ", startingAt: 0)
                }.joined() + "\n"
        case .name:
            return self.name(object) + "\n"
        case .yaml:
            return "---\n" + YAMLWriter.write(DisplayOrder.tree(object))
        case .json:
            return JSONWriter.write(DisplayOrder.tree(object))
        }
    }

    /// The column widths of a rendered table, so that watch rows line up under it.
    public func widths(_ objects: [StoredObject]) -> [Int] {
        var widths = self.headers.map(\.count)
        for object in objects {
            for (index, cell) in self.row(SecretRedaction.redacted(object)).enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return widths
    }

    private func list(_ objects: [StoredObject], _ resourceVersion: Int64) -> JSONValue {
        var list = JSONObject()
        list.append(key: "apiVersion", value: "v1")
        list.append(key: "kind", value: "List")
        list.append(key: "items", value: .array(objects.map(DisplayOrder.tree)))
        list.append(key: "metadata", value: ["resourceVersion": .string(String(resourceVersion))])
        return .object(list)
    }
}
