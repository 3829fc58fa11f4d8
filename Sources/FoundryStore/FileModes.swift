import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file-system chores of keeping the database and key private (mode 0600, directory 0700).
enum FileModes {
    static func errorText() -> String {
        String(cString: strerror(errno))
    }

    /// Creates the directory (0700) when it does not exist.
    static func ensureDirectory(_ path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError(.invalid, "\(path) is not a directory")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(.unavailable, "cannot create directory \(path): \(error)", underlying: error)
        }
    }

    /// Creates an empty file with `mode` if none exists; tightens an existing one to `mode`.
    static func ensurePrivateFile(_ path: String, mode: mode_t = 0o600) throws(StoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw StoreError(.unavailable, "cannot open \(path): \(self.errorText())")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw StoreError(.unavailable, "cannot stat \(path): \(self.errorText())")
        }
        if info.st_mode & 0o077 != 0, fchmod(descriptor, mode) != 0 {
            throw StoreError(.unavailable, "cannot make \(path) private (chmod 600): \(self.errorText())")
        }
    }

    /// Writes a file that must not exist yet, with `mode`, and flushes it to disk.
    static func writeNew(_ data: Data, to path: String, mode: mode_t) throws(StoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw StoreError(.unavailable, "cannot create \(path): \(self.errorText())")
        }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(descriptor) == 0 else {
            throw StoreError(.unavailable, "cannot write \(path): \(self.errorText())")
        }
    }

    /// Refuses a secret file that others can read.
    static func checkPrivate(_ path: String, what: String) throws(StoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw StoreError(.unavailable, "cannot stat \(what) \(path): \(self.errorText())")
        }
        if info.st_mode & 0o077 != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw StoreError(
                .invalid, "\(what) \(path) is readable by others (mode \(mode)); run: chmod 600 \(path)")
        }
    }

    /// Reads a small file, refusing one larger than `limit` before reading it.
    static func read(_ path: String, limit: Int, what: String) throws(StoreError) -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limit else {
            throw StoreError(.invalid, "\(what) \(path) is \(size) bytes (at most \(limit) expected)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(.unavailable, "cannot read \(what) \(path)")
        }
        return data
    }

    /// Makes a new directory entry durable.
    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }
}
