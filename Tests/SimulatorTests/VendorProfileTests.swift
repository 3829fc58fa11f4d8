import Foundation
import Simulator
import TestSupport
import Testing

struct VendorProfileTests {
    @Test(arguments: RedfishFixtures.vendors)
    func repoProfilesLoad(name: String) throws {
        let vendor = try RedfishFixtures.vendor(name)
        #expect(vendor.name == name)
        #expect(vendor.offersRedfish)
        #expect(vendor.virtualMediaSlots.contains { $0.mediaTypes.contains("CD") })
        var config = ServerConfig(name: "n", vendor: name, hardware: "h", bmcScheme: "redfish")
        vendor.apply(to: &config)
        #expect(config.virtualMediaSlots.map(\.id) == vendor.redfish.virtualMedia.slots.map(\.id))
    }

    @Test func supermicroSpeaksBothProtocols() throws {
        let vendor = try RedfishFixtures.vendor("supermicro")
        #expect(vendor.offersIPMI && vendor.offersRedfish)
    }

    @Test func badProfilesNameTheField() {
        let noSlots = """
            name: broken
            manufacturer: X
            bmc: {model: m, firmwareVersion: "1"}
            protocols: [redfish]
            redfish:
              systemId: "1"
              managerId: "1"
              chassisId: "1"
              virtualMedia: {location: manager, style: action, slots: []}
              resetTypes: [On]
              bootTargets: [Pxe]
            """
        #expect(
            throws: SimulatorError.invalidFleet(
                "vendor profile broken.yaml: redfish.virtualMedia.slots: needs at least one slot")
        ) {
            try VendorProfile.parse(noSlots, source: "broken.yaml")
        }
        let badStyle = noSlots.replacingOccurrences(of: "style: action", with: "style: sideways")
        #expect(throws: SimulatorError.self) { try VendorProfile.parse(badStyle, source: "x.yaml") }
        #expect(throws: SimulatorError.self) {
            try VendorProfile.load(name: "no-such-vendor", mocks: URL(fileURLWithPath: "/nonexistent"))
        }
    }

    @Test func systemUUIDIsStableAndDistinct() {
        let a = ServerConfig(name: "a", vendor: "generic", hardware: "h", bmcScheme: "redfish")
        let b = ServerConfig(name: "b", vendor: "generic", hardware: "h", bmcScheme: "redfish")
        #expect(a.systemUUID == ServerConfig(name: "a", vendor: "x", hardware: "y", bmcScheme: "ipmi").systemUUID)
        #expect(a.systemUUID != b.systemUUID)
        #expect(a.systemUUID.count == 36)
        #expect(a.systemUUID != a.bmcUUID)
    }
}

/// Every fleet in the repo names vendor and hardware profiles that exist.
struct RedfishFleetProfileTests {
    @Test func repoFleetsNameExistingProfiles() throws {
        let folder = ProjectPaths.firmwareMocks.appendingPathComponent("fleets")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.contains("redfish-rack-4.yaml"))
        for file in files {
            let configs = try VendorProfile.apply(
                to: try FleetFile.load(path: folder.appendingPathComponent(file).path).expand(),
                mocks: ProjectPaths.firmwareMocks)
            for config in configs {
                #expect(throws: Never.self, "\(file): \(config.name)") {
                    _ = try HardwareProfile.load(name: config.hardware, mocks: ProjectPaths.firmwareMocks)
                }
                #expect(config.redfishSystemPath?.hasPrefix("/redfish/v1/Systems/") == true)
            }
        }
    }

    @Test func manifestsCarryTheVendorsSystemPath() throws {
        let vendor = try RedfishFixtures.vendor("dell-idrac9")
        var config = ServerConfig(name: "d", vendor: "dell-idrac9", hardware: "small", bmcScheme: "idrac-virtualmedia")
        vendor.apply(to: &config)
        #expect(
            FleetManifests.bmcAddress(for: config, ipmiPort: 623, redfishPort: 8443)
                == "idrac-virtualmedia://127.0.0.1:8443/redfish/v1/Systems/System.Embedded.1")
    }
}
