import ArgumentParser
import BMC
import Foundation
import FoundryModel

/// How `foundry bmc` and `foundry console` reach a BMC: an address and credentials, or a host in the store.
struct BMCConnectionArguments: ParsableArguments {
    @Option(help: "The BMC address, as spec.bmc.address takes it (ipmi://127.0.0.1:16230, redfish+https://...).")
    var address: String?

    @Option(help: "The BMC user name.")
    var username: String?

    @Option(help: "A file holding the BMC password (a trailing newline is ignored).")
    var passwordFile: String?

    @Option(help: "Read the address and credentials of this BareMetalHost (and its Secret) from the store.")
    var host: String?

    @Option(help: "Seconds to wait for each answer before sending again.")
    var timeout: Double = 1

    @Option(help: "How many times a message is sent before the BMC counts as not answering.")
    var attempts: Int = 4

    @Flag(help: "Accept any TLS certificate (Redfish only), like spec.bmc.disableCertificateVerification.")
    var disableCertificateVerification = false

    func validate() throws {
        if self.host != nil {
            guard self.address == nil, self.username == nil, self.passwordFile == nil else {
                throw ValidationError("give either --host or --address/--username/--password-file, not both")
            }
        } else {
            guard self.address != nil, self.username != nil, self.passwordFile != nil else {
                throw ValidationError("give --address, --username and --password-file (or --host NAME)")
            }
        }
        guard self.timeout > 0, self.timeout <= 60 else {
            throw ValidationError("--timeout must be between 0 and 60 seconds")
        }
        guard (1...20).contains(self.attempts) else {
            throw ValidationError("--attempts must be between 1 and 20")
        }
    }

    var options: BMCConnectionOptions {
        BMCConnectionOptions(
            disableCertificateVerification: self.disableCertificateVerification,
            requestTimeout: .milliseconds(Int(self.timeout * 1000)), maxAttempts: self.attempts)
    }

    /// The address and credentials to use.
    func resolve() throws -> (BMCAddress, BMCCredentials) {
        if let host = self.host {
            throw ValidationError(
                "--host \(host): reading hosts from the store is not available yet; use --address, --username and --password-file"
            )
        }
        guard let text = self.address, let username = self.username, let passwordFile = self.passwordFile else {
            throw ValidationError("give --address, --username and --password-file")
        }
        let address: BMCAddress
        do {
            address = try BMCAddress.parse(text)
        } catch {
            throw BMCCommandFailure(BMCError(.invalidAddress, "--address \(text): \(error)"))
        }
        let password: String
        do {
            password = try String(contentsOfFile: passwordFile, encoding: .utf8)
        } catch {
            throw ValidationError("--password-file \(passwordFile): cannot read it (\(error.localizedDescription))")
        }
        let trimmed =
            password.hasSuffix("\r\n")
            ? String(password.dropLast(2))
            : password.hasSuffix("\n") ? String(password.dropLast()) : password
        return (address, BMCCredentials(username: username, password: trimmed))
    }

    func connect() async throws -> any BMCDriver {
        let (address, credentials) = try self.resolve()
        do {
            return try await BMCConnector.connect(address, credentials: credentials, options: self.options)
        } catch {
            throw BMCCommandFailure(error)
        }
    }
}

/// A BMC error as `foundry bmc` reports it: one line on stderr and an exit code per error kind.
struct BMCCommandFailure: Error, CustomStringConvertible {
    var error: BMCError

    init(_ error: BMCError) {
        self.error = error
    }

    var description: String { "\(self.error)" }

    /// Exit codes scripts can tell apart (1 and 64 stay with ArgumentParser's own errors).
    static func exitCode(for code: BMCError.Code) -> Int32 {
        switch code {
        case .unreachable: 3
        case .authenticationFailed: 4
        case .insufficientPrivilege: 5
        case .commandFailed: 6
        case .timeout: 7
        case .unsupported: 8
        case .protocolError: 9
        case .tlsVerificationFailed: 10
        case .invalidAddress: 11
        }
    }

    var exitCode: ExitCode {
        ExitCode(Self.exitCode(for: self.error.code))
    }
}
