import NIOCore
import NIOPosix

/// Streams an image from its source to a disk (or file) in one pass: blocks are hashed on this
/// task while earlier blocks are written on NIO's blocking-I/O pool and the next bytes arrive on
/// the network's event loop. Memory stays at `blockSize * (writesInFlight + 1)` plus the HTTP
/// client's small read-ahead, whatever the image's size.
///
/// A transient download error resumes from the last byte hashed (with an HTTP range request), or
/// from the start, hash reset, if the source cannot resume.
struct ImageStreamer: Sendable {
    var blockSize = 4 << 20
    var writesInFlight = 3
    var retries = 4
    var retryDelay: Duration = .milliseconds(250)

    struct Outcome: Sendable {
        var bytes: Int64
        var digest: String
        var attempts: Int
    }

    /// What the streamer writes to; `write` runs on a blocking-I/O thread.
    typealias Sink = @Sendable (_ bytes: ByteBuffer, _ offset: Int64) throws -> Void
    /// Checks the first block before anything is written (e.g. the image's format).
    typealias FirstBlockCheck = @Sendable (_ bytes: [UInt8], _ totalLength: Int64?) throws -> Void
    typealias Progress = @Sendable (_ done: Int64, _ total: Int64?) -> Void

    func stream(
        from source: any ImageSource, algorithm: ImageChecksum.Algorithm, capacity: Int64?,
        check: FirstBlockCheck, sink: @escaping Sink, progress: Progress
    ) async throws -> Outcome {
        var digest = ImageDigest(algorithm)
        var done: Int64 = 0
        var attempt = 0
        while true {
            attempt += 1
            var pending: [Task<Void, any Error>] = []
            do {
                let stream = try await source.open(from: done)
                if stream.startOffset != done {
                    done = 0
                    digest = ImageDigest(algorithm)
                }
                if let total = stream.totalLength, let capacity, total > capacity {
                    throw ImageWriteError.badImage("the image has \(total) bytes but the disk only \(capacity)")
                }
                var block = ByteBufferAllocator().buffer(capacity: self.blockSize)
                for try await chunk in stream.chunks {
                    var chunk = chunk
                    while chunk.readableBytes > 0 {
                        // A whole block as it came: handed on without a copy.
                        if block.readableBytes == 0, chunk.readableBytes >= self.blockSize,
                            let whole = chunk.readSlice(length: self.blockSize)
                        {
                            block = whole
                            try await self.submit(
                                &block, at: &done, digest: &digest, pending: &pending, total: stream.totalLength,
                                capacity: capacity, check: check, sink: sink, progress: progress)
                            continue
                        }
                        let take = min(chunk.readableBytes, self.blockSize - block.readableBytes)
                        // A plain memcpy whatever the optimisation level.
                        if var slice = chunk.readSlice(length: take) {
                            block.writeBuffer(&slice)
                        }
                        if block.readableBytes == self.blockSize {
                            try await self.submit(
                                &block, at: &done, digest: &digest, pending: &pending, total: stream.totalLength,
                                capacity: capacity, check: check, sink: sink, progress: progress)
                        }
                    }
                }
                if block.readableBytes > 0 {
                    try await self.submit(
                        &block, at: &done, digest: &digest, pending: &pending, total: stream.totalLength,
                        capacity: capacity, check: check, sink: sink, progress: progress)
                }
                try await Self.drain(&pending)
                if let total = stream.totalLength, done != total {
                    throw ImageWriteError.download(
                        "\(source.displayName) ended at byte \(done) of \(total)", transient: true)
                }
                return Outcome(bytes: done, digest: digest.finalize(), attempts: attempt)
            } catch let error as ImageWriteError where error.isTransient && attempt <= self.retries {
                // Writes already submitted are good: they cover exactly the bytes hashed so far.
                try await Self.drain(&pending)
                try await Task.sleep(for: self.retryDelay * (1 << min(attempt - 1, 5)))
            } catch {
                for task in pending { task.cancel() }
                _ = try? await Self.drain(&pending)
                throw error
            }
        }
    }

    /// Hashes a full block here while the pool writes it; keeps at most `writesInFlight` writes.
    private func submit(
        _ block: inout ByteBuffer, at offset: inout Int64, digest: inout ImageDigest,
        pending: inout [Task<Void, any Error>], total: Int64?, capacity: Int64?,
        check: FirstBlockCheck, sink: @escaping Sink, progress: Progress
    ) async throws {
        // A host powered off mid-write stops writing: the simulator cancels its agent's task.
        try Task.checkCancellation()
        if offset == 0 {
            try check(Array(block.readableBytesView), total)
        }
        if let capacity, offset + Int64(block.readableBytes) > capacity {
            throw ImageWriteError.badImage("the image is larger than the disk's \(capacity) bytes")
        }
        if pending.count >= self.writesInFlight {
            try await pending.removeFirst().value
        }
        let bytes = block
        let position = offset
        pending.append(Task { try await NIOThreadPool.singleton.runIfActive { try sink(bytes, position) } })
        bytes.withUnsafeReadableBytes { digest.update($0) }
        offset += Int64(bytes.readableBytes)
        block = ByteBufferAllocator().buffer(capacity: self.blockSize)
        progress(offset, total)
    }

    private static func drain(_ pending: inout [Task<Void, any Error>]) async throws {
        while !pending.isEmpty {
            try await pending.removeFirst().value
        }
    }
}
