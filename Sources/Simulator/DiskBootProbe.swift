import Foundation
import HostAgent

/// What a server's firmware finds when it boots from disk: the first disk, in the kernel's order,
/// holding an installed image with a config drive (a partition whose ISO9660 filesystem is
/// labelled `config-2`, found as cloud-init finds it), and the hostname its `meta_data.json` gives.
public enum DiskBootProbe {
    public struct InstalledSystem: Sendable, Hashable {
        /// Kernel name: `sda`.
        public var disk: String
        /// 1-based, as `/dev/sdaN` counts.
        public var partition: Int
        public var hostname: String
        /// The size of `user_data`, when the config drive has one.
        public var userDataBytes: Int?

        public init(disk: String, partition: Int, hostname: String, userDataBytes: Int?) {
            self.disk = disk
            self.partition = partition
            self.hostname = hostname
            self.userDataBytes = userDataBytes
        }
    }

    public enum Outcome: Sendable, Hashable {
        case installed(InstalledSystem)
        /// Why each disk did not boot, in the order they were tried.
        case nothingToBoot(reasons: [String])
    }

    static let metaDataPath = "openstack/latest/meta_data.json"
    static let userDataPath = "openstack/latest/user_data"

    /// Tries the tree's disks in the kernel's order.
    public static func probe(_ tree: HardwareTree) -> Outcome {
        var reasons: [String] = []
        let disks = tree.profile.disks.map(\.name).sorted(by: DeviceNameOrder.areInIncreasingOrder)
        for name in disks {
            switch self.check(disk: tree.diskFile(name).path, name: name) {
            case .success(let system): return .installed(system)
            case .failure(let reason): reasons.append("\(name): \(reason.text)")
            }
        }
        return .nothingToBoot(reasons: reasons)
    }

    struct Reason: Error {
        var text: String
    }

    /// One disk (a file, or a block device) known to the OS as `name`.
    public static func probe(disk path: String, name: String) -> Outcome {
        switch self.check(disk: path, name: name) {
        case .success(let system): .installed(system)
        case .failure(let reason): .nothingToBoot(reasons: [reason.text])
        }
    }

    /// Its partition table, then each partition that may hold the config drive.
    static func check(disk path: String, name: String) -> Result<InstalledSystem, Reason> {
        let disk: DiskHandle
        let table: PartitionTableReader.Table
        do {
            disk = try DiskHandle.open(path: path)
            table = try PartitionTableReader.read(disk)
        } catch {
            return .failure(Reason(text: "\(error)"))
        }
        let candidates: [(number: Int, firstLBA: UInt64, lastLBA: UInt64)]
        switch table {
        case .none:
            return .failure(Reason(text: "no partition table"))
        case .gpt(let gpt):
            // The partition Ironic names config-2 first, then the others: the label on the filesystem decides.
            let ordered = gpt.partitions.sorted {
                ($0.name == ConfigDrive.label ? 0 : 1) < ($1.name == ConfigDrive.label ? 0 : 1)
            }
            candidates = ordered.map { ($0.slot + 1, $0.firstLBA, $0.lastLBA) }
        case .mbr(let mbr):
            candidates = mbr.entries.enumerated().filter { !$0.element.isEmpty }.map {
                ($0.offset + 1, UInt64($0.element.firstLBA), $0.element.lastLBA)
            }
        }
        var notes: [String] = []
        for candidate in candidates {
            let start = Int64(candidate.firstLBA) * 512
            let length = Int64(candidate.lastLBA - candidate.firstLBA + 1) * 512
            guard start + length <= disk.size else {
                notes.append("partition \(candidate.number) lies beyond the disk's end")
                continue
            }
            let reader: ISO9660Reader
            do {
                reader = try ISO9660Reader(size: length) { offset, count in
                    try disk.read(at: start + offset, count: count)
                }
            } catch {
                continue  // not an ISO9660 filesystem: the image's own partitions
            }
            guard reader.volumeIdentifier == ConfigDrive.label else {
                continue
            }
            do {
                let hostname = try self.hostname(reader)
                let userData = try? reader.file(at: self.userDataPath)
                return .success(
                    InstalledSystem(
                        disk: name, partition: candidate.number, hostname: hostname, userDataBytes: userData?.count))
            } catch {
                notes.append("config drive on partition \(candidate.number): \(error)")
            }
        }
        if notes.isEmpty {
            return .failure(Reason(text: "\(candidates.count) partition(s), no config drive (\(ConfigDrive.label))"))
        }
        return .failure(Reason(text: notes.joined(separator: "; ")))
    }

    /// `hostname` from meta_data.json, else its `name`.
    static func hostname(_ reader: ISO9660Reader) throws -> String {
        let bytes = try reader.file(at: self.metaDataPath, limit: 1 << 20)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw ISO9660ReadError(self.metaDataPath, "is not a JSON object")
        }
        for key in ["hostname", "name"] {
            if let value = object[key] as? String, !value.isEmpty {
                return value
            }
        }
        throw ISO9660ReadError(self.metaDataPath, "has neither \"hostname\" nor \"name\"")
    }
}
