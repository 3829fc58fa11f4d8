import Foundation
import FoundryModel

/// A disk as the agent sees it: what inventory reports, what root device hints match against and
/// where images are written.
public struct BlockDevice: Sendable, Hashable {
    /// Kernel name: `sda`, `nvme0n1`.
    public var kernelName: String
    /// `/dev/disk/by-path/...`, when udev made one.
    public var byPath: String?
    public var sizeBytes: Int64
    public var rotational: Bool
    public var removable: Bool
    public var readOnly: Bool
    public var vendor: String?
    public var model: String?
    public var serialNumber: String?
    public var wwn: String?
    public var wwnWithExtension: String?
    public var wwnVendorExtension: String?
    /// SCSI address host:channel:target:lun.
    public var hctl: String?
    /// Block device number, `major:minor`.
    public var deviceNumber: String?
    /// Logical sector size: the unit of partition tables (512, or 4096 on 4Kn disks).
    public var sectorSize: Int = 512

    public init(kernelName: String, sizeBytes: Int64, rotational: Bool) {
        self.kernelName = kernelName
        self.sizeBytes = sizeBytes
        self.rotational = rotational
        self.removable = false
        self.readOnly = false
    }

    /// The name the host uses: `/dev/sda`.
    public var devicePath: String {
        "/dev/\(self.kernelName)"
    }

    /// Metal3's disk type: rotational disks are HDDs, `/dev/nvme*` is NVME, anything else an SSD.
    public var type: HardwareDetails.DiskType {
        if self.rotational {
            return .hdd
        }
        return self.kernelName.hasPrefix("nvme") ? .nvme : .ssd
    }

    /// The entry in `status.hardware.storage`: named by its by-path link when there is one, with
    /// both names as alternates, as Metal3 does.
    public var storage: HardwareDetails.Storage {
        var storage = HardwareDetails.Storage(
            name: self.byPath ?? self.devicePath, sizeBytes: self.sizeBytes, type: self.type,
            rotational: self.rotational)
        storage.alternateNames = [self.devicePath] + (self.byPath.map { [$0] } ?? [])
        storage.vendor = self.vendor
        storage.model = self.model
        storage.serialNumber = self.serialNumber
        storage.wwn = self.wwn
        storage.wwnWithExtension = self.wwnWithExtension
        storage.wwnVendorExtension = self.wwnVendorExtension
        storage.hctl = self.hctl
        return storage
    }

    /// A one-line description for error messages.
    public var summary: String {
        let gigabytes = Double(self.sizeBytes) / Double(1 << 30)
        var parts = [self.devicePath, String(format: "%.1f GiB", gigabytes), self.type.rawValue]
        if let model = self.model { parts.append("model \"\(model)\"") }
        if let serial = self.serialNumber { parts.append("serial \"\(serial)\"") }
        return parts.joined(separator: ", ")
    }
}
