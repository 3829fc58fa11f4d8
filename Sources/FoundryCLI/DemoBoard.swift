import Foundation

/// What `foundry demo` shows, free of I/O: a snapshot of the hosts (state, error, image write in
/// progress) rendered as a board redrawn in place on a terminal, or as plain lines, one per change,
/// without one.
struct DemoBoard: Sendable, Hashable {
    struct Host: Sendable, Hashable {
        var name: String
        /// The provisioning state as `get bmh` prints it (`registering`, `provisioned`, ...); `new`
        /// before the operator has seen the host.
        var state: String
        /// The host's error (`registration error: ...`), when it has one.
        var error: String?
        /// Bytes of the image write in progress, and of the whole image when known.
        var written: Int64?
        var imageBytes: Int64?
    }

    /// The order states are counted in, as a host moves through them.
    static let stateOrder = [
        "new", "registering", "inspecting", "preparing", "available", "provisioning", "provisioned", "deprovisioning",
        "powering off before delete", "deleting",
    ]

    var hosts: [Host]

    /// `available 3  provisioning 2  provisioned 3`: states in lifecycle order, others after, and errors.
    var summary: String {
        var counts: [String: Int] = [:]
        for host in self.hosts {
            counts[host.state, default: 0] += 1
        }
        let known = Self.stateOrder.filter { counts[$0] != nil }
        let others = counts.keys.filter { !Self.stateOrder.contains($0) }.sorted()
        var parts = (others + known).map { "\($0) \(counts[$0] ?? 0)" }
        let errors = self.hosts.filter { $0.error != nil }.count
        if errors > 0 {
            parts.append("errors \(errors)")
        }
        return parts.joined(separator: "  ")
    }

    /// Every host provisioned with no error.
    var allProvisioned: Bool {
        !self.hosts.isEmpty && self.hosts.allSatisfy { $0.state == "provisioned" && $0.error == nil }
    }

    /// The board on a terminal `width` columns wide: the summary, then a line per host with a
    /// progress bar while its image is written.
    func frame(width: Int, elapsed: Duration) -> [String] {
        let nameWidth = min(24, self.hosts.map(\.name.count).max() ?? 4)
        var lines = ["\(Self.seconds(elapsed))  \(self.summary)"]
        for host in self.hosts {
            var line = host.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            line += host.state.padding(toLength: 14, withPad: " ", startingAt: 0)
            if let written = host.written {
                line += " " + Self.bar(done: written, total: host.imageBytes, width: 20)
            }
            if let error = host.error {
                line += "  " + error
            }
            lines.append(line)
        }
        // One column spare: a line as wide as the terminal wraps on some.
        return lines.map { String($0.prefix(max(20, width - 1))) }
    }

    /// Plain lines for what changed since `previous`: state changes, errors that appeared, and
    /// each quarter of an image write.
    func changes(since previous: DemoBoard, elapsed: Duration) -> [String] {
        let before = Dictionary(self.pairs(previous.hosts), uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        for host in self.hosts {
            let old = before[host.name]
            let prefix = "\(Self.seconds(elapsed))  \(host.name): "
            let oldState = old?.state ?? "new"
            if oldState != host.state {
                lines.append(prefix + "\(oldState) -> \(host.state)")
            }
            if let error = host.error, error != old?.error {
                lines.append(prefix + error)
            }
            if let quarter = Self.quarter(host), quarter > (old.flatMap(Self.quarter) ?? 0) {
                lines.append(prefix + "image written \(quarter * 25)% " + Self.bytes(host.written, of: host.imageBytes))
            }
        }
        if self.summary != previous.summary {
            lines.append("\(Self.seconds(elapsed))  hosts: \(self.summary)")
        }
        return lines
    }

    private func pairs(_ hosts: [Host]) -> [(String, Host)] {
        hosts.map { ($0.name, $0) }
    }

    /// `[########............]  40%  3.2 of 8.0 MiB`.
    static func bar(done: Int64, total: Int64?, width: Int) -> String {
        guard let total, total > 0 else {
            return "[" + String(repeating: "?", count: width) + "]  " + self.bytes(done, of: nil)
        }
        let fraction = min(1, max(0, Double(done) / Double(total)))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let percent = Int((fraction * 100).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + String(repeating: " ", count: percent < 10 ? 2 : percent < 100 ? 1 : 0) + "\(percent)%  "
            + self.bytes(done, of: total)
    }

    /// Whole quarters of the image written (1...4); nil when nothing is being written.
    static func quarter(_ host: Host) -> Int? {
        guard let written = host.written, let total = host.imageBytes, total > 0, written > 0 else {
            return nil
        }
        return Int(min(4, written * 4 / total))
    }

    static func bytes(_ done: Int64?, of total: Int64?) -> String {
        let mebibytes = { (value: Int64) in String(format: "%.1f", Double(value) / 1_048_576) }
        guard let total else {
            return "\(mebibytes(done ?? 0)) MiB"
        }
        return "\(mebibytes(done ?? 0)) of \(mebibytes(total)) MiB"
    }

    /// `12.3s`.
    static func seconds(_ elapsed: Duration) -> String {
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        return String(format: "%6.1fs", Double(milliseconds) / 1000)
    }
}
