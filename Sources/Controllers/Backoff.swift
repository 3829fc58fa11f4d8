/// Metal3's error backoff: after the n-th consecutive error, wait `base * 2^n` less up to half of it,
/// with n capped (errorCount 1: 1-2 minutes with Metal3's one-minute base; 9 and more: 4h16m-8h32m).
public struct Backoff: Sendable, Hashable {
    public var base: Duration
    public var maxExponent: Int

    public init(base: Duration, maxExponent: Int) {
        self.base = base
        self.maxExponent = maxExponent
    }

    public init(_ config: ControllerConfig) {
        self.init(base: config.backoffBase, maxExponent: config.maxBackoffExponent)
    }

    /// The longest wait after `errorCount` errors (before jitter).
    public func ceiling(errorCount: Int) -> Duration {
        let exponent = min(max(errorCount, 0), self.maxExponent)
        return self.base * (1 << exponent)
    }

    /// The shortest wait: a retry is never made sooner than this after the error.
    public func floor(errorCount: Int) -> Duration {
        self.ceiling(errorCount: errorCount) / 2
    }

    /// The wait for a `jitter` drawn uniformly from [0, 1): between the floor and the ceiling.
    public func delay(errorCount: Int, jitter: Double) -> Duration {
        let ceiling = self.ceiling(errorCount: errorCount)
        let clamped = min(max(jitter, 0), 1)
        return ceiling - ceiling * (clamped * 0.5)
    }
}
