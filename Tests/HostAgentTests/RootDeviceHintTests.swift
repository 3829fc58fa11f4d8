import FoundryModel
import HostAgent
import Testing

struct RootDeviceHintTests {
    static let disks: [BlockDevice] = {
        var nvme = BlockDevice(kernelName: "nvme0n1", sizeBytes: 960_197_124_096, rotational: false)
        nvme.model = "SAMSUNG MZ1LB960HAJQ-00007"
        nvme.serialNumber = "S435NA0N1234"
        nvme.wwn = "eui.0025388b91b2c301"
        nvme.wwnWithExtension = nvme.wwn
        nvme.byPath = "/dev/disk/by-path/pci-0000:5e:00.0-nvme-1"

        var sda = BlockDevice(kernelName: "sda", sizeBytes: 480_103_981_056, rotational: false)
        sda.vendor = "ATA"
        sda.model = "SSDSC2KG480G8R"
        sda.serialNumber = "BTYG1111"
        sda.wwn = "0x55cd2e415012ab01"
        sda.wwnWithExtension = sda.wwn
        sda.hctl = "0:0:0:0"
        sda.byPath = "/dev/disk/by-path/pci-0000:00:17.0-ata-1"

        var sdb = BlockDevice(kernelName: "sdb", sizeBytes: 1_200_210_141_184, rotational: true)
        sdb.vendor = "HPE"
        sdb.model = "LOGICAL VOLUME"
        sdb.serialNumber = "PEYHB0ARH123"
        sdb.wwn = "0x600508b1001c5e6f"
        sdb.wwnVendorExtension = "0x8a1b6e06f1b3c3f2"
        sdb.wwnWithExtension = "0x600508b1001c5e6f8a1b6e06f1b3c3f2"
        sdb.hctl = "1:1:0:0"

        var sdc = BlockDevice(kernelName: "sdc", sizeBytes: 8_001_563_222_016, rotational: true)
        sdc.vendor = "SEAGATE"
        sdc.model = "ST8000NM0075"
        sdc.serialNumber = "ZA10AAAA"
        sdc.wwn = "0x5000c500a1b2c300"
        sdc.wwnWithExtension = sdc.wwn
        sdc.hctl = "0:0:2:0"

        var sdd = BlockDevice(kernelName: "sdd", sizeBytes: 2 << 30, rotational: false)
        sdd.vendor = "SanDisk"
        sdd.model = "Cruzer Blade"
        sdd.removable = true
        sdd.hctl = "6:0:0:0"
        return [nvme, sda, sdb, sdc, sdd]
    }()

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var hints: RootDeviceHints?
        /// The chosen disk's kernel name, or nil when no disk may be chosen.
        var expected: String?
        var testDescription: String { self.name }
    }

    static let cases: [Case] = [
        Case(name: "no hints: smallest disk of 4 GiB or more", hints: nil, expected: "sda"),
        Case(name: "empty hints count as none", hints: RootDeviceHints(), expected: "sda"),
        Case(name: "deviceName /dev path", hints: RootDeviceHints(deviceName: "/dev/sdc"), expected: "sdc"),
        Case(name: "deviceName without /dev", hints: RootDeviceHints(deviceName: "sdc"), expected: "sdc"),
        Case(
            name: "deviceName by-path",
            hints: RootDeviceHints(deviceName: "/dev/disk/by-path/pci-0000:5e:00.0-nvme-1"), expected: "nvme0n1"),
        Case(
            name: "deviceName by-path of a SATA disk",
            hints: RootDeviceHints(deviceName: "/dev/disk/by-path/pci-0000:00:17.0-ata-1"), expected: "sda"),
        Case(name: "deviceName absent", hints: RootDeviceHints(deviceName: "/dev/sdz"), expected: nil),
        Case(name: "model substring, any case", hints: RootDeviceHints(model: "st8000"), expected: "sdc"),
        Case(name: "model with a space", hints: RootDeviceHints(model: "LOGICAL VOLUME"), expected: "sdb"),
        Case(name: "vendor substring", hints: RootDeviceHints(vendor: "hpe"), expected: "sdb"),
        Case(name: "vendor nobody reports", hints: RootDeviceHints(vendor: "Samsung"), expected: nil),
        Case(name: "serial exact, any case", hints: RootDeviceHints(serialNumber: "za10aaaa"), expected: "sdc"),
        Case(name: "serial is not a substring match", hints: RootDeviceHints(serialNumber: "ZA10"), expected: nil),
        Case(
            name: "minimum size picks the first big enough", hints: RootDeviceHints(minSizeGigabytes: 1000),
            expected: "sdb"),
        Case(name: "minimum size 5000 GiB", hints: RootDeviceHints(minSizeGigabytes: 5000), expected: "sdc"),
        Case(name: "minimum size nobody has", hints: RootDeviceHints(minSizeGigabytes: 9000), expected: nil),
        Case(
            name: "not rotational: first in device order", hints: RootDeviceHints(rotational: false),
            expected: "nvme0n1"),
        Case(name: "rotational", hints: RootDeviceHints(rotational: true), expected: "sdb"),
        Case(name: "wwn", hints: RootDeviceHints(wwn: "0x5000c500a1b2c300"), expected: "sdc"),
        Case(name: "wwn in upper case", hints: RootDeviceHints(wwn: "0x5000C500A1B2C300"), expected: "sdc"),
        Case(
            name: "wwnWithExtension",
            hints: RootDeviceHints(wwnWithExtension: "0x600508b1001c5e6f8a1b6e06f1b3c3f2"), expected: "sdb"),
        Case(
            name: "wwnVendorExtension", hints: RootDeviceHints(wwnVendorExtension: "0x8a1b6e06f1b3c3f2"),
            expected: "sdb"),
        Case(name: "hctl", hints: RootDeviceHints(hctl: "0:0:2:0"), expected: "sdc"),
        Case(name: "hctl of a too-small disk still matches", hints: RootDeviceHints(hctl: "6:0:0:0"), expected: "sdd"),
        Case(name: "every hint must match", hints: RootDeviceHints(hctl: "0:0:0:0", rotational: true), expected: nil),
        Case(name: "model and size", hints: RootDeviceHints(model: "SSDSC", minSizeGigabytes: 400), expected: "sda"),
        Case(
            name: "model and too large a size", hints: RootDeviceHints(model: "SSDSC", minSizeGigabytes: 500),
            expected: nil),
        Case(
            name: "flash of at least 500 GiB", hints: RootDeviceHints(minSizeGigabytes: 500, rotational: false),
            expected: "nvme0n1"),
        Case(
            name: "zero minimum size is no constraint", hints: RootDeviceHints(minSizeGigabytes: 0), expected: "nvme0n1"
        ),
    ]

    @Test func thereAreAtLeastTwentyCases() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: Self.cases)
    func hintTable(_ testCase: Case) {
        do {
            let chosen = try RootDeviceSelector.select(from: Self.disks, hints: testCase.hints)
            #expect(chosen.kernelName == testCase.expected)
        } catch {
            #expect(testCase.expected == nil, "unexpected: \(error)")
            #expect(error.exclusions.count == Self.disks.count)
        }
    }

    @Test func noMatchListsEveryDiskAndWhatExcludedIt() throws {
        let error = #expect(throws: RootDeviceError.self) {
            try RootDeviceSelector.select(
                from: Self.disks, hints: RootDeviceHints(model: "SSDSC", minSizeGigabytes: 500))
        }
        let message = try #require(error).description
        #expect(
            message.hasPrefix("no disk matches the root device hints (model contains \"SSDSC\", minSizeGigabytes 500):")
        )
        for disk in Self.disks {
            #expect(message.contains(disk.devicePath), "\(disk.devicePath) missing from: \(message)")
        }
        #expect(message.contains("/dev/sda, 447.1 GiB, SSD, model \"SSDSC2KG480G8R\""))
        #expect(message.contains("minSizeGigabytes is 500 but the disk has 447.1 GiB"))
        #expect(message.contains("model should contain \"SSDSC\" but the disk's is \"ST8000NM0075\""))
        #expect(message.contains("model should contain \"SSDSC\" but the disk's is \"LOGICAL VOLUME\""))
    }

    @Test func noHintsAndOnlySmallDisks() throws {
        let small = Self.disks.filter { $0.kernelName == "sdd" }
        let error = #expect(throws: RootDeviceError.self) {
            try RootDeviceSelector.select(from: small, hints: nil)
        }
        let message = try #require(error).description
        #expect(message.hasPrefix("no disk of at least 4 GiB:"))
        #expect(message.contains("/dev/sdd"))
    }

    @Test func noDisksAtAll() {
        let error = #expect(throws: RootDeviceError.self) {
            try RootDeviceSelector.select(from: [], hints: RootDeviceHints(rotational: true))
        }
        #expect(error?.description.hasSuffix("the host has no disks") == true)
    }

    @Test func readOnlyDisksAreNeverChosen() throws {
        var disks = Self.disks
        disks[1].readOnly = true
        let chosen = try RootDeviceSelector.select(from: disks, hints: nil)
        #expect(chosen.kernelName == "nvme0n1")
    }
}
