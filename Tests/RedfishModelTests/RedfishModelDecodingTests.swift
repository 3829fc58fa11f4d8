import Foundation
import RedfishModel
import Testing

/// Bodies shaped like real firmware's (trimmed), decoded as the client reads them.
struct RedfishModelDecodingTests {
    static let idracSystem = """
        {
          "@odata.context": "/redfish/v1/$metadata#ComputerSystem.ComputerSystem",
          "@odata.id": "/redfish/v1/Systems/System.Embedded.1",
          "@odata.type": "#ComputerSystem.v1_20_0.ComputerSystem",
          "Id": "System.Embedded.1",
          "Name": "System",
          "Manufacturer": "Dell Inc.",
          "Model": "PowerEdge R650",
          "PowerState": "On",
          "Boot": {
            "BootSourceOverrideEnabled": "Once",
            "BootSourceOverrideMode": "UEFI",
            "BootSourceOverrideTarget": "Pxe",
            "BootSourceOverrideTarget@Redfish.AllowableValues": ["None", "Pxe", "Cd", "Hdd", "BiosSetup", "UefiHttp"],
            "UefiTargetBootSourceOverride": null
          },
          "Actions": {
            "#ComputerSystem.Reset": {
              "target": "/redfish/v1/Systems/System.Embedded.1/Actions/ComputerSystem.Reset",
              "ResetType@Redfish.AllowableValues": ["On", "ForceOff", "ForceRestart", "GracefulShutdown", "PushPowerButton", "Nmi", "PowerCycle"]
            },
            "Oem": {"#DellOemChassis.ExtendedReset": {"target": "/x"}}
          },
          "Links": {"ManagedBy": [{"@odata.id": "/redfish/v1/Managers/iDRAC.Embedded.1"}], "ManagedBy@odata.count": 1},
          "MemorySummary": {"TotalSystemMemoryGiB": 256, "Status": {"Health": "OK"}},
          "Oem": {"Dell": {"DellSystem": {"BIOSReleaseDate": "01/01/2024"}}}
        }
        """

    @Test func computerSystemWithVendorExtras() throws {
        let system = try RedfishJSON.decode(ComputerSystem.self, from: Data(Self.idracSystem.utf8))
        #expect(system.id == "System.Embedded.1")
        #expect(system.powerState == .on)
        #expect(system.boot?.bootSourceOverrideTarget == .pxe)
        #expect(system.boot?.bootSourceOverrideEnabled == .once)
        #expect(system.boot?.bootSourceOverrideMode == .uefi)
        #expect(system.boot?.bootSourceOverrideTargetAllowableValues?.contains(.uefiHTTP) == true)
        let reset = try #require(system.resetAction)
        #expect(reset.target.hasSuffix("ComputerSystem.Reset"))
        #expect(reset.allowableValues["ResetType"]?.contains("PowerCycle") == true)
        #expect(system.links?.managedBy == [RedfishLink("/redfish/v1/Managers/iDRAC.Embedded.1")])
        #expect(system.memorySummary?.totalSystemMemoryGiB == 256)
    }

    @Test func unknownEnumValuesDecode() throws {
        let json =
            #"{"@odata.id": "/s", "Id": "1", "Name": "s", "PowerState": "Standby", "Boot": {"BootSourceOverrideTarget": "UsbCd"}}"#
        let system = try RedfishJSON.decode(ComputerSystem.self, from: Data(json.utf8))
        #expect(system.powerState?.rawValue == "Standby")
        #expect(system.boot?.bootSourceOverrideTarget?.rawValue == "UsbCd")
    }

    @Test func virtualMediaWithoutActionsIsPatchStyle() throws {
        let json = """
            {"@odata.id": "/redfish/v1/Managers/1/VirtualMedia/2", "@odata.type": "#VirtualMedia.v1_3_0.VirtualMedia",
             "Id": "2", "Name": "Virtual Removable Media", "MediaTypes": ["CD", "DVD"], "Image": null, "Inserted": false,
             "WriteProtected": true, "ConnectedVia": "NotConnected"}
            """
        let media = try RedfishJSON.decode(VirtualMedia.self, from: Data(json.utf8))
        #expect(media.acceptsCD)
        #expect(media.insertMediaAction == nil)
        #expect(media.image == nil)
        #expect(media.inserted == false)
    }

