import Foundation

/// The annotations Metal3 users put on hosts, and how their values read.
public enum HostAnnotations {
    /// Any value: do nothing and do not requeue (clusterctl move sets it).
    public static let paused = "baremetalhost.metal3.io/paused"
    /// Any value, or `{"deleteAction":"delay"|"delete","force":bool}`: stop managing the host.
    public static let detached = "baremetalhost.metal3.io/detached"
    /// The JSON of a status, to rebuild it on a new object (pivot/move); consumed.
    public static let status = "baremetalhost.metal3.io/status"
    /// `""` or `{"mode":"soft"|"hard","force":bool}`: reboot once; removed once the host is off.
    public static let reboot = "reboot.metal3.io"
    /// `reboot.metal3.io/KEY`: the host stays off until its owner removes it.
    public static let rebootPrefix = "reboot.metal3.io/"
    /// `""`: inspect again (from available; consumed); `disabled`: skip inspection.
    public static let inspect = "inspect.metal3.io"
    public static let inspectDisabled = "disabled"
    /// The JSON of a `status.hardware`, used when inspection is disabled or nothing is known yet;
    /// consumed.
    public static let hardwareDetails = "inspect.metal3.io/hardwaredetails"

    public static func isReboot(_ key: String) -> Bool {
        key == Self.reboot || key.hasPrefix(Self.rebootPrefix)
    }
}

/// One reboot annotation, read.
public struct RebootRequest: Sendable, Hashable {
    public var key: String
    public var mode: HostAction.PowerOffMode
    /// Also honoured outside the provisioned states.
    public var force: Bool
    /// What was wrong with the value, which then reads as a soft reboot.
    public var problem: String?

    /// The plain `reboot.metal3.io`, which the controller removes; the keyed ones belong to others.
    public var isPlain: Bool {
        self.key == HostAnnotations.reboot
    }

    public init(key: String, value: String) {
        self.key = key
        self.mode = .soft
        self.force = false
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            return
        }
        do {
            let arguments = try JSONDecoder().decode(Arguments.self, from: Data(value.utf8))
            self.force = arguments.force ?? false
            switch arguments.mode {
            case nil, "soft": self.mode = .soft
            case "hard": self.mode = .hard
            case let other?:
                self.problem = "\(key): mode \"\(other)\" is neither \"soft\" nor \"hard\"; rebooting softly"
            }
        } catch {
            self.problem = "\(key): \(DecodingProblem.describe(error)); rebooting softly"
        }
    }

    private struct Arguments: Decodable {
        var mode: String?
        var force: Bool?
    }
}

/// The detached annotation, read.
public struct DetachRequest: Sendable, Hashable {
    /// Deleting a detached host goes straight to deleting, or waits until it is attached again.
    public var delayDelete: Bool
    /// Detach even in the middle of an operation.
    public var force: Bool

    /// Metal3 documents that the value may be anything: what is not this JSON means the defaults.
    public init(value: String) {
        self.delayDelete = false
        self.force = false
        guard let arguments = try? JSONDecoder().decode(Arguments.self, from: Data(value.utf8)) else {
            return
        }
        self.delayDelete = arguments.deleteAction == "delay"
        self.force = arguments.force ?? false
    }

    private struct Arguments: Decodable {
        var deleteAction: String?
        var force: Bool?
    }
}

/// Turns a JSON decoding error into a message that names the field.
enum DecodingProblem {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else {
            return "invalid JSON"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(Self.path(context)): expected \(Self.name(of: type))"
        case .valueNotFound(let type, let context):
            return "\(Self.path(context)): expected \(Self.name(of: type)), found null"
        case .keyNotFound(let key, let context):
            let parent = Self.path(context)
            return "\(parent == "(top level)" ? "" : parent + ".")\(key.stringValue): required field is missing"
        case .dataCorrupted(let context):
            guard !context.codingPath.isEmpty else {
                return "invalid JSON (\(context.debugDescription))"
            }
            return "\(Self.path(context)): \(context.debugDescription)"
        @unknown default:
            return "invalid JSON"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        guard !context.codingPath.isEmpty else {
            return "(top level)"
        }
        return context.codingPath.map { key in
            key.intValue.map { "[\($0)]" } ?? key.stringValue
        }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        default: "\(type)"
        }
    }
}
