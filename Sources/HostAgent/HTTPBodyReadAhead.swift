import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Receives an image's HTTP response on the event loop, gathers the body into blocks there and
/// keeps reading until `limit` bytes wait for the consumer. AsyncHTTPClient's async body reads one
/// buffer (at most 64 KiB) per consumer pull, a thread hand-off each way per buffer; this reads
/// ahead and hands over whole blocks, so download, hashing and writing overlap.
final class HTTPBodyReadAhead: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void

    let blockSize: Int
    let limit: Int
    // Every field below is guarded by `lock`.
    private let lock = NSLock()
    private var headWaiter: CheckedContinuation<HTTPResponseHead, any Error>?
    private var head: Result<HTTPResponseHead, any Error>?
    private var filling: ByteBuffer?
    private var ready: [ByteBuffer] = []
    private var buffered = 0
    private var finished = false
    private var failure: (any Error)?
    private var blockWaiter: CheckedContinuation<ByteBuffer?, any Error>?
    private var paused: EventLoopPromise<Void>?

    init(blockSize: Int, limit: Int) {
        self.blockSize = blockSize
        self.limit = limit
    }

    // MARK: consumer side

    /// The response head, once it has arrived.
    func responseHead() async throws -> HTTPResponseHead {
        try await withCheckedThrowingContinuation { continuation in
            self.lock.lock()
            if let head = self.head {
                self.lock.unlock()
                continuation.resume(with: head)
            } else {
                self.headWaiter = continuation
                self.lock.unlock()
            }
        }
    }

    /// The next block of the body (the last may be shorter), nil at its end.
    func next() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { continuation in
            self.lock.lock()
            if let block = self.takeLocked() {
                let resume = self.resumeIfDrainedLocked()
                self.lock.unlock()
                resume?.succeed(())
                continuation.resume(returning: block)
            } else if let failure = self.failure {
                self.lock.unlock()
                continuation.resume(throwing: failure)
            } else if self.finished {
                self.lock.unlock()
                continuation.resume(returning: nil)
            } else {
                self.blockWaiter = continuation
                self.lock.unlock()
            }
        }
    }

    private func takeLocked() -> ByteBuffer? {
        if !self.ready.isEmpty {
            let block = self.ready.removeFirst()
            self.buffered -= block.readableBytes
            return block
        }
        if self.finished, let last = self.filling, last.readableBytes > 0 {
            self.filling = nil
            self.buffered -= last.readableBytes
            return last
        }
        return nil
    }

    private func resumeIfDrainedLocked() -> EventLoopPromise<Void>? {
        guard self.buffered < self.limit, let paused = self.paused else {
            return nil
        }
        self.paused = nil
        return paused
    }

    // MARK: event loop side

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        self.lock.lock()
        self.head = .success(head)
        let waiter = self.headWaiter
        self.headWaiter = nil
        self.lock.unlock()
        waiter?.resume(returning: head)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        var buffer = buffer
        self.lock.lock()
        self.buffered += buffer.readableBytes
        while buffer.readableBytes > 0 {
            // Taken out, not copied: a second reference would make every write copy the block.
            var block = self.filling.take() ?? ByteBufferAllocator().buffer(capacity: self.blockSize)
            if var slice = buffer.readSlice(length: min(buffer.readableBytes, self.blockSize - block.readableBytes)) {
                block.writeBuffer(&slice)
            }
            if block.readableBytes == self.blockSize {
                self.ready.append(block)
            } else {
                self.filling = block
            }
        }
        var handOver: (CheckedContinuation<ByteBuffer?, any Error>, ByteBuffer)?
        if let waiter = self.blockWaiter, let block = self.takeLocked() {
            self.blockWaiter = nil
            handOver = (waiter, block)
        }
        var future = task.eventLoop.makeSucceededVoidFuture()
        if self.buffered >= self.limit {
            let promise = task.eventLoop.makePromise(of: Void.self)
            self.paused = promise
            future = promise.futureResult
        }
        self.lock.unlock()
        if let (waiter, block) = handOver {
            waiter.resume(returning: block)
        }
        return future
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        self.fail(error)
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        self.lock.lock()
        self.finished = true
        let waiter = self.blockWaiter
        self.blockWaiter = nil
        let block = waiter == nil ? nil : self.takeLocked()
        self.lock.unlock()
        waiter?.resume(returning: block)
    }

    /// Ends the transfer with `error` for whoever waits, now or later.
    func fail(_ error: any Error) {
        self.lock.lock()
        if self.failure == nil && !self.finished {
            self.failure = error
        }
        if self.head == nil {
            self.head = .failure(error)
        }
        let headWaiter = self.headWaiter
        let blockWaiter = self.blockWaiter
        let paused = self.paused
        self.headWaiter = nil
        self.blockWaiter = nil
        self.paused = nil
        let failure = self.failure
        self.lock.unlock()
        headWaiter?.resume(throwing: error)
        if let blockWaiter {
            if let failure {
                blockWaiter.resume(throwing: failure)
            } else {
                blockWaiter.resume(returning: nil)
            }
        }
        paused?.fail(error)
    }
}
