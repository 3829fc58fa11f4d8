import Foundation

/// Copies a console's output to a sink and keystrokes to the console, watching for the escape
/// sequence. It runs blocking `poll(2)` on its own thread, so it needs no event loop.
public enum ConsoleRelay {
    public enum Ending: Sendable, Hashable {
        /// The user typed the escape sequence.
        case escape
        /// The console (the BMC or the library) closed the session.
        case consoleClosed
        /// The keyboard input ended.
        case inputClosed
    }

    /// Relays until one side ends; `onBreak` runs for the break escape.
    public static func run(
        console: Int32, input: Int32, output: Int32, escape: ConsoleEscapeFilter,
        onBreak: @escaping @Sendable () -> Void
    ) async -> Ending {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    returning: self.loop(
                        console: console, input: input, output: output, escape: escape, onBreak: onBreak))
            }
        }
    }

    private static func loop(
        console: Int32, input: Int32, output: Int32, escape: ConsoleEscapeFilter, onBreak: () -> Void
    ) -> Ending {
        var filter = escape
        var descriptors = [
            pollfd(fd: console, events: Int16(POLLIN), revents: 0),
            pollfd(fd: input, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, nfds_t(descriptors.count), 1000)
            if ready < 0 {
                if errno == EINTR {
                    continue
                }
                return .consoleClosed
            }
            if descriptors[0].revents != 0 {
                let count = read(console, &buffer, buffer.count)
                if count <= 0 {
                    return .consoleClosed
                }
                self.writeAll(output, Array(buffer.prefix(count)))
            }
            if descriptors[1].revents != 0 {
                let count = read(input, &buffer, buffer.count)
                if count <= 0 {
                    return .inputClosed
                }
                let (forward, command) = filter.filter(Array(buffer.prefix(count)))
                self.writeAll(console, forward)
                switch command {
                case .quit:
                    return .escape
                case .sendBreak:
                    onBreak()
                case nil:
                    break
                }
            }
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR {
                continue
            }
            guard written > 0 else {
                return
            }
            offset += written
        }
    }
}
