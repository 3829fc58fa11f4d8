/// Lets one task at a time through, in arrival order: the "one request in flight per BMC" rule
/// (actors alone do not give it, since they interleave calls at every `await`).
actor AsyncGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` once every earlier caller is through.
    func withTurn<T: Sendable, Failure: Error>(
        _ body: @Sendable () async throws(Failure) -> T
    ) async throws(Failure) -> T {
        await self.enter()
        defer { self.leave() }
        return try await body()
    }

    private func enter() async {
        guard self.busy else {
            self.busy = true
            return
        }
        await withCheckedContinuation { continuation in
            self.waiting.append(continuation)
        }
    }

    private func leave() {
        guard !self.waiting.isEmpty else {
            self.busy = false
            return
        }
        self.waiting.removeFirst().resume()
    }

    /// Callers queued behind the one inside.
    var queueLength: Int {
        self.waiting.count
    }
}
