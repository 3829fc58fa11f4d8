import Testing

@testable import Operator

struct WorkQueueTests {
    @Test func aKeyIsQueuedOnceHowEverOftenItIsAdded() async {
        let queue = WorkQueue<String>()
        await queue.add("a")
        await queue.add("b")
        await queue.add("a")
        #expect(await queue.depth == 2)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == "b")
        #expect(await queue.depth == 0)
    }

    @Test func aKeyBeingWorkedOnIsNotHandedOutAgainUntilDone() async throws {
        let queue = WorkQueue<String>()
        await queue.add("a")
        #expect(await queue.next() == "a")
        await queue.add("a")
        #expect(await queue.depth == 0)
        await queue.add("b")
        #expect(await queue.next() == "b")
        await queue.done("a")
        #expect(await queue.depth == 1)
        #expect(await queue.next() == "a")
    }

    @Test func delayedAddsComeDueAndTheEarlierTimeWins() async throws {
        let queue = WorkQueue<String>()
        await queue.add("late", after: .seconds(30))
        await queue.add("soon", after: .milliseconds(20))
        await queue.add("soon", after: .seconds(30))
        let started = ContinuousClock.now
        #expect(await queue.next() == "soon")
        #expect(ContinuousClock.now - started >= .milliseconds(15))
        // Well short of the 30 s entries, with room for a loaded machine's scheduling.
        #expect(ContinuousClock.now - started < .seconds(25))
        #expect(await queue.delayedCount == 1)
        await queue.add("late")
        #expect(await queue.delayedCount == 0)
        #expect(await queue.next() == "late")
    }

    @Test func rateLimitedAddsBackOffUntilForgotten() async {
        let limit = WorkQueue<String>.RateLimit(base: .milliseconds(10), maximum: .milliseconds(50))
        #expect(limit.delay(failures: 0) == .milliseconds(10))
        #expect(limit.delay(failures: 2) == .milliseconds(40))
        #expect(limit.delay(failures: 3) == .milliseconds(50))
        #expect(limit.delay(failures: 40) == .milliseconds(50))

        let queue = WorkQueue<String>(rateLimit: limit)
        for attempt in 1...3 {
            let started = ContinuousClock.now
            await queue.addRateLimited("a")
            #expect(await queue.next() == "a")
            await queue.done("a")
            // Never sooner than the backoff (later is fine on a loaded machine).
            #expect(ContinuousClock.now - started >= limit.delay(failures: attempt - 1))
            #expect(await queue.failures(of: "a") == attempt)
        }
        await queue.forget("a")
        #expect(await queue.failures(of: "a") == 0)
        await queue.addRateLimited("a")
        #expect(await queue.next() == "a")
    }

    @Test func shuttingDownWakesWaitingWorkers() async {
        let queue = WorkQueue<String>()
        async let first = queue.next()
        async let second = queue.next()
        try? await Task.sleep(for: .milliseconds(20))
        await queue.shutDown()
        #expect(await first == nil)
        #expect(await second == nil)
        await queue.add("a")
        #expect(await queue.next() == nil)
    }

    @Test func aWaitingWorkerGetsTheNextKey() async {
        let queue = WorkQueue<Int>()
        async let key = queue.next()
        try? await Task.sleep(for: .milliseconds(20))
        await queue.add(7)
        #expect(await key == 7)
        await queue.add(7)
        #expect(await queue.depth == 0)
    }
}
