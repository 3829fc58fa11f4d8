import AgentProtocol
import Foundation
import FoundryModel
import NIOCore

/// Writes an OS image to a disk: raw images stream straight to it, checksummed in the same pass;
/// qcow2 images stream (checksummed) to a work file, are checked, then converted onto the disk by
/// qemu-img. Whatever fails after the disk was touched, its partition tables are wiped so that a
/// half-written image never boots.
public struct ImageWriter: Sendable {
    public var http: AgentHTTPClient
    /// Where qcow2 images wait for conversion (a ramdisk on a real agent).
    public var workDirectory: String
    /// qemu-img's path; nil finds it on PATH when a qcow2 image needs it.
    public var qemuImg: String?
    var streamer = ImageStreamer()

    public init(http: AgentHTTPClient, workDirectory: String = NSTemporaryDirectory(), qemuImg: String? = nil) {
        self.http = http
        self.workDirectory = workDirectory
        self.qemuImg = qemuImg
    }

    /// Retries after transient download errors (resuming where possible).
    public var retries: Int {
        get { self.streamer.retries }
        set { self.streamer.retries = newValue }
    }

    public var retryDelay: Duration {
        get { self.streamer.retryDelay }
        set { self.streamer.retryDelay = newValue }
    }

    public struct Outcome: Sendable, Hashable {
        /// Bytes that landed on the disk (the raw image's size).
        public var bytesWritten: Int64
        /// Bytes downloaded (differs from the above for qcow2).
        public var bytesDownloaded: Int64
        public var checksum: ImageChecksum
        public var downloadAttempts: Int
    }

    public typealias Progress = @Sendable (_ phase: String, _ done: Int64, _ total: Int64?) -> Void

    /// Writes the image of `command` to `disk`. On failure after the disk was opened, wipes its
    /// partition tables and rethrows.
    public func write(
        _ command: WriteImageCommand, to disk: DiskHandle, progress: @escaping Progress = { _, _, _ in }
    ) async throws -> Outcome {
        let source = try self.source(for: command.url)
        let checksum = try await self.expectedChecksum(command)
        do {
            switch command.format ?? .raw {
            case .raw:
                return try await self.writeRaw(source, checksum: checksum, to: disk, progress: progress)
            case .qcow2:
                return try await self.writeQCOW2(source, checksum: checksum, to: disk, progress: progress)
            case let other:
                throw ImageWriteError.invalidRequest("format: \(other.rawValue) images are not written (raw or qcow2)")
            }
        } catch {
            _ = try? DiskWiper.wipeMetadata(disk)
            throw error
        }
    }

    // MARK: raw

    /// How far behind the newest write earlier ones are waited for and dropped from the page cache
    /// (see `DiskHandle.finishWriteback`): a few blocks, so the device always has work queued.
    static let cachedBehind: Int64 = 32 << 20

    private func writeRaw(
        _ source: any ImageSource, checksum: ImageChecksum, to disk: DiskHandle, progress: @escaping Progress
    ) async throws -> Outcome {
        let outcome = try await self.streamer.stream(
            from: source, algorithm: checksum.algorithm, capacity: disk.size,
            check: { block, _ in
                if QCOW2Header.hasMagic(block) {
                    throw ImageWriteError.badImage("the image is qcow2 but the command says raw")
                }
            },
            sink: { bytes, offset in
                let count = Int64(bytes.readableBytes)
                try bytes.withUnsafeReadableBytes { try disk.write($0, at: offset) }
                disk.startWriteback(at: offset, count: count)
                disk.finishWriteback(at: offset - Self.cachedBehind, count: count)
            },
            progress: { done, total in progress("writing", done, total) })
        guard outcome.digest == checksum.hex else {
            throw ImageWriteError.badImage(
                "\(checksum.algorithm.rawValue) of \(source.displayName) is \(outcome.digest), expected \(checksum.hex)"
            )
        }
        try disk.sync()
        disk.rereadPartitions()
        return Outcome(
            bytesWritten: outcome.bytes, bytesDownloaded: outcome.bytes, checksum: checksum,
            downloadAttempts: outcome.attempts)
    }

    // MARK: qcow2

