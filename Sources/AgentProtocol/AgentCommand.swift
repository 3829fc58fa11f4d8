/// A command the operator hands the agent. On the wire:
/// `{"id": "c-12", "kind": "writeImage", "writeImage": {...}}`; the payload key is present only
/// for the kinds that have one (`writeImage`, `clean`).
public struct AgentCommand: Sendable, Hashable {
    /// Unique per command; progress and results name it.
    public var id: String
    public var action: Action

    public enum Action: Sendable, Hashable {
        /// Nothing to do yet: heartbeat again later.
        case none
        /// Collect the hardware inventory.
        case inspect
        case writeImage(WriteImageCommand)
        case clean(CleanCommand)
        case reboot
        case powerOff
    }

    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case none
        case inspect
        case writeImage
        case clean
        case reboot
        case powerOff
    }

    public init(id: String, action: Action) {
        self.id = id
        self.action = action
    }

    public static let none = AgentCommand(id: "", action: .none)

    public var kind: Kind {
        switch self.action {
        case .none: .none
        case .inspect: .inspect
        case .writeImage: .writeImage
        case .clean: .clean
        case .reboot: .reboot
        case .powerOff: .powerOff
        }
    }
}

extension AgentCommand: Codable {
    private enum CodingKeys: String, CodingKey {
        case id
        case kind
        case writeImage
        case clean
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        let rawKind = try container.decode(String.self, forKey: .kind)
        guard let kind = Kind(rawValue: rawKind) else {
            let known = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "unknown command \"\(rawKind)\" (protocol v\(AgentAPI.version) has \(known))")
        }
        switch kind {
        case .none: self.init(id: id, action: .none)
        case .inspect: self.init(id: id, action: .inspect)
        case .writeImage:
            self.init(id: id, action: .writeImage(try container.decode(WriteImageCommand.self, forKey: .writeImage)))
        case .clean: self.init(id: id, action: .clean(try container.decode(CleanCommand.self, forKey: .clean)))
        case .reboot: self.init(id: id, action: .reboot)
        case .powerOff: self.init(id: id, action: .powerOff)
        }
        if kind != .none && id.isEmpty {
            throw DecodingError.dataCorruptedError(
                forKey: .id, in: container, debugDescription: "a \(rawKind) command needs an id")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.kind, forKey: .kind)
        switch self.action {
        case .writeImage(let command): try container.encode(command, forKey: .writeImage)
        case .clean(let command): try container.encode(command, forKey: .clean)
        case .none, .inspect, .reboot, .powerOff: break
        }
    }
}
