import Logging

/// Sends the in-process agent's warnings to its server's serial console, where a real agent's
/// journal would show on the serial console too.
struct ConsoleLogHandler: LogHandler {
    let console: AgentConsole
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .warning

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.keys.sorted().map { "\($0)=\(merged[$0].map { "\($0)" } ?? "")" }
        self.console.append((["\(event.level): \(event.message)"] + fields).joined(separator: " "))
    }
}
