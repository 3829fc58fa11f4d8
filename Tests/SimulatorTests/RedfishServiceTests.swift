import Foundation
import RedfishModel
import Simulator
import Testing

/// The simulated Redfish service request by request, without sockets.
struct RedfishServiceTests {
    @Test(arguments: RedfishFixtures.vendors)
    func everyResourceLinkedFromTheRootAnswers(vendor: String) async throws {
        let service = try RedfishFixtures.service(vendor: vendor)
        var queue = ["/redfish/v1/"]
        var seen = Set<String>()
        while let path = queue.popLast(), seen.count < 200 {
            guard seen.insert(path).inserted else { continue }
            let response = await service.handle(RedfishFixtures.request("GET", path))
            #expect(response.status == 200, "\(vendor) GET \(path) -> \(response.status)")
            let json = try RedfishJSON.decode(JSONValue.self, from: response.body)
            Self.links(in: json, into: &queue)
        }
        // Root, collections, system and its inventory, manager, media, chassis, services.
        #expect(seen.count > 25, "\(vendor) served only \(seen.sorted())")
    }

    static func links(in value: JSONValue, into queue: inout [String]) {
        switch value {
        case .object(let object):
            for (key, child) in object {
                if key == "@odata.id", case .string(let path) = child { queue.append(path) }
                Self.links(in: child, into: &queue)
            }
        case .array(let items):
            for item in items { Self.links(in: item, into: &queue) }
        default:
            break
        }
    }

