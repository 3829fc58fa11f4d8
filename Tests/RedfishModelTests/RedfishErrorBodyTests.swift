import Foundation
import RedfishModel
import TestSupport
import Testing

struct RedfishErrorBodyTests {
    @Test func baseMessageFillsArguments() {
        let message = BaseMessage.actionParameterValueNotInList.message([
            "Sideways", "ResetType", "ComputerSystem.Reset",
        ])
        #expect(message.messageID == "Base.1.22.ActionParameterValueNotInList")
        #expect(
            message.message
                == "The value 'Sideways' for the parameter ResetType in the action ComputerSystem.Reset is not in the list of acceptable values."
        )
        #expect(message.messageSeverity == "Warning")
        #expect(message.messageArgs == ["Sideways", "ResetType", "ComputerSystem.Reset"])
    }

    @Test func errorBodyRoundTrips() throws {
        let body = RedfishErrorBody(.resourceMissingAtURI, "/redfish/v1/Nothing")
        let data = try RedfishJSON.encode(body)
        let decoded = try RedfishJSON.decode(RedfishErrorBody.self, from: data)
        #expect(decoded == body)
        #expect(decoded.error.code == "Base.1.22.GeneralError")
        #expect(decoded.messageID == "Base.1.22.ResourceMissingAtURI")
        #expect(decoded.contains(.resourceMissingAtURI))
        #expect(!decoded.contains(.malformedJSON))
        #expect(decoded.description.contains("/redfish/v1/Nothing"))
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""@Message.ExtendedInfo":[{"#))
    }

    @Test func otherVendorsMessageVersionsMatch() throws {
        let json =
            #"{"error": {"code": "Base.1.8.GeneralError", "message": "x", "@Message.ExtendedInfo": [{"MessageId": "Base.1.8.PreconditionFailed"}]}}"#
        let body = try RedfishJSON.decode(RedfishErrorBody.self, from: Data(json.utf8))
        #expect(body.contains(.preconditionFailed))
    }

    @Test func templatesTakeAtMostThreeArguments() throws {
        for message in BaseMessage.allCases {
            let filled = message.message(["A", "B", "C"]).message ?? ""
            #expect(!filled.contains("%"), "\(message) left a placeholder: \(filled)")
        }
    }

    @Test func sessionRequestHidesPassword() {
        let request = Session.CreateRequest(userName: "admin", password: "s3cret")
        #expect(!request.description.contains("s3cret"))
    }
}

/// The message texts we send are the Base registry's own.
struct BaseRegistryTests {
    struct Registry: Decodable {
        struct Entry: Decodable {
            var Message: String
            var MessageSeverity: String
            var NumberOfArgs: Int
        }

        var RegistryPrefix: String
        var RegistryVersion: String
        var Messages: [String: Entry]
    }

    @Test func templatesMatchTheRegistry() throws {
        let url = ProjectPaths.firmwareMocks.appendingPathComponent("redfish/registries/Base.1.22.1.json")
        let registry = try JSONDecoder().decode(Registry.self, from: Data(contentsOf: url))
        #expect(
            BaseMessage.registryPrefix == registry.RegistryPrefix + "."
                + registry.RegistryVersion.split(separator: ".").prefix(2).joined(separator: "."))
        for message in BaseMessage.allCases {
            let entry = try #require(registry.Messages[message.rawValue], "\(message.rawValue) is not in the registry")
            #expect(message.template == entry.Message, "\(message.rawValue)")
            #expect(message.severity == entry.MessageSeverity, "\(message.rawValue)")
        }
    }
}
