import FoundryModel
import IPMIWire
import NIOCore
import NIOPosix

/// A BMC driven over IPMI v2.0 / RMCP+ (lanplus): the driver behind `ipmi://` and `libvirt://` addresses.
///
/// One session per BMC, opened on the first call and reused; commands run one at a time; an idle
/// session is kept alive, and a session the BMC has dropped is opened again transparently.
public final class IPMIDriver: BMCDriver {
    public struct Configuration: Sendable {
        public var privilege: PrivilegeLevel
        /// Strongest first; the BMC's refusal of one moves to the next.
        public var cipherSuites: [CipherSuite]
        /// Time to wait for each answer before sending again.
        public var attemptTimeout: Duration
        public var maxAttempts: Int
        public var keepaliveInterval: Duration

        public init(
            privilege: PrivilegeLevel = .administrator, cipherSuites: [CipherSuite] = CipherSuite.supported,
            attemptTimeout: Duration = .seconds(1), maxAttempts: Int = 4, keepaliveInterval: Duration = .seconds(20)
        ) {
            self.privilege = privilege
            self.cipherSuites = cipherSuites
            self.attemptTimeout = attemptTimeout
            self.maxAttempts = maxAttempts
            self.keepaliveInterval = keepaliveInterval
        }

        /// Settings from the address (`?privilegelevel=OPERATOR`, `?ciphersuite=3`) and the connection options.
        public static func from(address: BMCAddress, options: BMCConnectionOptions) throws(BMCError) -> Configuration {
            var configuration = Configuration(
                attemptTimeout: options.requestTimeout, maxAttempts: max(1, options.maxAttempts))
            for item in address.query.split(separator: "&") {
                let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else {
                    continue
                }
                switch pair[0].lowercased() {
                case "privilegelevel":
                    guard let level = PrivilegeLevel(name: pair[1]), level != .highest else {
                        throw BMCError(
                            .invalidAddress, "privilegelevel=\(pair[1]): expected USER, OPERATOR or ADMINISTRATOR")
                    }
                    configuration.privilege = level
                case "ciphersuite":
                    guard let id = UInt8(pair[1]), let suite = CipherSuite.withID(id) else {
                        throw BMCError(.invalidAddress, "ciphersuite=\(pair[1]): Foundry speaks cipher suites 3 and 17")
                    }
                    configuration.cipherSuites = [suite]
                default:
                    continue
                }
            }
            return configuration
        }
    }

    public let address: BMCAddress
    private let channel: any Channel

    private init(address: BMCAddress, channel: any Channel) {
        self.address = address
        self.channel = channel
    }

    /// Opens the UDP socket; the session itself is opened by the first call.
    public static func connect(
        address: BMCAddress, credentials: BMCCredentials, configuration: Configuration,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(BMCError) -> IPMIDriver {
        let username = Array(credentials.username.utf8)
        let password = Array(credentials.password.utf8)
        guard username.count <= RAKPMessage1.maxUsernameLength else {
            throw BMCError(.authenticationFailed, "IPMI user names are at most 16 bytes")
        }
        guard password.count <= RAKPCrypto.maxKeyLength else {
            throw BMCError(.authenticationFailed, "IPMI v2.0 passwords are at most 20 bytes")
        }
        guard !configuration.cipherSuites.isEmpty else {
            throw BMCError(.invalidAddress, "no cipher suite to offer")
        }
        let remote: SocketAddress
        do {
            remote = try SocketAddress.makeAddressResolvingHost(address.host, port: address.port)
        } catch {
            throw BMCError(.unreachable, "cannot resolve \(address.host): \(error)")
        }
        let sessionConfiguration = IPMISessionStateMachine.Configuration(
            username: username, password: password, privilege: configuration.privilege,
            cipherSuites: configuration.cipherSuites, maxAttempts: configuration.maxAttempts)
        do {
            let channel = try await DatagramBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            IPMIClientHandler(
                                configuration: sessionConfiguration, remote: remote,
                                attemptTimeout: TimeAmount(configuration.attemptTimeout),
                                keepaliveInterval: TimeAmount(configuration.keepaliveInterval)))
                    }
                }
                .connect(to: remote).get()
            return IPMIDriver(address: address, channel: channel)
        } catch {
            throw BMCError(.unreachable, "cannot open a UDP socket to \(address.hostAndPort): \(error)")
        }
    }

    /// Sends one command and returns the BMC's response, whatever its completion code.
    public func send(_ command: IPMICommand, data: [UInt8] = []) async throws(BMCError) -> IPMIResponse {
        let promise = self.channel.eventLoop.makePromise(of: IPMIResponse.self)
        self.channel.writeAndFlush(
            IPMIClientOperation.command(IPMISessionStateMachine.Command(command: command, data: data), promise),
            promise: nil)
        do {
            return try await promise.futureResult.get()
        } catch let error as BMCError {
            throw BMCError(error.code, "\(self.address.hostAndPort): \(error.message)", bmcCode: error.bmcCode)
        } catch {
            throw BMCError(.unreachable, "\(self.address.hostAndPort): \(error)")
        }
    }

    /// Sends one command and returns its data, turning a failure completion code into an error.
    public func call(_ command: IPMICommand, data: [UInt8] = []) async throws(BMCError) -> [UInt8] {
        let response = try await self.send(command, data: data)
        switch response.completionCode {
        case .success:
            return response.data
        case .insufficientPrivilege:
            throw BMCError(
                .insufficientPrivilege,
                "\(self.address.hostAndPort): \(command) needs more privilege than the session holds",
                bmcCode: Int(response.completionCode.rawValue))
        default:
            throw BMCError(
                .commandFailed, "\(self.address.hostAndPort): \(command) failed: \(response.completionCode)",
                bmcCode: Int(response.completionCode.rawValue))
        }
    }

    /// The cipher suite the current session uses (nil before the first call).
    public var cipherSuite: CipherSuite? {
        get async {
            try? await self.channel.pipeline.handler(type: IPMIClientHandler.self).map { $0.negotiatedSuite }.get()
        }
    }

    public func close() async {
        let promise = self.channel.eventLoop.makePromise(of: Void.self)
        self.channel.writeAndFlush(IPMIClientOperation.close(promise), promise: nil)
        try? await promise.futureResult.get()
        try? await self.channel.close()
    }
}
