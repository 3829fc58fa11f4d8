import Foundation

/// Where `foundry demo` draws its board: on a terminal, redrawn in place (the cursor moved back
/// over the previous frame); elsewhere, plain lines for each change only.
struct DemoScreen {
    let interactive: Bool
    private var drawn = 0
    private var previous: DemoBoard?

    init(interactive: Bool) {
        self.interactive = interactive
    }

    /// Whether standard output is a terminal.
    static var standardOutputIsTerminal: Bool {
        isatty(STDOUT_FILENO) == 1
    }

    mutating func show(_ board: DemoBoard, elapsed: Duration) {
        if self.interactive {
            let lines = board.frame(width: Self.columns, elapsed: elapsed)
            var text = self.drawn > 0 ? "\u{1B}[\(self.drawn)F" : ""
            for line in lines {
                text += "\u{1B}[2K" + line + "\n"
            }
            // A frame shorter than the last leaves no stale lines below it.
            text += "\u{1B}[J"
            Output.raw(text)
            self.drawn = lines.count
        } else {
            for line in board.changes(since: self.previous ?? DemoBoard(hosts: []), elapsed: elapsed) {
                Output.print(line)
            }
        }
        self.previous = board
    }

    /// Leaves the last frame on screen; later output goes below it.
    mutating func finish() {
        self.drawn = 0
    }

    /// The terminal's width (`COLUMNS`, else the tty's, else 100).
    static var columns: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 20 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
            return Int(size.ws_col)
        }
        return 100
    }
}
