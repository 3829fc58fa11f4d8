import Synchronization
import Testing

@testable import FoundryStore

/// The parallel map gives what `map` gives, in order, and on a failure throws the first failed
/// chunk's error and releases every value it had made.
struct ParallelDecodingTests {
    /// Counts its live instances, to see that nothing made is leaked or released twice.
    final class Tracked: Sendable {
        static let live = Atomic<Int>(0)
        let value: Int

        init(_ value: Int) {
            self.value = value
            Self.live.add(1, ordering: .relaxed)
        }

        deinit {
            Self.live.subtract(1, ordering: .relaxed)
        }
    }

    @Test func keepsTheOrderOfALargeList() async throws {
        let items = Array(0..<20_011)
        let mapped = try await ParallelDecoding.map(items) { item throws(StoreError) in "item \(item)" }
        #expect(mapped == items.map { "item \($0)" })
    }

    @Test func smallListsAreMappedWhereTheyStand() async throws {
        #expect(try await ParallelDecoding.map([1, 2, 3]) { item throws(StoreError) in item * 2 } == [2, 4, 6])
        #expect(try await ParallelDecoding.map([Int]()) { item throws(StoreError) in item }.isEmpty)
    }

    @Test func aFailureReleasesEverythingMade() async throws {
        let before = Tracked.live.load(ordering: .relaxed)
        let items = Array(0..<10_000)
        let error = await #expect(throws: StoreError.self) {
            _ = try await ParallelDecoding.map(items) { item throws(StoreError) in
                if item == 7_777 || item == 9_000 {
                    throw StoreError(.corrupt, "row \(item) is damaged")
                }
                return Tracked(item)
            }
        }
        #expect(error?.message == "row 7777 is damaged")
        #expect(Tracked.live.load(ordering: .relaxed) == before)
    }
}