    @Test func mediaPatchSendsExplicitNullToEject() throws {
        let eject = String(
            decoding: try RedfishJSON.encode(VirtualMedia.MediaPatch(image: nil, inserted: false)), as: UTF8.self)
        #expect(eject == #"{"Image":null,"Inserted":false}"#)
        let insert = String(
            decoding: try RedfishJSON.encode(
                VirtualMedia.MediaPatch(image: "http://10.0.0.1/boot.iso", inserted: true, writeProtected: true)),
            as: UTF8.self)
        #expect(insert == #"{"Image":"http://10.0.0.1/boot.iso","Inserted":true,"WriteProtected":true}"#)
    }

    @Test func collectionWithoutNameUsesItsPath() throws {
        let json =
            #"{"@odata.id": "/redfish/v1/Systems", "Members": [{"@odata.id": "/redfish/v1/Systems/1"}], "Members@odata.count": 1}"#
        let collection = try RedfishJSON.decode(ResourceCollection.self, from: Data(json.utf8))
        #expect(collection.name == "/redfish/v1/Systems")
        #expect(collection.members.map(\.id) == ["/redfish/v1/Systems/1"])
        #expect(collection.membersCount == 1)
    }

    @Test func biosAttributesKeepTheirTypes() throws {
        let json = """
            {"@odata.id": "/redfish/v1/Systems/1/Bios", "Id": "Bios", "Name": "BIOS",
             "Attributes": {"BootMode": "Uefi", "NumLock": true, "MemTestSize": 4},
             "@Redfish.Settings": {"SettingsObject": {"@odata.id": "/redfish/v1/Systems/1/Bios/Settings"}}}
            """
        let bios = try RedfishJSON.decode(Bios.self, from: Data(json.utf8))
        #expect(bios.attributes?["BootMode"] == .string("Uefi"))
        #expect(bios.attributes?["NumLock"] == .bool(true))
        #expect(bios.attributes?["MemTestSize"] == .number(4))
        #expect(bios.settings?.settingsObject?.id == "/redfish/v1/Systems/1/Bios/Settings")
        let again = String(
            decoding: try RedfishJSON.encode(Bios.AttributesPatch(attributes: ["MemTestSize": .number(8)])),
            as: UTF8.self)
        #expect(again == #"{"Attributes":{"MemTestSize":8}}"#)
    }

    @Test func taskStates() throws {
        let json =
            #"{"@odata.id": "/redfish/v1/TaskService/Tasks/7", "Id": "7", "Name": "Update", "TaskState": "Exception", "Messages": [{"MessageId": "Base.1.22.GeneralError", "Message": "image not found"}]}"#
        let task = try RedfishJSON.decode(RedfishTask.self, from: Data(json.utf8))
        #expect(task.taskState?.isFinished == true)
        #expect(task.taskState?.isFailure == true)
        #expect(task.messages?.first?.message == "image not found")
        #expect(RedfishTask.TaskState.running.isFinished == false)
    }

    @Test func serviceRootLinks() throws {
        let json = """
            {"@odata.id": "/redfish/v1/", "@odata.type": "#ServiceRoot.v1_5_0.ServiceRoot", "Id": "RootService",
             "Name": "Root Service", "RedfishVersion": "1.6.0", "Systems": {"@odata.id": "/redfish/v1/Systems"},
             "SessionService": {"@odata.id": "/redfish/v1/SessionService"},
             "Links": {"Sessions": {"@odata.id": "/redfish/v1/SessionService/Sessions"}}}
            """
        let root = try RedfishJSON.decode(ServiceRoot.self, from: Data(json.utf8))
        #expect(root.systems?.id == "/redfish/v1/Systems")
        #expect(root.links?.sessions?.id == "/redfish/v1/SessionService/Sessions")
        #expect(root.redfishVersion == "1.6.0")
    }

    @Test func decodingErrorsNameThePath() throws {
        let json = #"{"@odata.id": "/s", "Id": "1", "Name": "s", "Boot": {"BootSourceOverrideTarget": 5}}"#
        do {
            _ = try RedfishJSON.decode(ComputerSystem.self, from: Data(json.utf8))
            Issue.record("decoding a number as a boot target should fail")
        } catch {
            #expect(RedfishJSON.describe(error).contains("Boot.BootSourceOverrideTarget"))
        }
        do {
            _ = try RedfishJSON.decode(ComputerSystem.self, from: Data(#"{"Id": "1"}"#.utf8))
            Issue.record("a system without @odata.id should fail")
        } catch {
            #expect(RedfishJSON.describe(error).contains("@odata.id"))
        }
    }
}
