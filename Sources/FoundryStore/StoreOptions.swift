import Foundation

/// What every backend takes besides its location: time and identifiers come from here (tests pass
/// fixed ones), and the limits that bound memory.
public struct StoreOptions: Sendable {
    /// The wall clock for creationTimestamp and deletionTimestamp.
    public var now: @Sendable () -> Date
    public var makeUID: @Sendable () -> String
    /// The suffix `generateName` gets.
    public var makeNameSuffix: @Sendable () -> String
    /// How many changes the log keeps for watches to resume from; older versions expire.
    public var changeLogLimit: Int
    /// How many undelivered events a watch may hold before it is ended with `.expired`.
    public var watchBufferLimit: Int

    public init(
        now: @escaping @Sendable () -> Date = { Date() },
        makeUID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        makeNameSuffix: @escaping @Sendable () -> String = StoreOptions.randomNameSuffix,
        changeLogLimit: Int = 10_000,
        watchBufferLimit: Int = 10_000
    ) {
        self.now = now
        self.makeUID = makeUID
        self.makeNameSuffix = makeNameSuffix
        self.changeLogLimit = max(1, changeLogLimit)
        self.watchBufferLimit = max(1, watchBufferLimit)
    }

    /// Five characters from Kubernetes' alphabet for generated names (no vowels, no look-alikes).
    @Sendable public static func randomNameSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
    }

    func engine() -> StoreEngine {
        StoreEngine(now: self.now(), makeUID: self.makeUID, makeNameSuffix: self.makeNameSuffix)
    }
}
