import Foundation

/// A parsed `spec.bmc.address`, with the schemes Metal3 users already write.
///
/// A bare `host` or `host:port` means IPMI on port 623. Every Redfish-family scheme also comes as
/// `+http` / `+https` (https by default); its URL path is the Redfish system, when given.
public struct BMCAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Driver: String, Sendable, Hashable, CaseIterable {
        case ipmi
        case libvirt
        case redfish
        case redfishVirtualMedia = "redfish-virtualmedia"
        case redfishUEFIHTTP = "redfish-uefihttp"
        case idracRedfish = "idrac-redfish"
        case idracVirtualMedia = "idrac-virtualmedia"
        case ilo5Redfish = "ilo5-redfish"
        case ilo5VirtualMedia = "ilo5-virtualmedia"

        /// Whether the driver talks Redfish over HTTP(S) (as opposed to IPMI over UDP).
        public var isRedfish: Bool {
            switch self {
            case .ipmi, .libvirt: false
            case .redfish, .redfishVirtualMedia, .redfishUEFIHTTP, .idracRedfish, .idracVirtualMedia,
                .ilo5Redfish, .ilo5VirtualMedia:
                true
            }
        }

        public var bootMethod: BootMethod {
            switch self {
            case .ipmi, .libvirt, .redfish, .idracRedfish, .ilo5Redfish: .pxe
            case .redfishVirtualMedia, .idracVirtualMedia, .ilo5VirtualMedia: .virtualMedia
            case .redfishUEFIHTTP: .uefiHTTP
            }
        }

        /// libvirt (VirtualBMC) cannot tell which NIC boots, so the host must name it.
        public var needsBootMAC: Bool {
            self == .libvirt
        }
    }

    public enum BootMethod: String, Sendable, Hashable {
        case pxe
        case virtualMedia = "virtual-media"
        case uefiHTTP = "uefi-http"
    }

    public enum Transport: String, Sendable, Hashable {
        case http
        case https
    }

    /// The scheme as written, e.g. `redfish-virtualmedia+http`; `ipmi` for a bare address.
    public var scheme: String
    public var driver: Driver
    /// `nil` for IPMI drivers.
    public var transport: Transport?
    /// The host, without IPv6 brackets.
    public var host: String
    public var port: Int
    /// The URL path (`/redfish/v1/Systems/1`), or "" when none was given.
    public var path: String
    /// The query string without `?` (`privilegelevel=OPERATOR` for IPMI), or "" when none.
    public var query: String

    public static let defaultIPMIPort = 623

    public var isIPv6: Bool {
        self.host.contains(":")
    }

    /// `host:port`, with IPv6 literals bracketed.
    public var hostAndPort: String {
        (self.isIPv6 ? "[\(self.host)]" : self.host) + ":\(self.port)"
    }

    /// The Redfish system path when the address names one (not empty, not just `/redfish/v1`).
    public var redfishSystemPath: String? {
        let trimmed = self.path.hasSuffix("/") ? String(self.path.dropLast()) : self.path
        if trimmed.isEmpty || trimmed == "/redfish/v1" {
            return nil
        }
        return trimmed
    }

    /// `https://host:port` for Redfish drivers.
    public var baseURL: String? {
        guard let transport = self.transport else {
            return nil
        }
        return "\(transport.rawValue)://\(self.hostAndPort)"
    }

    public var description: String {
        var text = "\(self.scheme)://\(self.hostAndPort)\(self.path)"
        if !self.query.isEmpty {
            text += "?\(self.query)"
        }
        return text
    }

    public init(
        driver: Driver,
        transport: Transport? = nil,
        host: String,
        port: Int? = nil,
        path: String = "",
        query: String = ""
    ) {
        self.driver = driver
        self.transport = driver.isRedfish ? (transport ?? .https) : nil
        var scheme = driver.rawValue
        if driver.isRedfish, let transport {
            scheme += "+\(transport.rawValue)"
        }
        self.scheme = scheme
        self.host = host
        self.port = port ?? BMCAddress.defaultPort(driver: driver, transport: self.transport)
        self.path = path
        self.query = query
    }

    static func defaultPort(driver: Driver, transport: Transport?) -> Int {
        switch transport {
        case .none: defaultIPMIPort
        case .http: 80
        case .https: 443
        }
    }
}

public struct BMCAddressError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}

extension BMCAddress {
    public static var knownSchemes: [String] {
        Driver.allCases.map(\.rawValue)
    }

    /// Parses an address as Metal3 does; the error says what is wrong with it.
    public static func parse(_ text: String) throws(BMCAddressError) -> BMCAddress {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw BMCAddressError("address is empty")
        }
        guard let schemeEnd = trimmed.range(of: "://") else {
            return try parseBare(trimmed)
        }
        let scheme = String(trimmed[..<schemeEnd.lowerBound]).lowercased()
        let (driver, transport) = try parseScheme(scheme)
        let rest = trimmed[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let (host, port) = try parseAuthority(String(rest[..<authorityEnd]))
        var remainder = rest[authorityEnd...]
        var query = ""
        if let q = remainder.firstIndex(of: "?") {
            query = String(remainder[remainder.index(after: q)...])
            remainder = remainder[..<q]
        }
        var address = BMCAddress(driver: driver, transport: transport, host: host, port: port, query: query)
        address.path = String(remainder)
        if !driver.isRedfish, !address.path.isEmpty, address.path != "/" {
            throw BMCAddressError("\(driver.rawValue) address takes no path (got \"\(address.path)\")")
        }
        if !driver.isRedfish {
            address.path = ""
            _ = try address.checkedIPMIPrivilegeLevel()
        }
        return address
    }

