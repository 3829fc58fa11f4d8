import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The filesystem the agent inspects: `/` on a real host, a directory rendered from a hardware
/// profile in the simulator. Paths given to it are relative (`proc/cpuinfo`); every read is bounded
/// and a file that is missing or unreadable (as sysfs answers for a link that is down) reads as nil.
public struct HostRoot: Sendable, Hashable {
    public let path: String

    /// Files larger than this are not read (proc/cpuinfo of a 512-thread host is about 1 MiB).
    public static let readLimit = 8 << 20

    public init(_ path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The absolute path of `relative` under this root.
    public func absolute(_ relative: String) -> String {
        self.path == "/" ? "/" + relative : self.path + "/" + relative
    }

    /// The whole file as UTF-8, or nil when it cannot be read or is larger than `readLimit`.
    public func read(_ relative: String) -> String? {
        let fd = open(self.absolute(relative), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return nil
        }
        defer { close(fd) }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { readDescriptor(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 {
                break
            }
            data.append(contentsOf: chunk[0..<count])
            guard data.count <= Self.readLimit else {
                return nil
            }
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A one-value file (sysfs style) with surrounding white space removed; nil when empty.
    public func value(_ relative: String) -> String? {
        guard let text = self.read(relative) else {
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Names in a directory, sorted; empty when it does not exist.
    public func entries(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: self.absolute(relative))) ?? []).sorted()
    }

    public func exists(_ relative: String) -> Bool {
        var info = stat()
        return stat(self.absolute(relative), &info) == 0
    }

    /// Where a symbolic link points, as written in the link.
    public func linkTarget(_ relative: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: self.absolute(relative))
    }

    /// The canonical absolute path of `relative`, all links followed.
    public func resolved(_ relative: String) -> String? {
        guard let pointer = realpath(self.absolute(relative), nil) else {
            return nil
        }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

// `HostRoot.read` hides the C function inside the type.
private func readDescriptor(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
