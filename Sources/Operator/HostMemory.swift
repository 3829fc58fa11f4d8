import Controllers

/// What the runtime remembers of each host between reconciles (and forgets on restart): how the
/// last actions went, and when it last wrote a progress Event.
actor HostMemory {
    private var lastActions: [HostKey: ActionRecord] = [:]
    private var progressWritten: [HostKey: ContinuousClock.Instant] = [:]

    /// The record for the next decision: a failure is reported once, then counts as reported.
    func takeLastActions(_ key: HostKey) -> ActionRecord {
        let record = self.lastActions[key] ?? .noneSinceStart
        if case .failed = record {
            self.lastActions[key] = .succeeded
        }
        return record
    }

    /// Gives back a record taken for a decision that was dropped (a store conflict), so that the
    /// next decision hears of the failure.
    func putBack(_ key: HostKey, _ record: ActionRecord) {
        if case .failed = record {
            self.lastActions[key] = record
        }
    }

    /// Records how the actions went; performing none leaves the record as it was.
    func record(_ key: HostKey, performed: Int, failure: (HostAction, String)?) {
        if let (action, message) = failure {
            self.lastActions[key] = .failed(action, message: message)
        } else if performed > 0 {
            self.lastActions[key] = .succeeded
        }
    }

    /// Whether a progress Event is due (and, if so, notes that one is being written now).
    func progressEventDue(_ key: HostKey, interval: Duration) -> Bool {
        let now = ContinuousClock.now
        if let last = self.progressWritten[key], now - last < interval {
            return false
        }
        self.progressWritten[key] = now
        return true
    }

    func forget(_ key: HostKey) {
        self.lastActions[key] = nil
        self.progressWritten[key] = nil
    }
}