    private func writeQCOW2(
        _ source: any ImageSource, checksum: ImageChecksum, to disk: DiskHandle, progress: @escaping Progress
    ) async throws -> Outcome {
        guard let qemuImg = self.qemuImg ?? ExternalCommand.locate("qemu-img") else {
            throw ImageWriteError.conversion("qemu-img is not installed; it converts qcow2 images")
        }
        let workFile = URL(fileURLWithPath: self.workDirectory)
            .appendingPathComponent("foundry-image-\(UUID().uuidString).qcow2").path
        guard FileManager.default.createFile(atPath: workFile, contents: nil) else {
            throw ImageWriteError.conversion("cannot create the work file \(workFile)")
        }
        defer { try? FileManager.default.removeItem(atPath: workFile) }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: workFile))
        let writer = WorkFileWriter(handle: file)
        let outcome = try await self.streamer.stream(
            from: source, algorithm: checksum.algorithm, capacity: nil,
            check: { block, _ in
                let header = try QCOW2Header.parse(block)
                if let refusal = header.refusal(diskSize: disk.size) {
                    throw ImageWriteError.badImage(refusal)
                }
            },
            sink: { bytes, offset in try writer.write(bytes, at: offset) },
            progress: { done, total in progress("downloading", done, total) })
        try file.close()
        guard outcome.digest == checksum.hex else {
            throw ImageWriteError.badImage(
                "\(checksum.algorithm.rawValue) of \(source.displayName) is \(outcome.digest), expected \(checksum.hex)"
            )
        }
        let header = try QCOW2Header.parse(Array(try Self.head(of: workFile)))
        if let refusal = header.refusal(diskSize: disk.size) {
            throw ImageWriteError.badImage(refusal)
        }
        progress("converting", 0, Int64(header.virtualSize))
        do {
            _ = try await ExternalCommand.run(qemuImg, Self.convertArguments(from: workFile, to: disk.path))
        } catch {
            // A filesystem without O_DIRECT (a simulated disk on an old tmpfs) refuses cache mode
            // none at open; a real conversion error fails again and is the one reported. A stopped
            // agent converts nothing more.
            guard !Task.isCancelled else {
                throw ImageWriteError.conversion("\(error)")
            }
            do {
                _ = try await ExternalCommand.run(
                    qemuImg, Self.convertArguments(from: workFile, to: disk.path, cache: "writeback"))
            } catch {
                throw ImageWriteError.conversion("\(error)")
            }
        }
        try disk.sync()
        disk.rereadPartitions()
        progress("converting", Int64(header.virtualSize), Int64(header.virtualSize))
        return Outcome(
            bytesWritten: Int64(header.virtualSize), bytesDownloaded: outcome.bytes, checksum: checksum,
            downloadAttempts: outcome.attempts)
    }

    /// -f: never guess the format; -n: the disk exists (a sparse file must keep its size); -W:
    /// out-of-order writes; -t: the disk's cache mode. "none" (O_DIRECT) writes around the page
    /// cache and is durable at the end; convert's default, "unsafe", never flushes and left the
    /// whole image in the cache for our own fsync (1 GiB: 3-5 s against 1 s with "none").
    public static func convertArguments(from workFile: String, to disk: String, cache: String = "none") -> [String] {
        ["convert", "-f", "qcow2", "-O", "raw", "-n", "-W", "-t", cache, workFile, disk]
    }

    private static func head(of path: String) throws -> Data {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        return try handle.read(upToCount: 512) ?? Data()
    }

    /// Positional writes to the work file from the blocking-I/O pool.
    final class WorkFileWriter: Sendable {
        let handle: FileHandle

        init(handle: FileHandle) {
            self.handle = handle
        }

        func write(_ bytes: ByteBuffer, at offset: Int64) throws {
            let written = bytes.withUnsafeReadableBytes { buffer in
                pwrite(self.handle.fileDescriptor, buffer.baseAddress, buffer.count, off_t(offset))
            }
            guard written == bytes.readableBytes else {
                throw DiskIOError(path: "the image work file", operation: "write", offset: offset, code: errno)
            }
        }
    }

    // MARK: request

    func source(for url: String) throws(ImageWriteError) -> any ImageSource {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw .invalidRequest("url: \"\(HTTPImageSource.redacted(url))\" is not a URL")
        }
        switch scheme {
        case "http", "https":
            guard components.host?.isEmpty == false else {
                throw .invalidRequest("url: \(HTTPImageSource.redacted(url)) has no host")
            }
            return HTTPImageSource(url: url, client: self.http.client, blockSize: self.streamer.blockSize)
        case "file":
            guard !components.path.isEmpty else {
                throw .invalidRequest("url: \(url) has no path")
            }
            return FileImageSource(path: components.path, blockSize: self.streamer.blockSize)
        default:
            throw .invalidRequest("url: scheme \"\(scheme)\" is not supported (http, https or file)")
        }
    }

    /// The digest to verify against: given inline, or read from a checksum file's URL.
    func expectedChecksum(_ command: WriteImageCommand) async throws -> ImageChecksum {
        let text = command.checksum.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.contains("://") else {
            return try ImageChecksum.parse(text, type: command.checksumType)
        }
        let source = try self.source(for: text)
        let stream = try await source.open(from: 0)
        var bytes: [UInt8] = []
        for try await chunk in stream.chunks {
            bytes += chunk.readableBytesView
            guard bytes.count <= 1 << 20 else {
                throw ImageWriteError.invalidRequest(
                    "checksum: the checksum file at \(source.displayName) exceeds 1 MiB")
            }
        }
        let imageName = URLComponents(string: command.url)?.path.split(separator: "/").last.map(String.init) ?? ""
        return try ImageChecksum.find(
            in: String(decoding: bytes, as: UTF8.self), imageName: imageName, type: command.checksumType)
    }
}
