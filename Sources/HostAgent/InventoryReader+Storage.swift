import FoundryModel

extension InventoryReader {
    /// Kernel names that are never install targets: loop, RAM, compressed-RAM, floppy and optical
    /// devices, device-mapper and software RAID (which sit on disks the agent lists itself).
    static let ignoredPrefixes = ["loop", "ram", "zram", "fd", "sr", "dm-", "md", "nbd"]

    /// Disks with hardware behind them (a `device` link) and a size, sorted by name.
    public func blockDevices() -> [BlockDevice] {
        let byPath = self.byPathLinks()
        var devices: [BlockDevice] = []
        for name in self.root.entries("sys/block") {
            guard !Self.ignoredPrefixes.contains(where: name.hasPrefix) else {
                continue
            }
            if let device = self.blockDevice(name, byPath: byPath[name]) {
                devices.append(device)
            }
        }
        return devices.sorted { DeviceNameOrder.areInIncreasingOrder($0.kernelName, $1.kernelName) }
    }

    private func blockDevice(_ name: String, byPath: String?) -> BlockDevice? {
        let base = "sys/block/\(name)"
        guard self.root.exists("\(base)/device"),
            let sectors = self.root.value("\(base)/size").flatMap({ Int64($0) }), sectors > 0,
            sectors <= Int64.max / 512
        else {
            return nil
        }
        var device = BlockDevice(
            kernelName: name, sizeBytes: sectors * 512, rotational: self.root.value("\(base)/queue/rotational") == "1")
        device.byPath = byPath
        device.removable = self.root.value("\(base)/removable") == "1"
        device.readOnly = self.root.value("\(base)/ro") == "1"
        device.deviceNumber = self.root.value("\(base)/dev")
        if let size = self.root.value("\(base)/queue/logical_block_size").flatMap({ Int($0) }),
            [512, 4096].contains(size)
        {
            device.sectorSize = size
        }
        let udev = device.deviceNumber.flatMap { self.root.read("run/udev/data/b\($0)") }.map(UdevProperties.init)
        device.vendor = self.root.value("\(base)/device/vendor")
        device.model = self.root.value("\(base)/device/model") ?? udev?["ID_MODEL"]
        device.serialNumber =
            udev?["ID_SERIAL_SHORT"] ?? self.root.value("\(base)/device/serial") ?? self.root.value("\(base)/serial")
        let wwid = (self.root.value("\(base)/wwid") ?? self.root.value("\(base)/device/wwid")).map(Self.wwn(fromWWID:))
        device.wwn = udev?["ID_WWN"] ?? wwid
        device.wwnWithExtension = udev?["ID_WWN_WITH_EXTENSION"] ?? device.wwn
        device.wwnVendorExtension = udev?["ID_WWN_VENDOR_EXTENSION"]
        device.hctl = self.hctl(of: "\(base)/device")
        return device
    }

    /// `/dev/disk/by-path` links of whole disks, keyed by kernel name.
    func byPathLinks() -> [String: String] {
        var links: [String: String] = [:]
        for entry in self.root.entries("dev/disk/by-path") where !entry.contains("-part") {
            guard let target = self.root.linkTarget("dev/disk/by-path/\(entry)") else {
                continue
            }
            let kernelName = String(target.split(separator: "/").last ?? "")
            // Two links to one disk (e.g. ata-1 and ata-1.0): keep the first in sorted order.
            if links[kernelName] == nil {
                links[kernelName] = "/dev/disk/by-path/\(entry)"
            }
        }
        return links
    }

    /// A SCSI disk's `device` link ends in its address, `host:channel:target:lun`.
    private func hctl(of relative: String) -> String? {
        guard let target = self.root.linkTarget(relative), let last = target.split(separator: "/").last else {
            return nil
        }
        let parts = last.split(separator: ":")
        return parts.count == 4 && parts.allSatisfy({ UInt32($0) != nil }) ? String(last) : nil
    }

    /// sysfs writes a NAA identifier as `naa.<hex>`, udev as `0x<hex>`; EUI and NVMe ids stay as written.
    static func wwn(fromWWID wwid: String) -> String {
        wwid.hasPrefix("naa.") ? "0x" + wwid.dropFirst(4) : wwid
    }
}
