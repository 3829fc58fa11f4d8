import Foundation
import FoundryModel

/// Reads a host's hardware from its root filesystem into Metal3's `status.hardware` shape, the way
/// ironic-python-agent does on a real host: `proc/cpuinfo`, `proc/meminfo`, `sys/class/net`,
/// `sys/block`, `sys/class/dmi/id`, udev's database and `/dev/disk/by-path`.
public struct InventoryReader: Sendable {
    public let root: HostRoot

    public init(root: HostRoot) {
        self.root = root
    }

    public struct MissingRoot: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "cannot inspect \(self.path): it is not a directory with proc/ and sys/ (give the host's root, \"/\")"
        }
    }

    /// The whole inventory. Fields the host does not expose are left out, never guessed.
    public func read() throws -> HardwareDetails {
        guard self.root.exists("proc") || self.root.exists("sys") else {
            throw MissingRoot(path: self.root.path)
        }
        return HardwareDetails(
            systemVendor: self.systemVendor(),
            firmware: self.firmware(),
            ramMebibytes: self.root.read("proc/meminfo").flatMap { MemInfo(parsing: $0).mebibytes },
            nics: self.networkInterfaces(),
            storage: self.blockDevices().map(\.storage),
            cpu: self.cpu(),
            hostname: self.root.value("proc/sys/kernel/hostname") ?? self.root.value("etc/hostname"))
    }

    func systemVendor() -> HardwareDetails.HardwareSystemVendor? {
        let vendor = HardwareDetails.HardwareSystemVendor(
            manufacturer: self.root.value("sys/class/dmi/id/sys_vendor"),
            productName: self.root.value("sys/class/dmi/id/product_name"),
            serialNumber: self.root.value("sys/class/dmi/id/product_serial"))
        return vendor == HardwareDetails.HardwareSystemVendor() ? nil : vendor
    }

    func firmware() -> HardwareDetails.Firmware? {
        let bios = HardwareDetails.BIOS(
            date: self.root.value("sys/class/dmi/id/bios_date"),
            vendor: self.root.value("sys/class/dmi/id/bios_vendor"),
            version: self.root.value("sys/class/dmi/id/bios_version"))
        return bios == HardwareDetails.BIOS() ? nil : HardwareDetails.Firmware(bios: bios)
    }

    func cpu() -> HardwareDetails.CPU? {
        guard let text = self.root.read("proc/cpuinfo") else {
            return nil
        }
        let info = CPUInfo(parsing: text)
        // lscpu's "CPU max MHz" (cpufreq) is the nominal clock; cpuinfo's "cpu MHz" is the current one.
        let maxKilohertz = self.root.value("sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq").flatMap(Double.init)
        let megahertz = maxKilohertz.map { $0 / 1000 } ?? info.megahertz
        return HardwareDetails.CPU(
            arch: self.root.value("proc/sys/kernel/arch") ?? self.guessArchitecture(info),
            model: info.modelName,
            clockMegahertz: megahertz.map { $0.rounded() },
            flags: info.flags,
            count: info.processorCount)
    }

    private func guessArchitecture(_ info: CPUInfo) -> String? {
        if info.looksLikeARM {
            return "aarch64"
        }
        return info.hasLongMode ? "x86_64" : nil
    }
}
