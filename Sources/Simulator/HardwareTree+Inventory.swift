import FoundryModel
import HostAgent

extension HardwareTree {
    /// What inspecting this server must report as Metal3's `status.hardware`: the profile as the
    /// kernel shows it. NICs report their PCI IDs as model and no speed without carrier; NVMe disks
    /// have no vendor or SCSI address; storage is named by its `/dev/disk/by-path` link.
    public var expectedInventory: HardwareDetails {
        HardwareDetails(
            systemVendor: .init(
                manufacturer: self.profile.system.manufacturer,
                productName: self.profile.system.productName,
                serialNumber: self.profile.systemSerialNumber(for: self.server)),
            firmware: .init(
                bios: .init(
                    date: self.profile.bios.date, vendor: self.profile.bios.vendor,
                    version: self.profile.bios.version)),
            ramMebibytes: self.profile.memory.ramMebibytes,
            nics: self.expectedNICs(),
            storage: self.expectedStorage(),
            cpu: .init(
                arch: self.profile.cpu.arch,
                model: self.profile.cpu.model,
                clockMegahertz: self.profile.cpu.clockMegahertz.rounded(),
                flags: Array(Set(self.profile.cpu.flags)).sorted(),
                count: self.profile.cpu.count),
            hostname: self.server.name)
    }

    private func expectedNICs() -> [HardwareDetails.NIC] {
        let nics = self.profile.nics.enumerated().map { index, nic in
            HardwareDetails.NIC(
                name: nic.name,
                model: [nic.pciVendorID, nic.pciDeviceID].compactMap { $0 }.joined(separator: " "),
                mac: self.server.macAddress(nic: index),
                speedGbps: nic.carrier && nic.speedGbps > 0 ? nic.speedGbps : nil,
                pxe: nic.pxe,
                pciAddress: nic.pciAddress)
        }
        return nics.sorted { DeviceNameOrder.areInIncreasingOrder($0.name ?? "", $1.name ?? "") }
    }

    private func expectedStorage() -> [HardwareDetails.Storage] {
        let disks = self.profile.disks.sorted { DeviceNameOrder.areInIncreasingOrder($0.name, $1.name) }
        return disks.map { disk in
            let isNVMe = disk.name.hasPrefix("nvme")
            let byPath = disk.byPath.map { "/dev/disk/by-path/\($0)" }
            var storage = HardwareDetails.Storage(
                name: byPath ?? "/dev/\(disk.name)", sizeBytes: disk.sizeBytes,
                type: HardwareDetails.DiskType(rawValue: disk.type), rotational: disk.rotational)
            storage.alternateNames = ["/dev/\(disk.name)"] + (byPath.map { [$0] } ?? [])
            storage.vendor = isNVMe ? nil : disk.vendor
            storage.model = disk.model
            storage.serialNumber = self.profile.serialNumber(of: disk, for: self.server)
            storage.wwn = disk.wwn
            storage.wwnVendorExtension = disk.wwnVendorExtension
            storage.wwnWithExtension = disk.wwn.map { wwn in
                wwn + (disk.wwnVendorExtension.map { String($0.dropFirst(2)) } ?? "")
            }
            storage.hctl = isNVMe ? nil : disk.hctl
            return storage
        }
    }
}
