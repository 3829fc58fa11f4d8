import Foundation
import Yams

/// A hardware profile (`firmware-mocks/hardware/*.yaml`): what a simulated server is made of.
/// The Redfish endpoint serves it as Processors, Memory, Storage and EthernetInterfaces; the
/// simulator renders it into a fake root tree (`proc/`, `sys/`) that the host agent inspects.
///
/// Per-server details that must differ between servers of one profile (NIC MACs, serial numbers)
/// come from `ServerConfig`, not from the profile.
public struct HardwareProfile: Codable, Sendable, Hashable {
    public var name: String
    public var system: System
    public var bios: BIOS
    public var cpu: CPU
    public var memory: Memory
    public var nics: [NIC]
    public var disks: [Disk]

    public struct System: Codable, Sendable, Hashable {
        public var manufacturer: String
        public var productName: String
        /// Prefix of per-server serial numbers (`<prefix><hash of server name>`).
        public var serialPrefix: String?
    }

    public struct BIOS: Codable, Sendable, Hashable {
        public var vendor: String
        public var version: String
        /// As DMI writes it: MM/DD/YYYY.
        public var date: String
    }

    public struct CPU: Codable, Sendable, Hashable {
        public var arch: String
        public var model: String
        public var clockMegahertz: Double
        /// Logical CPUs (what `nproc` reports).
        public var count: Int
        public var sockets: Int
        public var coresPerSocket: Int
        public var flags: [String]
    }

    public struct Memory: Codable, Sendable, Hashable {
        public var ramMebibytes: Int
        public var dimms: [DIMM]
    }

    public struct DIMM: Codable, Sendable, Hashable {
        public var sizeMebibytes: Int
        public var speedMHz: Int
        public var count: Int
        public var manufacturer: String?
        public var type: String?
    }

    public struct NIC: Codable, Sendable, Hashable {
        public var name: String
        public var model: String
        public var speedGbps: Int
        public var pciAddress: String
        /// Whether a cable is plugged in (sys/class/net/*/carrier).
        public var carrier: Bool
        /// The NIC the server PXE-boots from.
        public var pxe: Bool
        /// PCI vendor and device IDs as sysfs writes them (`0x8086`, `0x159b`); Metal3 reports a NIC's
        /// model as these two, since the kernel knows no marketing names.
        public var pciVendorID: String?
        public var pciDeviceID: String?
    }

    public struct Disk: Codable, Sendable, Hashable {
        /// Kernel name: `sda`, `nvme0n1`.
        public var name: String
        /// `HDD`, `SSD` or `NVME`, as Metal3 reports it.
        public var type: String
        public var sizeBytes: Int64
        public var rotational: Bool
        public var vendor: String
        public var model: String
        /// Per-server serials are `<serialPrefix><hash>`; a fixed serial may be given instead.
        public var serialPrefix: String?
        public var wwn: String?
        public var wwnVendorExtension: String?
        public var hctl: String?
        /// `/dev/disk/by-path` name without the directory, e.g. `pci-0000:18:00.0-scsi-0:0:0:0`.
        public var byPath: String?
        /// A logical volume of a RAID controller (vendor/model are the controller's).
        public var raidVolume: Bool?
    }

    /// The server's serial number: the profile's prefix and a stable hash of the server, so that
    /// servers of one profile differ and a restarted simulator keeps them.
    public func systemSerialNumber(for server: ServerConfig) -> String? {
        self.system.serialPrefix.map { $0 + Self.stableHash("\(server.fleet)/\(server.name)") }
    }

    /// A disk's serial number on this server, built like the system's.
    public func serialNumber(of disk: Disk, for server: ServerConfig) -> String? {
        disk.serialPrefix.map { $0 + Self.stableHash("\(server.fleet)/\(server.name)/\(disk.name)") }
    }

    /// Eight upper-case hex digits of FNV-1a: stable across runs and platforms, unlike `hashValue`.
    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(UInt32(truncatingIfNeeded: hash ^ (hash >> 32)), radix: 16, uppercase: true)
            .leftPadded(to: 8)
    }

    public static func load(name: String, mocks: URL) throws -> HardwareProfile {
        let url = mocks.appendingPathComponent("hardware/\(name).yaml")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SimulatorError.missingProfile(kind: "hardware", name: name, searched: url.path)
        }
        do {
            return try YAMLDecoder().decode(HardwareProfile.self, from: text)
        } catch {
            throw SimulatorError.invalidFleet("hardware profile \(url.lastPathComponent): \(error)")
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - self.count)) + self
    }
}
