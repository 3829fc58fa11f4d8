import NIOCore

/// Where an image comes from. `open(from:)` starts (or resumes) a download.
protocol ImageSource: Sendable {
    /// A short name for messages (the URL without credentials or query).
    var displayName: String { get }
    /// The image's bytes from `offset`, or from 0 when the source cannot resume.
    func open(from offset: Int64) async throws(ImageWriteError) -> ImageStream
}

/// An opened download: where its bytes start, how long the whole image is, and its chunks.
struct ImageStream: Sendable {
    var startOffset: Int64
    var totalLength: Int64?
    var chunks: ImageChunks
}

/// The chunks of a download, pulled one at a time (backpressure: nothing is read ahead of use).
struct ImageChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let makeNext: @Sendable () -> (@Sendable () async throws -> ByteBuffer?)

    struct AsyncIterator: AsyncIteratorProtocol {
        let pull: @Sendable () async throws -> ByteBuffer?
        mutating func next() async throws -> ByteBuffer? {
            try await self.pull()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pull: self.makeNext())
    }
}
