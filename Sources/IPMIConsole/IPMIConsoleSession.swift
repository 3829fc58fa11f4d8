import CIPMIConsole
import Foundation
import Synchronization

/// A Serial-over-LAN console opened through FreeIPMI's libipmiconsole. The library runs the IPMI
/// session on its own engine threads and hands back a file descriptor: reading it yields the
/// server's serial output, writing it types on the serial line.
public final class IPMIConsoleSession: Sendable {
    public struct Configuration: Sendable {
        public enum Privilege: Sendable {
            case user, `operator`, administrator
        }

        public var host: String
        public var port: Int
        public var username: String
        public var password: String
        public var privilege: Privilege
        /// 3 or 17.
        public var cipherSuite: Int
        /// How long the library waits for the BMC before giving up on the session.
        public var sessionTimeout: Duration
        public var retransmissionTimeout: Duration

        public init(
            host: String, port: Int = 623, username: String, password: String, privilege: Privilege = .administrator,
            cipherSuite: Int = 3, sessionTimeout: Duration = .seconds(20),
            retransmissionTimeout: Duration = .milliseconds(500)
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.privilege = privilege
            self.cipherSuite = cipherSuite
            self.sessionTimeout = sessionTimeout
            self.retransmissionTimeout = retransmissionTimeout
        }
    }

    /// The library context's address; destroyed once by `close()`. Its engine threads own it meanwhile.
    private let context: Mutex<UInt?>
    public let fileDescriptor: Int32

    private init(context: OpaquePointer, fileDescriptor: Int32) {
        self.context = Mutex(UInt(bitPattern: context))
        self.fileDescriptor = fileDescriptor
    }

    /// Opens the session and activates SOL; returns once the console is established.
    public static func open(_ configuration: Configuration) async throws(IPMIConsoleError) -> IPMIConsoleSession {
        try IPMIConsoleEngine.retain()
        do throws(IPMIConsoleError) {
            let context = try Self.createContext(configuration)
            let address = UInt(bitPattern: context)
            let result: Int32 = await withCheckedContinuation { continuation in
                // submit_block waits for the SOL handshake: keep it off the cooperative thread pool.
                Thread.detachNewThread {
                    let pointer = OpaquePointer(bitPattern: address)
                    continuation.resume(returning: ipmiconsole_engine_submit_block(pointer))
                }
            }
            guard result == 0 else {
                let error = Self.error(of: context)
                ipmiconsole_ctx_destroy(context)
                throw error
            }
            let fd = ipmiconsole_ctx_fd(context)
            guard fd >= 0 else {
                let error = Self.error(of: context)
                ipmiconsole_ctx_destroy(context)
                throw error
            }
            return IPMIConsoleSession(context: context, fileDescriptor: fd)
        } catch {
            IPMIConsoleEngine.release()
            throw error
        }
    }

    /// Sends a serial break.
    public func sendBreak() {
        self.context.withLock { address in
            if let address, let context = OpaquePointer(bitPattern: address) {
                _ = ipmiconsole_ctx_generate_break(context)
            }
        }
    }

    /// Deactivates SOL, closes the session and frees the context. Safe to call more than once.
    public func close() {
        let address = self.context.withLock { address in
            defer { address = nil }
            return address
        }
        guard let address, let context = OpaquePointer(bitPattern: address) else {
            return
        }
        ipmiconsole_ctx_destroy(context)
        IPMIConsoleEngine.release()
    }

    deinit {
        self.close()
    }

