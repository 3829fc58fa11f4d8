import Foundation

/// Renders a hardware profile, for one server, into a directory laid out like a Linux root
/// (`proc/`, `sys/`, `dev/`, `run/udev/`), with the server's disks as sparse files under `dev/`.
///
/// The layout follows the kernel's: `sys/block/sda` and `sys/class/net/eno1` are symlinks into
/// `sys/devices/...`, a disk's `device` link points at its SCSI address (its HCTL) or NVMe controller,
/// a NIC's `device` link at its PCI function. The host agent reads this tree with the code it runs
/// on a real host, so nothing here may be a shortcut the kernel does not take.
public struct HardwareTree: Sendable {
    public let root: URL
    public let profile: HardwareProfile
    public let server: ServerConfig

    public init(root: URL, profile: HardwareProfile, server: ServerConfig) {
        self.root = root
        self.profile = profile
        self.server = server
    }

    /// The sparse file backing a disk (`dev/<name>`).
    public func diskFile(_ name: String) -> URL {
        self.root.appendingPathComponent("dev/\(name)")
    }

    /// Writes the tree. Disk files that exist keep their content (a restarted simulator keeps its
    /// disks); missing ones are created sparse at the profile's size.
    public func render() throws {
        try self.renderProc()
        try self.renderDMI()
        try self.renderNICs()
        for (index, disk) in self.profile.disks.enumerated() {
            try self.renderDisk(disk, index: index)
        }
        try self.write("etc/hostname", self.server.name + "\n")
    }

    // MARK: proc

    private func renderProc() throws {
        try self.write("proc/cpuinfo", self.cpuinfo())
        let kibibytes = self.profile.memory.ramMebibytes * 1024
        try self.write(
            "proc/meminfo",
            """
            MemTotal:       \(kibibytes) kB
            MemFree:        \(kibibytes * 9 / 10) kB
            MemAvailable:   \(kibibytes * 9 / 10) kB
            Buffers:               0 kB
            Cached:                0 kB

            """)
        try self.write("proc/cmdline", self.kernelCommandLine() + "\n")
        // The agent runs from a ramdisk: nothing on the server's disks is mounted.
        try self.write(
            "proc/mounts",
            """
            rootfs / rootfs rw,size=\(kibibytes / 2)k 0 0
            proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
            sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
            devtmpfs /dev devtmpfs rw,nosuid,size=\(kibibytes / 2)k,mode=755 0 0

            """)
        try self.write("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n")
        try self.write("proc/sys/kernel/hostname", self.server.name + "\n")
        try self.write("proc/sys/kernel/arch", self.profile.cpu.arch + "\n")
        let kilohertz = Int(self.profile.cpu.clockMegahertz.rounded()) * 1000
        for cpu in 0..<self.profile.cpu.count {
            try self.write("sys/devices/system/cpu/cpu\(cpu)/cpufreq/cpuinfo_max_freq", "\(kilohertz)\n")
        }
    }

    private func cpuinfo() -> String {
        let cpu = self.profile.cpu
        let vendor = cpu.model.contains("AMD") ? "AuthenticAMD" : "GenuineIntel"
        let threadsPerSocket = max(1, cpu.count / max(1, cpu.sockets))
        let threadsPerCore = max(1, threadsPerSocket / max(1, cpu.coresPerSocket))
        var text = ""
        for processor in 0..<cpu.count {
            let socket = processor / threadsPerSocket
            let core = (processor % threadsPerSocket) / threadsPerCore
            text += """
                processor\t: \(processor)
                vendor_id\t: \(vendor)
                cpu family\t: 6
                model\t\t: 106
                model name\t: \(cpu.model)
                stepping\t: 6
                cpu MHz\t\t: \(String(format: "%.3f", cpu.clockMegahertz))
                cache size\t: 49152 KB
                physical id\t: \(socket)
                siblings\t: \(threadsPerSocket)
                core id\t\t: \(core)
                cpu cores\t: \(cpu.coresPerSocket)
                flags\t\t: \(cpu.flags.joined(separator: " "))
                bogomips\t: \(String(format: "%.2f", cpu.clockMegahertz * 2))


                """
        }
        return text
    }

    private func kernelCommandLine() -> String {
        var line = "BOOT_IMAGE=/foundry-agent.kernel console=ttyS0,115200 ipa-insecure=0"
        if let index = self.profile.nics.firstIndex(where: \.pxe) {
            let mac = self.server.macAddress(nic: index).replacingOccurrences(of: ":", with: "-")
            line += " BOOTIF=01-\(mac)"
        }
        return line
    }

