import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open disk: a block device on a real host, a sparse file in the simulator. Reads and writes
/// at byte offsets (pread/pwrite), never past the end.
public final class DiskHandle: Sendable {
    public let path: String
    public let size: Int64
    public let isBlockDevice: Bool
    private let descriptor: Int32

    /// Opens for reading and writing. A block device is opened exclusively (`O_EXCL`), which the
    /// kernel refuses while it is mounted or held by device-mapper or RAID, unless `force`.
    public static func open(path: String, force: Bool = false) throws -> DiskHandle {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DiskIOError(path: path, operation: "find", offset: nil, code: errno)
        }
        let isBlock = (info.st_mode & S_IFMT) == S_IFBLK
        guard isBlock || (info.st_mode & S_IFMT) == S_IFREG else {
            throw DiskIOError(
                path: path, operation: "open (it is neither a block device nor a file)", offset: nil, code: 0)
        }
        var flags = O_RDWR | O_CLOEXEC
        if isBlock && !force {
            flags |= O_EXCL
        }
        let fd = openFile(path, flags)
        guard fd >= 0 else {
            throw DiskIOError(path: path, operation: "open", offset: nil, code: errno)
        }
        let end = lseek(fd, 0, SEEK_END)
        guard end >= 0 else {
            let code = errno
            closeFile(fd)
            throw DiskIOError(path: path, operation: "measure", offset: nil, code: code)
        }
        return DiskHandle(path: path, descriptor: fd, size: Int64(end), isBlockDevice: isBlock)
    }

    private init(path: String, descriptor: Int32, size: Int64, isBlockDevice: Bool) {
        self.path = path
        self.descriptor = descriptor
        self.size = size
        self.isBlockDevice = isBlockDevice
    }

    deinit {
        closeFile(self.descriptor)
    }

    public func read(at offset: Int64, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + Int64(count) <= self.size else {
            throw DiskIOError(path: self.path, operation: "read \(count) bytes past the end", offset: offset, code: 0)
        }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(self.descriptor, $0 + done, count - done, off_t(offset) + off_t(done)) }
                    ?? -1
            }
            if result < 0 && errno == EINTR {
                continue
            }
            guard result > 0 else {
                throw DiskIOError(
                    path: self.path, operation: "read", offset: offset + Int64(done), code: result < 0 ? errno : 0)
            }
            done += result
        }
        return bytes
    }

    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        guard offset >= 0, offset + Int64(bytes.count) <= self.size else {
            throw DiskIOError(
                path: self.path, operation: "write \(bytes.count) bytes past the end (\(self.size) bytes)",
                offset: offset, code: 0)
        }
        guard let base = bytes.baseAddress else {
            return
        }
        var done = 0
        while done < bytes.count {
            let result = pwrite(self.descriptor, base + done, bytes.count - done, off_t(offset) + off_t(done))
            if result < 0 && errno == EINTR {
                continue
            }
            guard result > 0 else {
                throw DiskIOError(
                    path: self.path, operation: "write", offset: offset + Int64(done), code: result < 0 ? errno : 0)
            }
            done += result
        }
    }

    public func write(_ bytes: [UInt8], at offset: Int64) throws {
        try bytes.withUnsafeBytes { try self.write($0, at: offset) }
    }

    /// Writes zeros over `count` bytes from `offset` (clamped to the disk).
    public func zero(at offset: Int64, count: Int64) throws {
        let start = max(0, offset)
        let end = min(self.size, offset + count)
        guard start < end else {
            return
        }
        let zeros = [UInt8](repeating: 0, count: Int(min(end - start, 1 << 20)))
        var position = start
        while position < end {
            let length = Int(min(Int64(zeros.count), end - position))
            try zeros.withUnsafeBytes { (buffer) throws in
                try self.write(UnsafeRawBufferPointer(rebasing: buffer[0..<length]), at: position)
            }
            position += Int64(length)
        }
    }

    /// Starts writing the range to storage without waiting, so that the final `sync` waits for the
    /// last blocks only instead of the whole image. Best effort: without it the flush is `sync`'s.
    public func startWriteback(at offset: Int64, count: Int64) {
        if let syncRange = SyncFileRange.function {
            _ = syncRange(self.descriptor, offset, count, SyncFileRange.write)
        } else {
            _ = posix_fadvise(self.descriptor, off_t(offset), off_t(count), POSIX_FADV_DONTNEED)
        }
    }

    /// Waits until the range is on storage, then drops it from the page cache. A long write that
    /// does this some blocks behind itself keeps reusing the same few pages instead of filling the
    /// cache with the whole image: measured on a 2-core VM, writing 1 GiB to a file took 1.1 s
    /// this way and 5 s when every page was new to the cache. Best effort, as above.
    public func finishWriteback(at offset: Int64, count: Int64) {
        guard offset >= 0, count > 0 else {
            return
        }
        if let syncRange = SyncFileRange.function {
            _ = syncRange(
                self.descriptor, offset, count, SyncFileRange.waitBefore | SyncFileRange.write | SyncFileRange.waitAfter
            )
        }
        _ = posix_fadvise(self.descriptor, off_t(offset), off_t(count), POSIX_FADV_DONTNEED)
    }

    /// Flushes to stable storage.
    public func sync() throws {
        guard fsync(self.descriptor) == 0 else {
            throw DiskIOError(path: self.path, operation: "flush", offset: nil, code: errno)
        }
    }

    /// Asks the kernel to read the partition table again (block devices only; best effort).
    public func rereadPartitions() {
        if self.isBlockDevice {
            _ = ioctl(self.descriptor, 0x125F)  // BLKRRPART
        }
    }
}

/// Linux's sync_file_range(2), which Swift's Glibc module does not declare (it is a GNU
/// extension), looked up at run time; nil elsewhere.
private enum SyncFileRange {
    typealias Function = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    static let waitBefore: UInt32 = 1
    static let write: UInt32 = 2
    static let waitAfter: UInt32 = 4

    static let function: Function? = {
        #if os(Linux)
            guard let symbol = dlsym(nil, "sync_file_range") else {
                return nil
            }
            return unsafeBitCast(symbol, to: Function.self)
        #else
            return nil
        #endif
    }()
}

// The class's own `open` hides the C function inside it.
private func openFile(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}

private func closeFile(_ descriptor: Int32) {
    close(descriptor)
}

/// A disk that could not be opened, read or written.
public struct DiskIOError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var offset: Int64?
    public var code: Int32

    public var description: String {
        var text = "cannot \(self.operation) \(self.path)"
        if let offset = self.offset {
            text += " at byte \(offset)"
        }
        if self.code != 0 {
            text += ": \(String(cString: strerror(self.code)))"
        } else if self.operation == "read" || self.operation == "write" {
            text += ": unexpected end of device"
        }
        return text
    }
}
