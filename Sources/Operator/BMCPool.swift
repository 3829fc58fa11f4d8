import BMC

/// The BMC connections of every host, reused from one reconcile to the next and replaced when a
/// host's address, credentials or TLS setting change.
actor BMCPool {
    private let connect: BMCConnect
    private let metrics: OperatorMetrics
    private var connections: [HostKey: BMCConnection] = [:]

    init(connect: @escaping BMCConnect, metrics: OperatorMetrics) {
        self.connect = connect
        self.metrics = metrics
    }

    func connection(for host: HostKey, access: BMCAccess) async -> BMCConnection {
        if let existing = self.connections[host] {
            if existing.access == access {
                return existing
            }
            await existing.close()
        }
        let connection = BMCConnection(access: access, connect: self.connect, metrics: self.metrics)
        self.connections[host] = connection
        return connection
    }

    /// The connection in use for `host`, if any (to read its cached power state).
    func existing(for host: HostKey) -> BMCConnection? {
        self.connections[host]
    }

    func close(_ host: HostKey) async {
        if let connection = self.connections.removeValue(forKey: host) {
            await connection.close()
        }
    }

    /// Logs out of every BMC at once, and stops waiting after `deadline`: a logout is a courtesy
    /// (the BMC ends an idle session by itself), and a shutdown must not wait minutes for BMCs that
    /// no longer answer, one after the other.
    func closeAll(deadline: Duration = .seconds(2)) async {
        let all = Array(self.connections.values)
        self.connections = [:]
        let (finished, continuation) = AsyncStream<Void>.makeStream()
        Task {
            await withTaskGroup(of: Void.self) { group in
                for connection in all {
                    group.addTask { await connection.close() }
                }
            }
            continuation.finish()
        }
        let timer = Task {
            try? await Task.sleep(for: deadline)
            continuation.finish()
        }
        for await _ in finished {}
        timer.cancel()
    }

    /// BMC calls made so far, over every connection still open.
    func totalCalls() async -> Int {
        var total = 0
        for connection in self.connections.values {
            total += await connection.calls
        }
        return total
    }
}
