import ArgumentParser

/// `-o`: a table (default), a wide table, whole objects as YAML or JSON, or `kind/name` lines.
public enum OutputFormat: String, Sendable, CaseIterable, ExpressibleByArgument {
    case table
    case wide
    case yaml
    case json
    case name
}