    // MARK: DMI

    private func renderDMI() throws {
        let files: [(String, String?)] = [
            ("sys_vendor", self.profile.system.manufacturer),
            ("product_name", self.profile.system.productName),
            ("product_serial", self.profile.systemSerialNumber(for: self.server)),
            ("bios_vendor", self.profile.bios.vendor),
            ("bios_version", self.profile.bios.version),
            ("bios_date", self.profile.bios.date),
        ]
        let device = "sys/devices/virtual/dmi/id"
        for case (let name, let value?) in files {
            try self.write("\(device)/\(name)", value + "\n")
        }
        try self.link("sys/class/dmi/id", to: "../../devices/virtual/dmi/id")
    }

    // MARK: NICs

    private func renderNICs() throws {
        for (index, nic) in self.profile.nics.enumerated() {
            let function = "sys/devices/pci0000:00/\(nic.pciAddress)"
            try self.write("\(function)/vendor", (nic.pciVendorID ?? "0x0000") + "\n")
            try self.write("\(function)/device", (nic.pciDeviceID ?? "0x0000") + "\n")
            let interface = "\(function)/net/\(nic.name)"
            try self.write("\(interface)/address", self.server.macAddress(nic: index) + "\n")
            try self.write("\(interface)/carrier", nic.carrier ? "1\n" : "0\n")
            // The kernel reports an unknown speed (-1) on a link without carrier.
            try self.write("\(interface)/speed", nic.carrier ? "\(nic.speedGbps * 1000)\n" : "-1\n")
            try self.write("\(interface)/operstate", nic.carrier ? "up\n" : "down\n")
            try self.write("\(interface)/type", "1\n")
            try self.link("\(interface)/device", to: "../../../\(nic.pciAddress)")
            try self.link("sys/class/net/\(nic.name)", to: "../../devices/pci0000:00/\(nic.pciAddress)/net/\(nic.name)")
        }
        // The loopback interface is virtual: no `device` link.
        try self.write("sys/devices/virtual/net/lo/address", "00:00:00:00:00:00\n")
        try self.link("sys/class/net/lo", to: "../../devices/virtual/net/lo")
    }

    // MARK: disks

    private func renderDisk(_ disk: HardwareProfile.Disk, index: Int) throws {
        let number = Self.deviceNumber(of: disk.name, index: index)
        let placement = Self.placement(of: disk)
        let block = placement.blockPath
        try self.write("\(block)/size", "\(disk.sizeBytes / 512)\n")
        try self.write("\(block)/dev", "\(number.major):\(number.minor)\n")
        try self.write("\(block)/removable", "0\n")
        try self.write("\(block)/ro", "0\n")
        try self.write("\(block)/queue/rotational", disk.rotational ? "1\n" : "0\n")
        try self.write("\(block)/queue/logical_block_size", "512\n")
        try self.link("\(block)/device", to: placement.deviceLink)
        try self.link("sys/block/\(disk.name)", to: "../\(block.dropFirst("sys/".count))")
        try self.link("sys/dev/block/\(number.major):\(number.minor)", to: "../../\(block.dropFirst("sys/".count))")

        let serial = self.profile.serialNumber(of: disk, for: self.server)
        try self.write("\(placement.devicePath)/model", disk.model + "\n")
        if placement.isNVMe {
            // NVMe controllers expose model and serial but no vendor; the namespace carries the wwid.
            if let serial { try self.write("\(placement.devicePath)/serial", serial + "\n") }
            if let wwn = disk.wwn { try self.write("\(block)/wwid", wwn + "\n") }
        } else {
            // SCSI pads the INQUIRY vendor to 8 characters.
            try self.write("\(placement.devicePath)/vendor", disk.vendor.padding(toLength: 8) + "\n")
            if let wwn = disk.wwn { try self.write("\(placement.devicePath)/wwid", Self.scsiWWID(wwn) + "\n") }
        }
        try self.write("run/udev/data/b\(number.major):\(number.minor)", self.udevRecord(disk, serial: serial))
        if let byPath = disk.byPath {
            try self.link("dev/disk/by-path/\(byPath)", to: "../../\(disk.name)")
        }
        try self.createSparseDisk(disk)
    }

