import Foundation
import FoundryModel
import HostAgent
import Simulator
import TestSupport
import Testing

struct InventoryTests {
    static let profiles: [String] = {
        let directory = ProjectPaths.firmwareMocks.appendingPathComponent("hardware")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func thereAreAtLeastFourProfiles() {
        #expect(Self.profiles.count >= 4, "profiles: \(Self.profiles)")
    }

    @Test(arguments: Self.profiles)
    func inventoryOfRenderedTreeEqualsProfile(_ name: String) throws {
        let directory = try TemporaryDirectory(prefix: "foundry-hw")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: name, mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "node-\(name)", vendor: "generic", hardware: name, bmcScheme: "ipmi")
        let tree = HardwareTree(root: directory.url, profile: profile, server: server)
        try tree.render()

        let inventory = try InventoryReader(root: HostRoot(directory.path)).read()
        let expected = tree.expectedInventory
        #expect(inventory.cpu == expected.cpu)
        #expect(inventory.nics == expected.nics)
        #expect(inventory.storage == expected.storage)
        #expect(inventory == expected)

        // The expectation itself must say what the profile says, not echo the reader.
        #expect(inventory.storage?.count == profile.disks.count)
        #expect(inventory.nics?.count == profile.nics.count)
        #expect(inventory.cpu?.count == profile.cpu.count)
        #expect(inventory.ramMebibytes == profile.memory.ramMebibytes)
        #expect(inventory.nics?.filter { $0.pxe == true }.count == profile.nics.filter(\.pxe).count)
        for disk in profile.disks {
            let attributes = try FileManager.default.attributesOfItem(atPath: tree.diskFile(disk.name).path)
            #expect((attributes[.size] as? NSNumber)?.int64Value == disk.sizeBytes)
        }
    }

    @Test func dellInventoryReadsLikeMetal3() throws {
        let directory = try TemporaryDirectory(prefix: "foundry-hw")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: "dell-r650", mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "r1-node-0", vendor: "dell-idrac9", hardware: "dell-r650", bmcScheme: "ipmi")
        try HardwareTree(root: directory.url, profile: profile, server: server).render()
        let inventory = try InventoryReader(root: HostRoot(directory.path)).read()

        let sda = try #require(inventory.storage?.first { $0.alternateNames?.first == "/dev/sda" })
        #expect(sda.name == "/dev/disk/by-path/pci-0000:00:17.0-ata-1")
        #expect(sda.alternateNames == ["/dev/sda", "/dev/disk/by-path/pci-0000:00:17.0-ata-1"])
        #expect(sda.vendor == "ATA")
        #expect(sda.hctl == "0:0:0:0")
        #expect(sda.type == .ssd)
        #expect(sda.wwn == "0x55cd2e415012ab02" || sda.wwn == "0x55cd2e415012ab01")
        let nvme = try #require(inventory.storage?.first)
        #expect(nvme.alternateNames?.first == "/dev/nvme0n1")
        #expect(nvme.type == .nvme)
        #expect(nvme.vendor == nil)
        #expect(nvme.hctl == nil)
        #expect(nvme.serialNumber?.hasPrefix("PHAB1") == true)

        let pxe = try #require(inventory.nics?.first { $0.pxe == true })
        #expect(pxe.name == "ens1f0np0")
        #expect(pxe.mac == server.macAddress(nic: 2))
        #expect(pxe.model == "0x15b3 0x101f")
        #expect(pxe.speedGbps == 25)
        #expect(pxe.pciAddress == "0000:31:00.0")
        let unplugged = try #require(inventory.nics?.first { $0.name == "eno8403" })
        #expect(unplugged.speedGbps == nil)

        #expect(inventory.cpu?.clockMegahertz == 3200)
        #expect(inventory.cpu?.arch == "x86_64")
        #expect(inventory.systemVendor?.serialNumber?.hasPrefix("R650") == true)
        #expect(inventory.firmware?.bios?.date == "01/18/2023")
        #expect(inventory.hostname == "r1-node-0")
    }

    @Test func serialsDifferBetweenServersOfOneProfile() throws {
        let profile = try HardwareProfile.load(name: "small", mocks: ProjectPaths.firmwareMocks)
        let a = ServerConfig(name: "a", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        let b = ServerConfig(name: "b", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        #expect(profile.systemSerialNumber(for: a) != profile.systemSerialNumber(for: b))
        #expect(
            profile.serialNumber(of: profile.disks[0], for: a) != profile.serialNumber(of: profile.disks[0], for: b))
        #expect(profile.systemSerialNumber(for: a) == profile.systemSerialNumber(for: a))
    }

    @Test func renderingAgainKeepsDiskContent() throws {
        let directory = try TemporaryDirectory(prefix: "foundry-hw")
        defer { directory.remove() }
        let profile = try HardwareProfile.load(name: "small", mocks: ProjectPaths.firmwareMocks)
        let server = ServerConfig(name: "n", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        let tree = HardwareTree(root: directory.url, profile: profile, server: server)
        try tree.render()
        let handle = try FileHandle(forWritingTo: tree.diskFile("sda"))
        try handle.write(contentsOf: Data("written".utf8))
        try handle.close()
        try tree.render()
        let data = try FileHandle(forReadingFrom: tree.diskFile("sda")).read(upToCount: 7)
        #expect(data == Data("written".utf8))
    }

    @Test func missingRootIsAClearError() {
        #expect(throws: InventoryReader.MissingRoot.self) {
            try InventoryReader(root: HostRoot("/nonexistent-foundry-root")).read()
        }
    }
}
