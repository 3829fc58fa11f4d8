import FoundryModel

/// Carries a `JSONValue` through Foundation's JSON coders, which the SQLite backend uses to
/// write and read rows (they are faster on whole documents than a tree walk).
struct JSONTree: Codable {
    var value: JSONValue

    init(_ value: JSONValue) {
        self.value = value
    }

    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            nil
        }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: MemberKey.self) {
            var members = JSONObject()
            for key in object.allKeys {
                members.append(key: key.stringValue, value: try object.decode(JSONTree.self, forKey: key).value)
            }
            self.value = .object(members)
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd {
                items.append(try array.decode(JSONTree.self).value)
            }
            self.value = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self.value = .null
        } else if let text = try? single.decode(String.self) {
            self.value = .string(text)
        } else if let flag = try? single.decode(Bool.self) {
            self.value = .bool(flag)
        } else if let integer = try? single.decode(Int64.self) {
            self.value = .int(integer)
        } else {
            self.value = .double(try single.decode(Double.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self.value {
        case .object(let object):
            var container = encoder.container(keyedBy: MemberKey.self)
            for member in object.members {
                try container.encode(JSONTree(member.value), forKey: MemberKey(stringValue: member.key))
            }
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items {
                try container.encode(JSONTree(item))
            }
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .int(let integer):
            var container = encoder.singleValueContainer()
            try container.encode(integer)
        case .double(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }
}
