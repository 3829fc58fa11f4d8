import AgentProtocol
import HostAgent
import Synchronization

/// Turns the in-process agent's steps into console lines (`[ agent ] writeImage 50% (...)`), and
/// counts its image writes on the server: a write counts when it starts, whether or not it
/// finishes, since any started write may have touched the disk.
final class AgentConsole: Sendable {
    let server: SimulatedServer
    /// The last quarter of each command's progress printed, so a write prints at most four lines.
    private let printedQuarter = Mutex<[String: Int]>([:])
    private let silenced = Mutex(false)

    init(server: SimulatedServer) {
        self.server = server
    }

    func show(_ event: AgentEvent) async {
        if case .commandStarted(let command) = event, command.kind == .writeImage {
            await self.server.recordDiskWrite()
        }
        if let line = self.line(for: event) {
            self.append(line)
        }
    }

    /// Prints a line, unless the agent has lost its power: a dead host prints nothing more.
    func append(_ line: String) {
        guard !self.silenced.withLock({ $0 }) else {
            return
        }
        self.server.console.append("[ agent ] " + line)
    }

    func silence() {
        self.silenced.withLock { $0 = true }
    }

    func line(for event: AgentEvent) -> String? {
        switch event {
        case .identified(let hostID):
            return "the operator knows this host as \(hostID)"
        case .commandStarted(let command):
            return "\(command.kind.rawValue) started (\(command.id))"
        case .progress(let progress):
            return self.progressLine(progress)
        case .commandFinished(let result):
            if result.succeeded {
                var text = "\(result.kind.rawValue) done"
                if let device = result.rootDevice?.name, let bytes = result.bytesWritten {
                    text += ": \(bytes) bytes to \(device)"
                }
                if let devices = result.cleanedDevices {
                    text += ": cleaned \(devices.joined(separator: ", "))"
                }
                return text
            }
            return "\(result.kind.rawValue) failed: \(result.message ?? "no reason given")"
        case .power(let kind):
            return kind == .reboot ? "rebooting" : "powering off"
        }
    }

    private func progressLine(_ progress: CommandProgress) -> String? {
        guard let total = progress.bytesTotal, total > 0 else {
            return nil
        }
        let quarter = Int(min(4, progress.bytesDone * 4 / total))
        let key = progress.commandID + "/" + progress.phase
        let isNew = self.printedQuarter.withLock { printed in
            guard quarter > (printed[key] ?? 0) else {
                return false
            }
            printed[key] = quarter
            return true
        }
        guard isNew else {
            return nil
        }
        return "\(progress.phase) \(quarter * 25)% (\(progress.bytesDone) of \(total) bytes)"
    }
}
