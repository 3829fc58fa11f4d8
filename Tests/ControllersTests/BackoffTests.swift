import Controllers
import TestSupport
import Testing

@Suite struct BackoffTests {
    /// Metal3's documented distribution (action_result.go): errorCount n waits 2^(n-1)..2^n minutes,
    /// and from 9 on 4h16m..8h32m.
    @Test(arguments: [
        (1, 1.0, 2.0), (2, 2, 4), (3, 4, 8), (4, 8, 16), (5, 16, 32), (6, 32, 64), (7, 64, 128),
        (8, 128, 256), (9, 256, 512), (10, 256, 512), (40, 256, 512),
    ])
    func metal3Distribution(errorCount: Int, lowMinutes: Double, highMinutes: Double) {
        let backoff = Backoff(metal3)
        #expect(backoff.floor(errorCount: errorCount).seconds == lowMinutes * 60)
        #expect(backoff.ceiling(errorCount: errorCount).seconds == highMinutes * 60)
        #expect(backoff.delay(errorCount: errorCount, jitter: 0).seconds == highMinutes * 60)
        var rng = SeededGenerator(seed: UInt64(errorCount))
        for _ in 0..<200 {
            let delay = backoff.delay(errorCount: errorCount, jitter: Double.random(in: 0..<1, using: &rng)).seconds
            #expect(delay > lowMinutes * 60 && delay <= highMinutes * 60)
        }
    }

    @Test func jitterSpreadsTheDelays() {
        let backoff = Backoff(metal3)
        var rng = SeededGenerator(seed: 7)
        let delays = (0..<100).map { _ in
            backoff.delay(errorCount: 3, jitter: Double.random(in: 0..<1, using: &rng)).seconds
        }
        // Hosts that failed together must not all retry together.
        #expect(Set(delays).count > 90)
        #expect((delays.min() ?? 0) < 4.5 * 60 && (delays.max() ?? 0) > 7.5 * 60)
    }

    @Test func theBaseIsConfigurableSoTestsRunInSeconds() {
        let fast = Backoff(metal3.scaled(by: 600))
        #expect(fast.ceiling(errorCount: 1).seconds == 0.2)
        #expect(fast.ceiling(errorCount: 9).seconds == 51.2)
        #expect(Backoff(base: .milliseconds(10), maxExponent: 3).ceiling(errorCount: 8).seconds == 0.08)
    }

    @Test func scaledConfigKeepsCountsAndDividesDurations() {
        let config = metal3.scaled(by: 60)
        #expect(config.backoffBase == .seconds(1))
        #expect(config.steadyStatePollInterval == .seconds(1))
        #expect(config.softPowerOffTimeout == .seconds(3))
        #expect(config.maxProvisioningRetries == 5 && config.deleteRetryLimit == 3 && config.provisioningLimit == 20)
    }
}
