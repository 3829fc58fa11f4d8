import ArgumentParser
import BMC
import Foundation
import FoundryModel
import IPMIConsole

extension FoundryCommand {
    struct Console: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "console",
            abstract: "Attach to a server's serial console over IPMI Serial-over-LAN.",
            discussion: """
                Uses FreeIPMI's libipmiconsole. At the start of a line, type the escape character and '.' \
                to quit, or 'B' to send a serial break; type it twice to send it once. The escape \
                character is '&' unless --escape-char says otherwise.
                """
        )

        @OptionGroup var connection: BMCConnectionArguments

        @Option(help: "The escape character (one ASCII character).")
        var escapeChar = "&"

        @Option(help: "Cipher suite: 3 or 17.")
        var cipherSuite = 3

        func validate() throws {
            guard self.escapeChar.utf8.count == 1, let byte = self.escapeChar.utf8.first, byte < 0x80 else {
                throw ValidationError("--escape-char must be one ASCII character")
            }
            guard self.cipherSuite == 3 || self.cipherSuite == 17 else {
                throw ValidationError("--cipher-suite must be 3 or 17")
            }
        }

        func run() async throws {
            let (address, credentials, _) = try await self.connection.resolve()
            guard address.port <= Int(Int16.max) else {
                throw ValidationError(
                    "--address \(address): libipmiconsole keeps the port in a signed 16-bit integer; "
                        + "it cannot reach ports above 32767")
            }
            guard !address.driver.isRedfish else {
                throw ValidationError(
                    "--address \(address): foundry console speaks IPMI Serial-over-LAN; give an ipmi:// address")
            }
            let configuration = IPMIConsoleSession.Configuration(
                host: address.host, port: address.port, username: credentials.username, password: credentials.password,
                cipherSuite: self.cipherSuite,
                retransmissionTimeout: .milliseconds(Int(self.connection.timeout * 1000)))
            let session: IPMIConsoleSession
            do {
                session = try await IPMIConsoleSession.open(configuration)
            } catch {
                FileHandle.standardError.write(Data("error: \(address.hostAndPort): \(error)\n".utf8))
                throw ExitCode(Self.exitCode(for: error.kind))
            }
            let escape = self.escapeChar
            FileHandle.standardError.write(
                Data("[console \(address.hostAndPort): \(escape). quits, \(escape)B sends break]\n".utf8))
            let terminal = RawTerminal.enter(fileDescriptor: STDIN_FILENO)
            let ending = await ConsoleRelay.run(
                console: session.fileDescriptor, input: STDIN_FILENO, output: STDOUT_FILENO,
                escape: ConsoleEscapeFilter(escape: self.escapeChar.utf8.first ?? UInt8(ascii: "&")),
                onBreak: { session.sendBreak() })
            terminal?.restore()
            session.close()
            switch ending {
            case .escape, .inputClosed:
                FileHandle.standardError.write(Data("[console closed]\n".utf8))
            case .consoleClosed:
                FileHandle.standardError.write(Data("[the BMC ended the console]\n".utf8))
                throw ExitCode(BMCCommandFailure.exitCode(for: .unreachable))
            }
        }

        static func exitCode(for kind: IPMIConsoleError.Kind) -> Int32 {
            switch kind {
            case .unreachable: BMCCommandFailure.exitCode(for: .unreachable)
            case .authenticationFailed: BMCCommandFailure.exitCode(for: .authenticationFailed)
            case .insufficientPrivilege: BMCCommandFailure.exitCode(for: .insufficientPrivilege)
            case .timeout: BMCCommandFailure.exitCode(for: .timeout)
            case .solUnavailable, .failed: BMCCommandFailure.exitCode(for: .commandFailed)
            case .invalidConfiguration: BMCCommandFailure.exitCode(for: .invalidAddress)
            }
        }
    }
}

/// Puts a terminal in raw mode (keys pass straight to the console) and restores it afterwards.
struct RawTerminal {
    private let fileDescriptor: Int32
    private let saved: termios

    static func enter(fileDescriptor: Int32) -> RawTerminal? {
        guard isatty(fileDescriptor) == 1 else {
            return nil
        }
        var settings = termios()
        guard tcgetattr(fileDescriptor, &settings) == 0 else {
            return nil
        }
        let saved = settings
        cfmakeraw(&settings)
        guard tcsetattr(fileDescriptor, TCSANOW, &settings) == 0 else {
            return nil
        }
        return RawTerminal(fileDescriptor: fileDescriptor, saved: saved)
    }

    func restore() {
        var settings = self.saved
        _ = tcsetattr(self.fileDescriptor, TCSANOW, &settings)
    }
}