    private func udevRecord(_ disk: HardwareProfile.Disk, serial: String?) -> String {
        var lines = ["S:disk/by-path/\(disk.byPath ?? "")", "E:ID_TYPE=disk", "E:ID_MODEL=\(disk.model)"]
        if let serial { lines.append("E:ID_SERIAL_SHORT=\(serial)") }
        if let wwn = disk.wwn {
            lines.append("E:ID_WWN=\(wwn)")
            if let extensionValue = disk.wwnVendorExtension {
                lines.append("E:ID_WWN_VENDOR_EXTENSION=\(extensionValue)")
                lines.append("E:ID_WWN_WITH_EXTENSION=\(wwn)\(extensionValue.dropFirst(2))")
            } else {
                lines.append("E:ID_WWN_WITH_EXTENSION=\(wwn)")
            }
        }
        if let byPath = disk.byPath { lines.append("E:ID_PATH=\(byPath)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func createSparseDisk(_ disk: HardwareProfile.Disk) throws {
        let url = self.diskFile(disk.name)
        if FileManager.default.fileExists(atPath: url.path) {
            return
        }
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw SimulatorError.invalidFleet("cannot create the disk file \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(disk.sizeBytes))
    }

    /// Where a disk hangs in `sys/devices`: under its NVMe controller, or under a SCSI host at its HCTL.
    struct Placement {
        var devicePath: String
        /// The disk's own sysfs directory (what `sys/block/<name>` links to).
        var blockPath: String
        var deviceLink: String
        var isNVMe: Bool
    }

    static func placement(of disk: HardwareProfile.Disk) -> Placement {
        let controller = self.pciAddress(inByPath: disk.byPath) ?? "0000:00:17.0"
        if disk.name.hasPrefix("nvme") {
            // nvme0n1 is namespace 1 of controller nvme0.
            let nvme = "nvme" + (disk.name.dropFirst("nvme".count).split(separator: "n").first.map(String.init) ?? "0")
            // A namespace sits right under its controller: .../nvme/nvme0/nvme0n1.
            let devicePath = "sys/devices/pci0000:00/\(controller)/nvme/\(nvme)"
            return Placement(
                devicePath: devicePath, blockPath: "\(devicePath)/\(disk.name)", deviceLink: "../../\(nvme)",
                isNVMe: true)
        }
        let hctl = disk.hctl ?? "0:0:0:0"
        let parts = hctl.split(separator: ":")
        let host = parts.first.map(String.init) ?? "0"
        let target = parts.prefix(3).joined(separator: ":")
        let devicePath = "sys/devices/pci0000:00/\(controller)/host\(host)/target\(target)/\(hctl)"
        return Placement(
            devicePath: devicePath, blockPath: "\(devicePath)/block/\(disk.name)", deviceLink: "../../../\(hctl)",
            isNVMe: false)
    }

    /// The PCI address a `/dev/disk/by-path` name starts with (`pci-0000:18:00.0-...`).
    static func pciAddress(inByPath byPath: String?) -> String? {
        guard let byPath, byPath.hasPrefix("pci-") else {
            return nil
        }
        return byPath.dropFirst(4).split(separator: "-").first.map(String.init)
    }

    /// The block major:minor Linux gives a disk: `sd` disks 16 minors apart on majors 8, 65-71,
    /// 128-135; NVMe namespaces on 259.
    static func deviceNumber(of name: String, index: Int) -> (major: Int, minor: Int) {
        if name.hasPrefix("sd") {
            let letters = name.dropFirst(2).unicodeScalars.map { Int($0.value) - 96 }
            let ordinal = letters.reduce(0) { $0 * 26 + $1 } - 1
            let group = ordinal / 16
            let majors = [8] + Array(65...71) + Array(128...135)
            let major = group < majors.count ? majors[group] : 8
            return (major, (ordinal % 16) * 16)
        }
        return (259, index * 2)
    }

    /// sysfs writes a NAA WWN as `naa.` and the hex digits; udev as `0x` and the digits.
    static func scsiWWID(_ wwn: String) -> String {
        wwn.hasPrefix("0x") ? "naa." + wwn.dropFirst(2) : wwn
    }

    // MARK: files

    private func write(_ relative: String, _ text: String) throws {
        let url = self.root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private func link(_ relative: String, to destination: String) throws {
        let url = self.root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil {
            try FileManager.default.removeItem(at: url)
        }
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        self.count >= length ? self : self + String(repeating: " ", count: length - self.count)
    }
}
