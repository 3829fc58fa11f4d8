import Foundation
import NIOCore
import NIOPosix

/// An image in a local file (`file:///path`), read in large blocks off the async threads.
struct FileImageSource: ImageSource {
    let path: String
    let blockSize: Int

    var displayName: String {
        "file://\(self.path)"
    }

    func open(from offset: Int64) async throws(ImageWriteError) -> ImageStream {
        let handle: FileHandle
        let size: Int64
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: self.path))
            size = Int64(try handle.seekToEnd())
            try handle.seek(toOffset: UInt64(max(0, min(offset, size))))
        } catch {
            throw .download("cannot read \(self.path): \(Self.reason(error))", transient: false)
        }
        let reader = BlockReader(handle: handle, blockSize: self.blockSize)
        return ImageStream(
            startOffset: min(offset, size), totalLength: size,
            chunks: ImageChunks(makeNext: { { try await reader.next() } }))
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.underlying as? POSIXError {
            return underlying.localizedDescription
        }
        return (error as NSError).localizedDescription
    }

    /// Reads the next block on NIO's blocking-I/O pool; closes the file at its end.
    final class BlockReader: Sendable {
        let handle: FileHandle
        let blockSize: Int

        init(handle: FileHandle, blockSize: Int) {
            self.handle = handle
            self.blockSize = blockSize
        }

        func next() async throws -> ByteBuffer? {
            let handle = self.handle
            let size = self.blockSize
            let data = try await NIOThreadPool.singleton.runIfActive { try handle.read(upToCount: size) }
            guard let data, !data.isEmpty else {
                try? handle.close()
                return nil
            }
            return ByteBuffer(bytes: data)
        }
    }
}
