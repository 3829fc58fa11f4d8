/// Every failure of a `ResourceStore` operation. Callers switch on `code`; `message` is written
/// for people and names the object and, for invalid input, the field.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Hashable, Sendable {
            case notFound = "not found"
            case alreadyExists = "already exists"
            case conflict
            case expired
            case invalid
            case unavailable
            case corrupt
        }

        fileprivate var base: Base

        /// The object does not exist.
        public static let notFound = Code(base: .notFound)
        /// `create` of a name that is taken.
        public static let alreadyExists = Code(base: .alreadyExists)
        /// A compare-and-swap lost: re-read the object, apply the change again and retry.
        public static let conflict = Code(base: .conflict)
        /// The resourceVersion asked for is older than the change log keeps: list again, then
        /// watch from the list's resourceVersion.
        public static let expired = Code(base: .expired)
        /// The request itself is wrong; the message names the field.
        public static let invalid = Code(base: .invalid)
        /// The backend could not do the work (I/O error, locked database, closed store). May be retried.
        public static let unavailable = Code(base: .unavailable)
        /// Stored data cannot be read back (wrong encryption key, damaged row).
        public static let corrupt = Code(base: .corrupt)

        public var description: String { self.base.rawValue }
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { self.message }

    /// Whether doing the same thing again may succeed (after re-reading, for a conflict).
    public var isRetryable: Bool {
        self.code == .conflict || self.code == .unavailable
    }

    static func notFound(_ key: ObjectKey) -> StoreError {
        StoreError(.notFound, "\(key) not found")
    }

    static func alreadyExists(_ key: ObjectKey) -> StoreError {
        StoreError(.alreadyExists, "\(key) already exists")
    }

    static func conflict(_ key: ObjectKey, _ reason: String) -> StoreError {
        StoreError(
            .conflict,
            "cannot change \(key): \(reason); read the latest version, apply the change again and retry"
        )
    }

    static func invalid(_ key: ObjectKey?, field: String, _ reason: String) -> StoreError {
        let subject = key.map { "\($0): " } ?? ""
        return StoreError(.invalid, "\(subject)\(field): \(reason)")
    }

    static func expired(requested: Int64, oldest: Int64) -> StoreError {
        StoreError(
            .expired,
            "resourceVersion \(requested) has expired (the change log starts after \(oldest)): list again, "
                + "then watch from the list's resourceVersion"
        )
    }
}
