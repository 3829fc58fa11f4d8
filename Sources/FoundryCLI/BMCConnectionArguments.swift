import ArgumentParser
import BMC
import Foundation
import FoundryModel
import FoundryStore

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

    @Option(help: "The namespace of --host.")
    var namespace = ObjectMeta.defaultNamespace

    @Option(
        help:
            "The store --host is read from: sqlite:PATH or memory: (default: $FOUNDRY_STORE, else the per-user store).")
    var store: String?

    @Option(help: "The store's encryption key file (default: the database path plus .key).")
    var storeKeyFile: String?

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

    /// The address, credentials and options to use.
    func resolve() async throws -> (BMCAddress, BMCCredentials, BMCConnectionOptions) {
        if let host = self.host {
            return try await self.resolveFromStore(host: host)
        }
        let (address, credentials) = try self.resolveFromArguments()
        return (address, credentials, self.options)
    }

    private func resolveFromArguments() throws -> (BMCAddress, BMCCredentials) {
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

    /// The BareMetalHost's `spec.bmc` and the username and password of the Secret it names.
    private func resolveFromStore(host name: String) async throws -> (BMCAddress, BMCCredentials, BMCConnectionOptions)
    {
        let location: StoreLocation
        do {
            location = try StoreLocation.resolve(option: self.store)
        } catch {
            throw ValidationError("--store: \(error)")
        }
        let store: any ResourceStore
        do {
            store = try await location.open(encryptionKeyFile: self.storeKeyFile)
        } catch {
            throw ValidationError("cannot open the store \(location): \(error)")
        }
        let key = "\(self.namespace)/\(name)"
        let host: BareMetalHost
        do {
            host = try await store.get(BareMetalHost.self, namespace: self.namespace, name: name)
        } catch {
            await store.close()
            throw ValidationError("BareMetalHost \(key) in \(location): \(error)")
        }
        guard let bmc = host.spec.bmc else {
            await store.close()
            throw ValidationError("BareMetalHost \(key) has no spec.bmc")
        }
        let secret: Secret
        do {
            secret = try await store.get(Secret.self, namespace: self.namespace, name: bmc.credentialsName)
        } catch {
            await store.close()
            throw ValidationError("Secret \(self.namespace)/\(bmc.credentialsName) of BareMetalHost \(key): \(error)")
        }
        await store.close()
        guard let username = secret.string(forKey: "username"), let password = secret.string(forKey: "password") else {
            throw ValidationError("Secret \(self.namespace)/\(bmc.credentialsName) lacks a username or password key")
        }
        let address: BMCAddress
        do {
            address = try BMCAddress.parse(bmc.address)
        } catch {
            throw BMCCommandFailure(BMCError(.invalidAddress, "BareMetalHost \(key) spec.bmc.address: \(error)"))
        }
        var options = self.options
        options.disableCertificateVerification =
            self.disableCertificateVerification || bmc.disableCertificateVerification == true
        return (address, BMCCredentials(username: username, password: password), options)
    }

    func connect() async throws -> any BMCDriver {
        let (address, credentials, options) = try await self.resolve()
        do {
            return try await BMCConnector.connect(address, credentials: credentials, options: options)
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