    private static func createContext(_ configuration: Configuration) throws(IPMIConsoleError) -> OpaquePointer {
        guard configuration.cipherSuite == 3 || configuration.cipherSuite == 17 else {
            throw IPMIConsoleError(.invalidConfiguration, "cipher suite \(configuration.cipherSuite): use 3 or 17")
        }
        let privilege: Int32
        switch configuration.privilege {
        case .user: privilege = IPMICONSOLE_PRIVILEGE_USER
        case .operator: privilege = IPMICONSOLE_PRIVILEGE_OPERATOR
        case .administrator: privilege = IPMICONSOLE_PRIVILEGE_ADMIN
        }
        let host = "\(configuration.host):\(configuration.port)"
        let context: OpaquePointer? = configuration.username.withCString { username in
            configuration.password.withCString { password in
                var ipmi = ipmiconsole_ipmi_config(
                    username: UnsafeMutablePointer(mutating: username),
                    password: UnsafeMutablePointer(mutating: password),
                    k_g: nil, k_g_len: 0, privilege_level: privilege, cipher_suite_id: Int32(configuration.cipherSuite),
                    workaround_flags: 0)
                var protocolConfig = ipmiconsole_protocol_config(
                    session_timeout_len: Int32(configuration.sessionTimeout.milliseconds),
                    retransmission_timeout_len: Int32(configuration.retransmissionTimeout.milliseconds),
                    retransmission_backoff_count: -1, keepalive_timeout_len: -1,
                    retransmission_keepalive_timeout_len: -1, acceptable_packet_errors_count: -1,
                    maximum_retransmission_count: -1)
                var engine = ipmiconsole_engine_config(engine_flags: 0, behavior_flags: 0, debug_flags: 0)
                return ipmiconsole_ctx_create(host, &ipmi, &protocolConfig, &engine)
            }
        }
        guard let context else {
            let reason = String(cString: strerror(errno))
            throw IPMIConsoleError(.invalidConfiguration, "cannot set up a console for \(host): \(reason)")
        }
        return context
    }

    private static func error(of context: OpaquePointer) -> IPMIConsoleError {
        let number = ipmiconsole_ctx_errnum(context)
        let message = ipmiconsole_ctx_errormsg(context).map { String(cString: $0) } ?? "error \(number)"
        let kind: IPMIConsoleError.Kind
        switch number {
        case IPMICONSOLE_ERR_USERNAME_INVALID, IPMICONSOLE_ERR_PASSWORD_INVALID, IPMICONSOLE_ERR_K_G_INVALID:
            kind = .authenticationFailed
        case IPMICONSOLE_ERR_PRIVILEGE_LEVEL_INSUFFICIENT, IPMICONSOLE_ERR_PRIVILEGE_LEVEL_CANNOT_BE_OBTAINED:
            kind = .insufficientPrivilege
        case IPMICONSOLE_ERR_SOL_UNAVAILABLE, IPMICONSOLE_ERR_SOL_INUSE, IPMICONSOLE_ERR_SOL_STOLEN,
            IPMICONSOLE_ERR_SOL_REQUIRES_ENCRYPTION, IPMICONSOLE_ERR_SOL_REQUIRES_NO_ENCRYPTION:
            kind = .solUnavailable
        case IPMICONSOLE_ERR_CONNECTION_TIMEOUT:
            kind = .unreachable
        case IPMICONSOLE_ERR_SESSION_TIMEOUT, IPMICONSOLE_ERR_EXCESS_RETRANSMISSIONS_SENT:
            kind = .timeout
        case IPMICONSOLE_ERR_HOSTNAME_INVALID, IPMICONSOLE_ERR_PARAMETERS, IPMICONSOLE_ERR_CIPHER_SUITE_ID_UNAVAILABLE:
            kind = .invalidConfiguration
        default:
            kind = .failed
        }
        return IPMIConsoleError(kind, message, libraryErrorNumber: number)
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = self.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

/// libipmiconsole's engine is process-wide: started with the first console and torn down after the last.
enum IPMIConsoleEngine {
    private static let users = Mutex(0)

    static func retain() throws(IPMIConsoleError) {
        let failed: Bool = self.users.withLock { users in
            if users == 0, ipmiconsole_engine_init(1, 0) < 0 {
                return true
            }
            users += 1
            return false
        }
        if failed {
            throw IPMIConsoleError(
                .failed, "libipmiconsole engine failed to start: \(String(cString: strerror(errno)))")
        }
    }

    static func release() {
        self.users.withLock { users in
            users -= 1
            if users == 0 {
                ipmiconsole_engine_teardown(1)
            }
        }
    }
}
