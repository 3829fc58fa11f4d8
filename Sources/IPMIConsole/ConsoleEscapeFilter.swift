/// Watches keystrokes for the escape sequences of `foundry console`, as ssh and ipmitool do with `~.`:
/// at the start of a line, the escape character followed by `.` quits and by `B` sends a serial break;
/// the escape character typed twice sends it once. Everything else passes through.
public struct ConsoleEscapeFilter: Sendable {
    public enum Command: Sendable, Hashable {
        case quit
        case sendBreak
    }

    public let escape: UInt8
    private var atLineStart = true
    private var pendingEscape = false

    public init(escape: UInt8 = UInt8(ascii: "&")) {
        self.escape = escape
    }

    /// The bytes to send to the console and the command typed, if any (bytes after a command are dropped).
    public mutating func filter(_ input: [UInt8]) -> (forward: [UInt8], command: Command?) {
        var forward: [UInt8] = []
        forward.reserveCapacity(input.count)
        for byte in input {
            if self.pendingEscape {
                self.pendingEscape = false
                switch byte {
                case UInt8(ascii: "."):
                    return (forward, .quit)
                case UInt8(ascii: "B"):
                    return (forward, .sendBreak)
                case self.escape:
                    forward.append(byte)
                    self.atLineStart = false
                    continue
                default:
                    forward.append(self.escape)
                }
            } else if self.atLineStart, byte == self.escape {
                self.pendingEscape = true
                continue
            }
            forward.append(byte)
            self.atLineStart = byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
        }
        return (forward, nil)
    }
}
