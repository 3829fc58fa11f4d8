/// A keyed work queue after client-go's: a key is queued at most once however often it is added
/// (dedupe), handed to one worker at a time (a key added while a worker has it is queued again when
/// the worker is done), and may be added after a delay or with a per-key exponential backoff for
/// the runtime's own failures.
public actor WorkQueue<Key: Hashable & Sendable> {
    /// The per-key backoff of `addRateLimited`: `base * 2^failures`, at most `maximum`.
    public struct RateLimit: Sendable, Hashable {
        public var base: Duration
        public var maximum: Duration

        public init(base: Duration = .milliseconds(5), maximum: Duration = .seconds(60)) {
            self.base = base
            self.maximum = maximum
        }

        func delay(failures: Int) -> Duration {
            let exponent = min(max(failures, 0), 30)
            return min(self.base * (1 << exponent), self.maximum)
        }
    }

    private let rateLimit: RateLimit
    private var ready: [Key] = []
    private var head = 0
    private var queued: Set<Key> = []
    private var processing: Set<Key> = []
    private var dirty: Set<Key> = []
    private var delayed: [Key: ContinuousClock.Instant] = [:]
    private var failures: [Key: Int] = [:]
    private var waiters: [CheckedContinuation<Key?, Never>] = []
    private var timer: Task<Void, Never>?
    private var timerDeadline: ContinuousClock.Instant?
    private var isShutDown = false

    public init(rateLimit: RateLimit = RateLimit()) {
        self.rateLimit = rateLimit
    }

    /// Queues `key` now, unless it is queued already.
    public func add(_ key: Key) {
        guard !self.isShutDown else {
            return
        }
        self.delayed[key] = nil
        if self.processing.contains(key) {
            self.dirty.insert(key)
            return
        }
        guard self.queued.insert(key).inserted else {
            return
        }
        if !self.waiters.isEmpty {
            self.queued.remove(key)
            self.processing.insert(key)
            self.waiters.removeFirst().resume(returning: key)
            return
        }
        self.ready.append(key)
    }

    /// Queues `key` once `delay` has passed (at once when it is zero). An earlier pending time wins.
    public func add(_ key: Key, after delay: Duration) {
        guard delay > .zero else {
            self.add(key)
            return
        }
        guard !self.isShutDown, !self.queued.contains(key) else {
            return
        }
        let due = ContinuousClock.now.advanced(by: delay)
        if let pending = self.delayed[key], pending <= due {
            return
        }
        self.delayed[key] = due
        self.armTimer(for: due)
    }

    /// Queues `key` after its backoff, which doubles with each call until `forget`.
    public func addRateLimited(_ key: Key) {
        let failures = self.failures[key, default: 0]
        self.failures[key] = failures + 1
        self.add(key, after: self.rateLimit.delay(failures: failures))
    }

    /// Resets the backoff of `addRateLimited`.
    public func forget(_ key: Key) {
        self.failures[key] = nil
    }

    /// How many rate-limited adds `key` has had since it was last forgotten.
    public func failures(of key: Key) -> Int {
        self.failures[key, default: 0]
    }

    /// Drops a pending delayed add of `key` (a deleted host).
    public func cancelDelayed(_ key: Key) {
        self.delayed[key] = nil
    }

    /// The next key to work on; nil once the queue is shut down. Call `done` when finished with it.
    public func next() async -> Key? {
        if let key = self.popReady() {
            return key
        }
        guard !self.isShutDown else {
            return nil
        }
        return await withCheckedContinuation { continuation in
            self.waiters.append(continuation)
        }
    }

    /// The worker is done with `key`; if it was added meanwhile, it is queued again.
    public func done(_ key: Key) {
        self.processing.remove(key)
        if self.dirty.remove(key) != nil {
            self.add(key)
        }
    }

    /// Wakes every waiting worker with nil; later adds are ignored.
    public func shutDown() {
        self.isShutDown = true
        self.timer?.cancel()
        self.timer = nil
        let waiters = self.waiters
        self.waiters = []
        for waiter in waiters {
            waiter.resume(returning: nil)
        }
    }

    /// Keys queued now (not counting delayed ones or those being worked on).
    public var depth: Int {
        self.ready.count - self.head
    }

    public var delayedCount: Int {
        self.delayed.count
    }

    // MARK: internals

    private func popReady() -> Key? {
        guard self.head < self.ready.count else {
            return nil
        }
        let key = self.ready[self.head]
        self.head += 1
        if self.head > 1024, self.head * 2 > self.ready.count {
            self.ready.removeFirst(self.head)
            self.head = 0
        }
        self.queued.remove(key)
        self.processing.insert(key)
        return key
    }

    private func armTimer(for due: ContinuousClock.Instant) {
        if let deadline = self.timerDeadline, deadline <= due, self.timer != nil {
            return
        }
        self.timer?.cancel()
        self.timerDeadline = due
        self.timer = Task { [weak self] in
            try? await Task.sleep(until: due, clock: .continuous)
            guard !Task.isCancelled else {
                return
            }
            await self?.fireDue()
        }
    }

    private func fireDue() {
        self.timer = nil
        self.timerDeadline = nil
        let now = ContinuousClock.now
        var next: ContinuousClock.Instant?
        for (key, due) in self.delayed {
            if due <= now {
                self.add(key)
            } else if next.map({ due < $0 }) ?? true {
                next = due
            }
        }
        if let next {
            self.armTimer(for: next)
        }
    }
}
