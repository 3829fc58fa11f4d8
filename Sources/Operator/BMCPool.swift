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

    func closeAll() async {
        let all = self.connections.values
        self.connections = [:]
        for connection in all {
            await connection.close()
        }
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
