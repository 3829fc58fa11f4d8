import Foundation
import FoundryModel
import FoundryStore

/// `foundry describe`: metadata, spec, status, conditions and the object's recent events, as
/// `kubectl describe` lays them out. Pure: events and time come in. Secret values never come out
/// (only each key's size).
public struct ObjectDescriber: Sendable {
    public var now: Date
    /// How many of the latest events to show.
    public var eventLimit = 20

    public init(now: Date = Date()) {
        self.now = now
    }

    public func describe(_ object: StoredObject, events: [Event]) -> String {
        var lines: [String] = []
        let metadata = object.metadata
        lines.append(self.field("Name", metadata.name))
        lines.append(self.field("Namespace", metadata.effectiveNamespace))
        lines.append(contentsOf: self.map("Labels", metadata.labels))
        lines.append(contentsOf: self.map("Annotations", metadata.annotations))
        lines.append(self.field("API Version", object.apiVersion))
        lines.append(self.field("Kind", object.kind))
        lines.append("Metadata:")
        lines.append("  Creation Timestamp:  \(metadata.creationTimestamp?.description ?? "<unknown>")")
        if let deletion = metadata.deletionTimestamp {
            lines.append("  Deletion Timestamp:  \(deletion.description)")
        }
        lines.append("  Generation:          \(metadata.generation.map(String.init) ?? "<none>")")
        lines.append("  Resource Version:    \(metadata.resourceVersion ?? "<none>")")
        lines.append("  UID:                 \(metadata.uid ?? "<none>")")
        if let finalizers = metadata.finalizers, !finalizers.isEmpty {
            lines.append("  Finalizers:          \(finalizers.joined(separator: ", "))")
        }
        for owner in metadata.ownerReferences ?? [] {
            lines.append("  Owned By:            \(owner.kind)/\(owner.name) (uid \(owner.uid))")
        }
        if object.groupKind == GroupKind(ResourceKind.secret) {
            lines.append(contentsOf: self.secretData(object))
        } else {
            lines.append(contentsOf: self.body(object))
        }
        lines.append(contentsOf: self.conditions(object.content["status"]?["conditions"]))
        lines.append(contentsOf: self.events(events))
        return lines.joined(separator: "\n") + "\n"
    }

    private func field(_ name: String, _ value: String) -> String {
        (name + ":").padding(toLength: 14, withPad: " ", startingAt: 0) + value
    }

    private func map(_ name: String, _ values: [String: String]?) -> [String] {
        let pairs = (values ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        guard let first = pairs.first else {
            return [self.field(name, "<none>")]
        }
        return [self.field(name, first)] + pairs.dropFirst().map { String(repeating: " ", count: 14) + $0 }
    }

    /// Every field but metadata and status (spec, for most kinds), then status without its
    /// conditions, which get their own table.
    private func body(_ object: StoredObject) -> [String] {
        var lines: [String] = []
        guard case .object(let document) = DisplayOrder.tree(object) else {
            return lines
        }
        for member in document.members where !["apiVersion", "kind", "metadata", "status"].contains(member.key) {
            lines.append(
                contentsOf: self.section(member.key.prefix(1).uppercased() + member.key.dropFirst(), member.value))
        }
        if case .object(var status)? = document["status"] {
            status["conditions"] = nil
            lines.append(contentsOf: self.section("Status", .object(status)))
        } else {
            lines.append("Status:        <none>")
        }
        return lines
    }

    private func section(_ title: String, _ value: JSONValue) -> [String] {
        switch value {
        case .object(let object) where !object.isEmpty:
            let yaml = YAMLWriter.write(value).split(separator: "\n", omittingEmptySubsequences: false)
            return ["\(title):"] + yaml.filter { !$0.isEmpty }.map { "  " + $0 }
        case .object:
            return ["\(title):        <none>"]
        default:
            return [self.field(title, YAMLWriter.write(value).trimmingCharacters(in: .whitespacesAndNewlines))]
        }
    }

    private func secretData(_ object: StoredObject) -> [String] {
        var lines: [String] = []
        if case .string(let type)? = object.content["type"] {
            lines.append(self.field("Type", type))
        }
        lines.append("Data:")
        guard case .object(let data)? = object.content["data"], !data.isEmpty else {
            return lines + ["  <none>"]
        }
        for member in data.members.sorted(by: { $0.key < $1.key }) {
            let size = member.value.stringValue.flatMap { Data(base64Encoded: $0) }?.count ?? 0
            lines.append("  \(member.key):  \(size) bytes")
        }
        return lines
    }

    private func conditions(_ value: JSONValue?) -> [String] {
        guard case .array(let items)? = value, !items.isEmpty else {
            return []
        }
        var table = TableWriter(headers: ["Type", "Status", "Reason", "Last Transition", "Message"])
        for item in items {
            let transition = item["lastTransitionTime"]?.stringValue.flatMap { Timestamp.parse($0) }
            table.append([
                item["type"]?.stringValue ?? "", item["status"]?.stringValue ?? "", item["reason"]?.stringValue ?? "",
                transition.map { AgeFormatter.age(since: $0, now: self.now) + " ago" } ?? "",
                item["message"]?.stringValue ?? "",
            ])
        }
        return ["Conditions:"] + table.render().split(separator: "\n").map { "  " + $0 }
    }

    private func events(_ events: [Event]) -> [String] {
        guard !events.isEmpty else {
            return ["Events:        <none>"]
        }
        let recent = events.sorted { Self.time($0) < Self.time($1) }.suffix(self.eventLimit)
        var table = TableWriter(headers: ["Type", "Reason", "Age", "From", "Message"])
        for event in recent {
            var age = AgeFormatter.age(since: Self.time(event), now: self.now)
            if let count = event.count, count > 1, let first = event.firstTimestamp {
                age += " (x\(count) over \(AgeFormatter.age(since: first.date, now: self.now)))"
            }
            table.append([
                event.type?.rawValue ?? "", event.reason ?? "", age,
                event.source?.component ?? event.reportingComponent ?? "", event.message ?? "",
            ])
        }
        return ["Events:"] + table.render().split(separator: "\n").map { "  " + $0 }
    }

    private static func time(_ event: Event) -> Date {
        (event.lastTimestamp ?? event.firstTimestamp ?? event.metadata.creationTimestamp)?.date ?? .distantPast
    }

    /// The events about `object`: same kind, name and namespace (and uid, when the event has one).
    public static func events(_ all: [Event], about object: StoredObject) -> [Event] {
        all.filter { event in
            let target = event.involvedObject
            return target.kind == object.kind && target.name == object.metadata.name
                && (target.namespace ?? event.metadata.effectiveNamespace) == object.metadata.effectiveNamespace
                && (target.uid == nil || target.uid == object.metadata.uid)
        }
    }
}