    /// IPMI privilege levels a `?privilegelevel=` query may ask for (Ironic's `ipmi_priv_level`).
    public enum IPMIPrivilegeLevel: String, Sendable, Hashable, CaseIterable {
        case administrator = "ADMINISTRATOR"
        case `operator` = "OPERATOR"
        case user = "USER"
        case callback = "CALLBACK"
    }

    /// The privilege level an IPMI address asks for: `ADMINISTRATOR` unless its query says otherwise.
    public var ipmiPrivilegeLevel: IPMIPrivilegeLevel {
        (try? self.checkedIPMIPrivilegeLevel()) ?? .administrator
    }

    private func checkedIPMIPrivilegeLevel() throws(BMCAddressError) -> IPMIPrivilegeLevel {
        for item in self.query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0].lowercased() == "privilegelevel" else {
                continue
            }
            let value = parts.count == 2 ? String(parts[1]) : ""
            guard let level = IPMIPrivilegeLevel(rawValue: value.uppercased()) else {
                let known = IPMIPrivilegeLevel.allCases.map(\.rawValue).joined(separator: ", ")
                throw BMCAddressError("unsupported IPMI privilege level \"\(value)\" (known: \(known))")
            }
            return level
        }
        return .administrator
    }

    private static func parseScheme(_ scheme: String) throws(BMCAddressError) -> (Driver, Transport?) {
        var base = scheme
        var transport: Transport?
        if let plus = scheme.firstIndex(of: "+") {
            base = String(scheme[..<plus])
            let suffix = String(scheme[scheme.index(after: plus)...])
            guard let parsed = Transport(rawValue: suffix) else {
                throw BMCAddressError("unsupported transport \"+\(suffix)\" (known: +http, +https)")
            }
            transport = parsed
        }
        guard let driver = Driver(rawValue: base) else {
            let known = knownSchemes.joined(separator: ", ")
            throw BMCAddressError("unsupported scheme \"\(scheme)\" (known: \(known))")
        }
        if transport != nil, !driver.isRedfish {
            throw BMCAddressError("scheme \"\(scheme)\": +http/+https applies to Redfish schemes only")
        }
        return (driver, transport)
    }

    private static func parseBare(_ text: String) throws(BMCAddressError) -> BMCAddress {
        // A bare IPv6 literal has several colons and no brackets: the whole string is the host.
        if !text.hasPrefix("["), text.filter({ $0 == ":" }).count > 1 {
            try checkHost(text)
            return BMCAddress(driver: .ipmi, host: text)
        }
        let (host, port) = try parseAuthority(text)
        return BMCAddress(driver: .ipmi, host: host, port: port)
    }

    private static func parseAuthority(_ authority: String) throws(BMCAddressError) -> (String, Int?) {
        guard !authority.isEmpty else {
            throw BMCAddressError("address has no host")
        }
        if authority.contains("@") {
            throw BMCAddressError("credentials belong in the Secret named by credentialsName, not in the address")
        }
        var host: String
        var portText: String?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw BMCAddressError("IPv6 literal \"\(authority)\" lacks a closing \"]\"")
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw BMCAddressError("unexpected \"\(after)\" after IPv6 literal")
                }
                portText = String(after.dropFirst())
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = String(authority[authority.index(after: colon)...])
        } else {
            host = authority
        }
        try checkHost(host)
        guard let portText else {
            return (host, nil)
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw BMCAddressError("invalid port \"\(portText)\" (expected 1-65535)")
        }
        return (host, port)
    }

    private static func checkHost(_ host: String) throws(BMCAddressError) {
        guard !host.isEmpty else {
            throw BMCAddressError("address has no host")
        }
        if host.contains(":") {
            guard IPv6Literal.isValid(host) else {
                throw BMCAddressError("invalid IPv6 address \"\(host)\"")
            }
            return
        }
        // All-numeric dotted names can only be IPv4 addresses (no top-level domain is numeric).
        if host.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            let octets = host.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 && (Int($0) ?? 256) <= 255 })
            else {
                throw BMCAddressError("invalid IPv4 address \"\(host)\"")
            }
            return
        }
        guard DNSName.isValidHostname(host) else {
            throw BMCAddressError("invalid host \"\(host)\" (expected an IP address or a DNS name)")
        }
    }
}

enum IPv6Literal {
    static func isValid(_ text: String) -> Bool {
        // Zone ids (fe80::1%eth0) are allowed after the address.
        let address = text.split(separator: "%", maxSplits: 1).first.map(String.init) ?? text
        let halves = address.components(separatedBy: "::")
        guard halves.count <= 2 else {
            return false
        }
        let groups = halves.flatMap { $0.isEmpty ? [] : $0.split(separator: ":", omittingEmptySubsequences: false) }
        let hexGroups = groups.filter { !$0.contains(".") }
        guard hexGroups.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) }) else {
            return false
        }
        let limit = halves.count == 2 ? 7 : 8
        return groups.count <= limit && (halves.count == 2 || groups.count == 8)
    }
}

enum DNSName {
    /// An IPv4 address or an RFC 1123 host name.
    static func isValidHostname(_ text: String) -> Bool {
        guard text.count <= 253 else {
            return false
        }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard (1...63).contains(label.count), let first = label.first, let last = label.last else {
                return false
            }
            return first.isLetterOrDigitASCII && last.isLetterOrDigitASCII
                && label.allSatisfy { $0.isLetterOrDigitASCII || $0 == "-" || $0 == "_" }
        }
    }
}

extension Character {
    var isLetterOrDigitASCII: Bool {
        self.isASCII && (self.isLetter || self.isNumber)
    }
}
