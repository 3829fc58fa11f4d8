import HostAgent
import Testing

struct ParserTests {
    @Test func cpuinfoCountsProcessorsAndSortsFlags() {
        let text = """
            processor\t: 0
            model name\t: AMD EPYC
            cpu MHz\t\t: 2445.424
            flags\t\t: sse2 fpu lm sse2

            processor\t: 1
            model name\t: AMD EPYC
            cpu MHz\t\t: 2100.000
            flags\t\t: sse2 fpu lm

            """
        let info = CPUInfo(parsing: text)
        #expect(info.processorCount == 2)
        #expect(info.modelName == "AMD EPYC")
        #expect(info.megahertz == 2445.424)
        #expect(info.flags == ["fpu", "lm", "sse2"])
        #expect(info.hasLongMode)
    }

    @Test func armCPUInfo() {
        let info = CPUInfo(parsing: "processor\t: 0\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\n")
        #expect(info.looksLikeARM)
        #expect(info.flags == ["asimd", "fp"])
        #expect(info.modelName == nil)
    }

    @Test func meminfoTotal() {
        #expect(MemInfo(parsing: "MemTotal:       24684096 kB\nMemFree: 1 kB\n").mebibytes == 24105)
        #expect(MemInfo(parsing: "garbage").mebibytes == nil)
        #expect(MemInfo(parsing: "MemTotal: lots kB").mebibytes == nil)
    }

    @Test(
        arguments: [
            ("BOOTIF=01-52-54-00-AB-CD-EF quiet", "52:54:00:ab:cd:ef"),
            ("BOOTIF=52:54:00:ab:cd:ef", "52:54:00:ab:cd:ef"),
            ("quiet", nil),
            ("BOOTIF=01-52-54-00", nil),
            ("BOOTIF=zz-52-54-00-ab-cd-ef", nil),
        ] as [(String, String?)])
    func bootInterface(_ line: String, _ mac: String?) {
        #expect(KernelCommandLine(parsing: line).bootMAC == mac)
    }

    @Test func udevRecord() {
        let record = UdevProperties(parsing: "S:disk/by-path/x\nE:ID_WWN=0x5000c500a1b2c3d4\nE:ID_EMPTY=\nE:BAD\n")
        #expect(record["ID_WWN"] == "0x5000c500a1b2c3d4")
        #expect(record["ID_EMPTY"] == nil)
        #expect(record.properties.count == 1)
    }

    @Test func deviceNamesSortNaturally() {
        let names = ["sdaa", "sdb", "nvme10n1", "sda", "nvme2n1", "eno10", "eno2"]
        #expect(
            names.sorted(by: DeviceNameOrder.areInIncreasingOrder)
                == ["eno2", "eno10", "nvme2n1", "nvme10n1", "sda", "sdb", "sdaa"])
    }
}
