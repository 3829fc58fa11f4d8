import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Refuses to write to a disk that is in use: mounted, used as swap, held by device-mapper or
/// RAID, or holding the root filesystem of the running agent, so that running the agent on a
/// workstation never wipes the workstation.
public struct DiskSafety: Sendable {
    public let root: HostRoot

    public init(root: HostRoot) {
        self.root = root
    }

    /// Why `device` must not be written, or nil when it is free.
    public func reasonNotToWrite(_ device: BlockDevice) -> String? {
        let name = device.kernelName
        if let mount = self.mountsByDisk()[name] {
            return "\(device.devicePath) is in use: \(mount)"
        }
        for part in [name] + self.partitions(of: name) {
            if let holder = self.root.entries("sys/block/\(name)/\(part == name ? "" : part + "/")holders").first {
                return "\(device.devicePath) is in use: \(part) is held by \(holder) (device-mapper, LVM or RAID)"
            }
        }
        if self.holdsRunningRoot(device) {
            return "\(device.devicePath) holds the root filesystem of this running agent"
        }
        return nil
    }

    /// Mounted and swap sources, by the whole disk they live on.
    func mountsByDisk() -> [String: String] {
        var result: [String: String] = [:]
        for line in (self.root.read("proc/mounts") ?? "").split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, fields[0].hasPrefix("/") else {
                continue
            }
            for disk in self.disks(holding: String(fields[0])) where result[disk] == nil {
                result[disk] = "\(fields[0]) is mounted on \(fields[1])"
            }
        }
        for line in (self.root.read("proc/swaps") ?? "").split(separator: "\n").dropFirst() {
            guard let source = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first, source.hasPrefix("/dev/")
            else {
                continue
            }
            for disk in self.disks(holding: String(source)) where result[disk] == nil {
                result[disk] = "\(source) is used as swap"
            }
        }
        return result
    }

    /// The whole disks under a device path: a partition's disk, a device-mapper device's slaves.
    func disks(holding source: String, depth: Int = 0) -> [String] {
        guard depth < 8 else {
            return []
        }
        let relative = source.hasPrefix("/") ? String(source.dropFirst()) : source
        let resolved = self.root.resolved(relative).map { String($0.split(separator: "/").last ?? "") }
        let name = resolved ?? String(source.split(separator: "/").last ?? "")
        let slaves = self.root.entries("sys/block/\(name)/slaves")
        if !slaves.isEmpty {
            return slaves.flatMap { self.disks(holding: "/dev/\($0)", depth: depth + 1) }
        }
        if self.root.exists("sys/block/\(name)") {
            return [name]
        }
        for disk in self.root.entries("sys/block") where self.root.exists("sys/block/\(disk)/\(name)/partition") {
            return [disk]
        }
        return []
    }

    func partitions(of disk: String) -> [String] {
        self.root.entries("sys/block/\(disk)").filter {
            $0.hasPrefix(disk) && self.root.exists("sys/block/\(disk)/\($0)/partition")
        }
    }

    /// Whether the device node is a block device holding (directly or through a partition) the
    /// filesystem this process runs from. A regular file standing in for a disk never does.
    func holdsRunningRoot(_ device: BlockDevice) -> Bool {
        var node = stat()
        var running = stat()
        guard stat(self.root.absolute("dev/\(device.kernelName)"), &node) == 0, (node.st_mode & S_IFMT) == S_IFBLK,
            stat("/", &running) == 0
        else {
            return false
        }
        let rootNumber = Self.split(UInt64(running.st_dev))
        if Self.split(UInt64(node.st_rdev)) == rootNumber {
            return true
        }
        return self.partitions(of: device.kernelName).contains { part in
            self.root.value("sys/block/\(device.kernelName)/\(part)/dev") == "\(rootNumber.major):\(rootNumber.minor)"
        }
    }

    /// Linux's dev_t encoding (glibc's gnu_dev_major/minor).
    static func split(_ dev: UInt64) -> (major: UInt64, minor: UInt64) {
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        return (major, minor)
    }
}

/// The agent will not write to a disk in use.
public struct UnsafeDiskError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public var description: String {
        "\(self.reason); refusing to write to it (an operator may force this)"
    }
}