    @Test func vendorIDsAreWhereMetal3Expects() async throws {
        let dell = try RedfishFixtures.service(vendor: "dell-idrac9")
        #expect(dell.ids.systemPath == "/redfish/v1/Systems/System.Embedded.1")
        #expect(dell.ids.managerPath == "/redfish/v1/Managers/iDRAC.Embedded.1")
        #expect(try RedfishFixtures.service(vendor: "hpe-ilo5").ids.systemPath == "/redfish/v1/Systems/1")
        let generic = try RedfishFixtures.service(vendor: "generic")
        #expect(generic.ids.system == generic.server.config.systemUUID)
        let media = await dell.handle(
            RedfishFixtures.request("GET", "/redfish/v1/Managers/iDRAC.Embedded.1/VirtualMedia"))
        let members = try media.decode(ResourceCollection.self).members.map(\.id)
        #expect(
            members == [
                "/redfish/v1/Managers/iDRAC.Embedded.1/VirtualMedia/CD",
                "/redfish/v1/Managers/iDRAC.Embedded.1/VirtualMedia/RemovableDisk",
            ])
    }

    @Test func serviceRootNeedsNoCredentialsButSystemsDo() async throws {
        let service = try RedfishFixtures.service(vendor: "generic")
        #expect(await service.handle(RedfishFixtures.request("GET", "/redfish/v1/", auth: false)).status == 200)
        #expect(await service.handle(RedfishFixtures.request("GET", "/redfish/v1", auth: false)).status == 200)
        let denied = await service.handle(RedfishFixtures.request("GET", "/redfish/v1/Systems", auth: false))
        #expect(denied.status == 401)
        #expect(denied.header("WWW-Authenticate")?.hasPrefix("Basic") == true)
        #expect(denied.error?.contains(.noValidSession) == true)
        let wrong = "Basic " + Data("admin:nope".utf8).base64EncodedString()
        let refused = await service.handle(
            RedfishFixtures.request("GET", "/redfish/v1/Systems", headers: ["authorization": wrong], auth: false))
        #expect(refused.status == 401)
    }

    @Test func sessionsLogInAndOut() async throws {
        let service = try RedfishFixtures.service(vendor: "dell-idrac9")
        let login = await service.handle(
            RedfishFixtures.request(
                "POST", "/redfish/v1/SessionService/Sessions", json: #"{"UserName": "admin", "Password": "password"}"#,
                auth: false))
        #expect(login.status == 201)
        let token = try #require(login.header("X-Auth-Token"))
        let location = try #require(login.header("Location"))
        #expect(try login.decode(Session.self).userName == "admin")
        #expect(!String(decoding: login.body, as: UTF8.self).contains("password"))
        let system = await service.handle(
            RedfishFixtures.request(
                "GET", "/redfish/v1/Systems/System.Embedded.1", headers: ["x-auth-token": token], auth: false))
        #expect(system.status == 200)
        let logout = await service.handle(
            RedfishFixtures.request("DELETE", location, headers: ["x-auth-token": token], auth: false))
        #expect(logout.status == 204)
        let after = await service.handle(
            RedfishFixtures.request("GET", "/redfish/v1/Systems", headers: ["x-auth-token": token], auth: false))
        #expect(after.status == 401)
        let bad = await service.handle(
            RedfishFixtures.request(
                "POST", "/redfish/v1/SessionService/Sessions", json: #"{"UserName": "admin", "Password": "x"}"#,
                auth: false))
        #expect(bad.status == 401)
        let missing = await service.handle(
            RedfishFixtures.request(
                "POST", "/redfish/v1/SessionService/Sessions", json: #"{"UserName": "admin"}"#, auth: false))
        #expect(missing.status == 400)
        #expect(missing.error?.contains(.createFailedMissingReqProperties) == true)
    }

    @Test func readOnlyUserCannotChangeAnything() async throws {
        let service = try RedfishFixtures.service(
            vendor: "generic", users: [SimUser(name: "admin", password: "password", privilege: .user)])
        let path = service.ids.systemPath
        #expect(await service.handle(RedfishFixtures.request("GET", path)).status == 200)
        let reset = await service.handle(
            RedfishFixtures.request("POST", "\(path)/Actions/ComputerSystem.Reset", json: #"{"ResetType": "On"}"#))
        #expect(reset.status == 403)
        #expect(reset.error?.contains(.insufficientPrivilege) == true)
        #expect(await service.server.isPoweredOn == false)
    }

    @Test func errorsCarryRedfishBodies() async throws {
        let service = try RedfishFixtures.service(vendor: "generic")
        let missing = await service.handle(RedfishFixtures.request("GET", "/redfish/v1/Systems/nope"))
        #expect(missing.status == 404)
        #expect(missing.error?.contains(.resourceMissingAtURI) == true)
        #expect(missing.header("Content-Type")?.hasPrefix("application/json") == true)
        let wrongMethod = await service.handle(RedfishFixtures.request("DELETE", service.ids.systemPath))
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow") == "GET, HEAD, PATCH")
        let malformed = await service.handle(
            RedfishFixtures.request("PATCH", service.ids.systemPath, json: #"{"Boot": {"#))
        #expect(malformed.status == 400)
        #expect(malformed.error?.contains(.malformedJSON) == true)
        let notJSON = await service.handle(
            RedfishFixtures.request(
                "PATCH", service.ids.systemPath, json: "Boot=Pxe", headers: ["content-type": "text/plain"]))
        #expect(notJSON.status == 415)
        let query = await service.handle(RedfishFixtures.request("GET", "/redfish/v1/Systems?$expand=."))
        #expect(query.status == 501)
    }

    @Test func resetFollowsAllowableValues() async throws {
        let service = try RedfishFixtures.service(vendor: "generic")
        let target = service.ids.systemPath + "/Actions/ComputerSystem.Reset"
        let on = await service.handle(RedfishFixtures.request("POST", target, json: #"{"ResetType": "On"}"#))
        #expect(on.status == 204)
        #expect(await service.server.isPoweredOn)
        let cycle = await service.handle(RedfishFixtures.request("POST", target, json: #"{"ResetType": "PowerCycle"}"#))
        #expect(cycle.status == 400)
        #expect(cycle.error?.contains(.actionParameterValueNotInList) == true)
        let empty = await service.handle(RedfishFixtures.request("POST", target, json: "{}"))
        #expect(empty.error?.contains(.actionParameterMissing) == true)
        let typo = await service.handle(RedfishFixtures.request("POST", target, json: #"{"ResetTyp": "On"}"#))
        #expect(typo.error?.contains(.actionParameterUnknown) == true)
        let off = await service.handle(RedfishFixtures.request("POST", target, json: #"{"ResetType": "ForceOff"}"#))
        #expect(off.status == 204)
        #expect(await service.server.isPoweredOn == false)
    }

    @Test func delayedPowerShowsTransition() async throws {
        // A delay long enough that the read right after the reset falls inside it even on a
        // loaded machine; the end is waited for by polling, not by a fixed sleep.
        let service = try RedfishFixtures.service(vendor: "dell-idrac9", powerDelay: .seconds(2))
        let target = service.ids.systemPath + "/Actions/ComputerSystem.Reset"
        let start = ContinuousClock.now
        #expect(
            await service.handle(RedfishFixtures.request("POST", target, json: #"{"ResetType": "On"}"#)).status == 204)
        let during = try await service.handle(RedfishFixtures.request("GET", service.ids.systemPath)).decode(
            ComputerSystem.self)
        #expect(during.powerState == .poweringOn)
        var after = during
        while after.powerState != .on, ContinuousClock.now - start < .seconds(30) {
            try await Task.sleep(for: .milliseconds(50))
            after = try await service.handle(RedfishFixtures.request("GET", service.ids.systemPath)).decode(
                ComputerSystem.self)
        }
        #expect(after.powerState == .on)
        #expect(ContinuousClock.now - start >= .seconds(2))
    }

    @Test func bootOverridePatchWithETags() async throws {
        let service = try RedfishFixtures.service(vendor: "dell-idrac9")
        let path = service.ids.systemPath
        let first = await service.handle(RedfishFixtures.request("GET", path))
        let etag = try #require(first.header("ETag"))
        let body =
            #"{"Boot": {"BootSourceOverrideTarget": "Cd", "BootSourceOverrideEnabled": "Continuous", "BootSourceOverrideMode": "Legacy"}}"#
        let patched = await service.handle(
            RedfishFixtures.request("PATCH", path, json: body, headers: ["if-match": etag]))
        #expect(patched.status == 200)
        #expect(await service.server.bootOverride == SimBootOverride(device: .cdrom, persistent: true, mode: .legacy))
        #expect(patched.header("ETag") != etag)
        let stale = await service.handle(
            RedfishFixtures.request(
                "PATCH", path, json: #"{"Boot": {"BootSourceOverrideTarget": "Pxe"}}"#, headers: ["if-match": etag]))
        #expect(stale.status == 412)
        #expect(stale.error?.contains(.preconditionFailed) == true)
        #expect(await service.server.bootOverride?.device == .cdrom)
        let shown = try patched.decode(ComputerSystem.self)
        #expect(shown.boot?.bootSourceOverrideTarget == .cd)
        #expect(shown.boot?.bootSourceOverrideEnabled == .continuous)
    }

    @Test func bootOverrideRefusals() async throws {
        let service = try RedfishFixtures.service(vendor: "generic")
        let path = service.ids.systemPath
        let target = await service.handle(
            RedfishFixtures.request("PATCH", path, json: #"{"Boot": {"BootSourceOverrideTarget": "Floppy"}}"#))
        #expect(target.status == 400)
        #expect(target.error?.contains(.propertyValueNotInList) == true)
        let readOnly = await service.handle(RedfishFixtures.request("PATCH", path, json: #"{"PowerState": "On"}"#))
        #expect(readOnly.error?.contains(.propertyNotWritable) == true)
        let unknown = await service.handle(RedfishFixtures.request("PATCH", path, json: #"{"Colour": "Blue"}"#))
        #expect(unknown.error?.contains(.propertyUnknown) == true)
        let once = await service.handle(
            RedfishFixtures.request("PATCH", path, json: #"{"Boot": {"BootSourceOverrideTarget": "Pxe"}}"#))
        #expect(once.status == 200)
        #expect(await service.server.bootOverride == SimBootOverride(device: .pxe, persistent: false, mode: .uefi))
        let cleared = await service.handle(
            RedfishFixtures.request("PATCH", path, json: #"{"Boot": {"BootSourceOverrideTarget": "None"}}"#))
        #expect(cleared.status == 200)
        #expect(await service.server.bootOverride == nil)
    }

    @Test func actionStyleMediaAndDellConflict() async throws {
        let service = try RedfishFixtures.service(vendor: "dell-idrac9")
        let cd = service.ids.managerPath + "/VirtualMedia/CD"
        let insert = cd + "/Actions/VirtualMedia.InsertMedia"
        let first = await service.handle(
            RedfishFixtures.request(
                "POST", insert, json: #"{"Image": "http://127.0.0.1:8080/a.iso", "Inserted": true}"#))
        #expect(first.status == 204)
        let media = try await service.handle(RedfishFixtures.request("GET", cd)).decode(VirtualMedia.self)
        #expect(media.inserted == true)
        #expect(media.image == "http://127.0.0.1:8080/a.iso")
        #expect(media.imageName == "a.iso")
        let second = await service.handle(
            RedfishFixtures.request("POST", insert, json: #"{"Image": "http://127.0.0.1:8080/b.iso"}"#))
        #expect(second.status == 409)
        #expect(
            await service.handle(RedfishFixtures.request("POST", cd + "/Actions/VirtualMedia.EjectMedia", json: "{}"))
                .status == 204)
        #expect(await service.server.virtualMedia.first { $0.id == "CD" }?.inserted == false)
        let patch = await service.handle(RedfishFixtures.request("PATCH", cd, json: #"{"Image": "http://x/y.iso"}"#))
        #expect(patch.status == 405)
        let bad = await service.handle(RedfishFixtures.request("POST", insert, json: #"{"Image": "not a url"}"#))
        #expect(bad.error?.contains(.actionParameterValueFormatError) == true)
    }

    @Test func patchStyleMediaOnILO() async throws {
        let service = try RedfishFixtures.service(vendor: "hpe-ilo5")
        let cd = service.ids.managerPath + "/VirtualMedia/2"
        let shown = await service.handle(RedfishFixtures.request("GET", cd))
        #expect(shown.header("Allow")?.contains("PATCH") == true)
        #expect(try shown.decode(VirtualMedia.self).insertMediaAction == nil)
        let action = await service.handle(
            RedfishFixtures.request(
                "POST", cd + "/Actions/VirtualMedia.InsertMedia", json: #"{"Image": "http://h/a.iso"}"#))
        #expect(action.status == 404)
        let insert = await service.handle(
            RedfishFixtures.request(
                "PATCH", cd, json: #"{"Image": "http://127.0.0.1/a.iso", "Inserted": true, "WriteProtected": true}"#))
        #expect(insert.status == 200)
        #expect(try insert.decode(VirtualMedia.self).inserted == true)
        let eject = await service.handle(
            RedfishFixtures.request("PATCH", cd, json: #"{"Image": null, "Inserted": false}"#))
        #expect(try eject.decode(VirtualMedia.self).inserted == false)
        #expect(await service.server.virtualMedia.first { $0.id == "2" }?.image == nil)
    }

    @Test func supermicroRefusesInsertedParameter() async throws {
        let service = try RedfishFixtures.service(vendor: "supermicro")
        let insert = service.ids.managerPath + "/VirtualMedia/CD1/Actions/VirtualMedia.InsertMedia"
        let refused = await service.handle(
            RedfishFixtures.request("POST", insert, json: #"{"Image": "http://h/a.iso", "Inserted": true}"#))
        #expect(refused.status == 400)
        #expect(refused.error?.contains(.actionParameterUnknown) == true)
        #expect(
            await service.handle(RedfishFixtures.request("POST", insert, json: #"{"Image": "http://h/a.iso"}"#)).status
                == 204)
    }

    @Test func inventoryFollowsTheHardwareProfile() async throws {
        let service = try RedfishFixtures.service(vendor: "generic")
        let system = service.ids.systemPath
        let processors = try await service.handle(RedfishFixtures.request("GET", "\(system)/Processors")).decode(
            ResourceCollection.self)
        #expect(processors.members.count == 2)
        let cpu = try await service.handle(RedfishFixtures.request("GET", processors.members[0].id)).decode(
            Processor.self)
        #expect(cpu.totalCores == 2)
        #expect(cpu.totalThreads == 4)
        #expect(cpu.instructionSet == "x86-64")
        let memory = try await service.handle(RedfishFixtures.request("GET", "\(system)/Memory")).decode(
            ResourceCollection.self)
        #expect(memory.members.count == 2)
        let nic = try await service.handle(RedfishFixtures.request("GET", "\(system)/EthernetInterfaces/eno1")).decode(
            EthernetInterface.self)
        #expect(nic.macAddress == service.server.config.macAddress(nic: 0).uppercased())
        #expect(nic.speedMbps == 25000)
        let drive = try await service.handle(RedfishFixtures.request("GET", "\(system)/Storage/1/Drives/nvme0n1"))
            .decode(Drive.self)
        #expect(drive.capacityBytes == 1_600_321_314_816)
        #expect(drive.protocol == "NVMe")
        #expect(drive.serialNumber?.hasPrefix("S4") == true)
    }

    @Test func biosSettingsApplyAtNextBoot() async throws {
        let service = try RedfishFixtures.service(vendor: "dell-idrac9")
        await service.activate()
        let bios = service.ids.systemPath + "/Bios"
        let change = await service.handle(
            RedfishFixtures.request(
                "PATCH", bios + "/Settings", json: #"{"Attributes": {"ProcVirtualization": "Disabled"}}"#))
        #expect(change.status == 200)
        let before = try await service.handle(RedfishFixtures.request("GET", bios)).decode(Bios.self)
        #expect(before.attributes?["ProcVirtualization"] == .string("Enabled"))
        await service.server.setPower(on: true)
        let after = try await service.handle(RedfishFixtures.request("GET", bios)).decode(Bios.self)
        #expect(after.attributes?["ProcVirtualization"] == .string("Disabled"))
        let unknown = await service.handle(
            RedfishFixtures.request("PATCH", bios + "/Settings", json: #"{"Attributes": {"Turbo": "On"}}"#))
        #expect(unknown.error?.contains(.propertyUnknown) == true)
        let wrongType = await service.handle(
            RedfishFixtures.request("PATCH", bios + "/Settings", json: #"{"Attributes": {"BootMode": 1}}"#))
        #expect(wrongType.error?.contains(.propertyValueTypeError) == true)
        await service.deactivate()
    }

    @Test func firmwareUpdateRunsAsATask() async throws {
        let service = try RedfishFixtures.service(vendor: "generic")
        let start = await service.handle(
            RedfishFixtures.request(
                "POST", "/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate",
                json: #"{"ImageURI": "http://127.0.0.1/bios.bin"}"#))
        #expect(start.status == 202)
        let location = try #require(start.header("Location"))
        let running = try await service.handle(RedfishFixtures.request("GET", location)).decode(RedfishTask.self)
        #expect(running.taskState == .running)
        try await Task.sleep(for: .milliseconds(1100))
        let done = try await service.handle(RedfishFixtures.request("GET", location)).decode(RedfishTask.self)
        #expect(done.taskState == .completed)
        #expect(done.percentComplete == 100)
        #expect(await service.appliedUpdates == ["http://127.0.0.1/bios.bin"])
    }

    @Test func faultsAreCountedDown() async throws {
        let service = try RedfishFixtures.service(vendor: "generic")
        var faults = FaultSettings()
        faults.serviceUnavailableCount = 1
        faults.dropConnectionCount = 1
        await service.server.setFaults(faults)
        #expect(await service.handle(RedfishFixtures.request("GET", "/redfish/v1/")).disposition == .dropConnection)
        let busy = await service.handle(RedfishFixtures.request("GET", "/redfish/v1/"))
        #expect(busy.status == 503)
        #expect(busy.header("Retry-After") == "1")
        #expect(await service.handle(RedfishFixtures.request("GET", "/redfish/v1/")).status == 200)
        faults = FaultSettings()
        faults.rejectAllCredentials = true
        await service.server.setFaults(faults)
        #expect(await service.handle(RedfishFixtures.request("GET", "/redfish/v1/Systems")).status == 401)
        #expect(await service.server.stats.redfishRequests == 4)
    }

    @Test func headAnswersLikeGetWithoutBody() async throws {
        let service = try RedfishFixtures.service(vendor: "generic")
        let get = await service.handle(RedfishFixtures.request("GET", service.ids.systemPath))
        let head = await service.handle(RedfishFixtures.request("HEAD", service.ids.systemPath))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("ETag") == get.header("ETag"))
    }
}
