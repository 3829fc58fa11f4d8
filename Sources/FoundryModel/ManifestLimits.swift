/// Bounds on manifest input, so that a hostile or broken file is refused quickly and with
/// bounded memory rather than exhausting the process.
public struct ManifestLimits: Sendable, Hashable {
    /// Largest single document, in bytes (Kubernetes' own request limit is about 3 MiB).
    public var maxDocumentBytes: Int
    /// Largest whole input (a file or stdin), in bytes.
    public var maxInputBytes: Int
    /// Deepest nesting of mappings and sequences in one document.
    public var maxDepth: Int
    /// How many nodes YAML aliases may add to one document by expansion.
    public var maxAliasExpansion: Int
    /// Most documents in one input.
    public var maxDocuments: Int

    public init(
        maxDocumentBytes: Int = 4 << 20,
        maxInputBytes: Int = 64 << 20,
        maxDepth: Int = 64,
        maxAliasExpansion: Int = 100_000,
        maxDocuments: Int = 100_000
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocuments = maxDocuments
    }

    public static let `default` = ManifestLimits()
}
