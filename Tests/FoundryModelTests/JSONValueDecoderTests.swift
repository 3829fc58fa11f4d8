import Foundation
import FoundryModel
import Testing

/// The tree decoder's shortcuts give what the general path gives, and errors that name the field.
struct JSONValueDecoderTests {
    @Test func labelsAndAnnotationsDecodeAsMaps() throws {
        let value: JSONValue = [
            "name": "h", "labels": ["rack": "r1", "example.com/role": "worker"], "annotations": [:],
        ]
        let metadata = try JSONValueDecoder().decode(ObjectMeta.self, from: value)
        #expect(metadata.labels == ["rack": "r1", "example.com/role": "worker"])
        #expect(metadata.annotations == [:])
        #expect(try JSONValueDecoder().decode([String: String].self, from: value["labels"]!) == metadata.labels)
    }

    @Test func aLabelThatIsNotAStringIsNamed() {
        let value: JSONValue = ["name": "h", "labels": ["rack": "r1", "count": 3]]
        #expect {
            try JSONValueDecoder().decode(ObjectMeta.self, from: value)
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else {
                return false
            }
            return context.codingPath.map(\.stringValue) == ["labels", "count"]
                && context.debugDescription == "expected string, got integer"
        }
    }

    @Test func listsOfStringsDecodeAndNameABadItem() throws {
        let value: JSONValue = ["name": "h", "finalizers": ["a", "b"]]
        #expect(try JSONValueDecoder().decode(ObjectMeta.self, from: value).finalizers == ["a", "b"])
        #expect {
            try JSONValueDecoder().decode(ObjectMeta.self, from: ["name": "h", "finalizers": ["a", 2]])
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else {
                return false
            }
            return context.codingPath.map(\.stringValue) == ["finalizers", "1"]
        }
        #expect(throws: DecodingError.self) {
            try JSONValueDecoder().decode(ObjectMeta.self, from: ["name": "h", "finalizers": "a"])
        }
    }

    @Test func labelsThatAreNotAnObjectAreRefused() {
        #expect(throws: DecodingError.self) {
            try JSONValueDecoder().decode(ObjectMeta.self, from: ["name": "h", "labels": ["a", "b"]])
        }
    }
}
