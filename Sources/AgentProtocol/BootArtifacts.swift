import Foundation

/// The interface between the operator's boot endpoints and whatever boots the agent (a real
/// server's iPXE firmware, or the simulator): paths, the iPXE script, the virtual-media ISO's
/// agent configuration. Both sides use these, so that they cannot drift apart.
///
/// - `GET /boot/ipxe/{mac}`: the iPXE script for the host with that boot MAC while it wants to
///   boot the agent; 404 otherwise (the host falls through to its disk).
/// - `GET /boot/iso/{isoID}.iso`: a per-host ISO9660 image labelled `FOUNDRY-AGENT` holding
///   `foundry/agent.json` (`AgentBootConfig`); `isoID` is random per minted token.
/// - `GET /images/{name}`: images the operator serves (local files, and a cache of remote ones).
public enum BootArtifacts {
    public static let ipxePathPrefix = "/boot/ipxe/"
    public static let isoPathPrefix = "/boot/iso/"
    public static let isoSuffix = ".iso"
    public static let kernelPath = "/boot/agent/vmlinuz"
    public static let initrdPath = "/boot/agent/initramfs"
    public static let imagesPathPrefix = "/images/"
    /// The ISO's volume identifier.
    public static let isoVolumeLabel = "FOUNDRY-AGENT"
    /// Where `AgentBootConfig` sits in the ISO.
    public static let agentConfigPath = "foundry/agent.json"
    /// The kernel parameters the agent reads from `/proc/cmdline`.
    public static let operatorParameter = "foundry.operator"
    public static let tokenParameter = "foundry.token"
    public static let bootInterfaceParameter = "BOOTIF"

    /// `{bootServer}/boot/ipxe/{mac}`, the MAC lower-case with colons.
    public static func ipxeURL(bootServer: String, mac: String) -> String {
        Self.trimmed(bootServer) + Self.ipxePathPrefix + (Self.normalizedMAC(mac) ?? mac.lowercased())
    }

    /// `{operatorURL}/boot/iso/{isoID}.iso`.
    public static func isoURL(operatorURL: String, isoID: String) -> String {
        Self.trimmed(operatorURL) + Self.isoPathPrefix + isoID + Self.isoSuffix
    }

    /// A MAC address in lower-case colon form, from colon or hyphen form; nil when it is not one.
    public static func normalizedMAC(_ text: String) -> String? {
        let octets = text.lowercased().split(separator: ":", omittingEmptySubsequences: false)
        let parts =
            octets.count == 6 ? octets : text.lowercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 6, parts.allSatisfy({ $0.count == 2 && UInt8($0, radix: 16) != nil }) else {
            return nil
        }
        return parts.joined(separator: ":")
    }

    static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}

/// A boot artifact (iPXE script, agent.json) that does not read.
public struct BootArtifactError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String {
        self.reason
    }
}

/// The iPXE script the operator serves per boot MAC:
/// ```
/// #!ipxe
/// kernel {operator}/boot/agent/vmlinuz foundry.operator={operatorURL} foundry.token={token} BOOTIF=01-{mac}
/// initrd {operator}/boot/agent/initramfs
/// boot
/// ```
public struct IPXEScript: Sendable, Hashable {
    /// Where the kernel and initramfs are fetched from (the operator's listener).
    public var bootServer: String
    /// The agent API the agent calls.
    public var operatorURL: String
    /// The one-time boot token. Never logged.
    public var token: String
    /// Lower-case, colon-separated.
    public var bootMAC: String

    public init(bootServer: String, operatorURL: String, token: String, bootMAC: String) {
        self.bootServer = BootArtifacts.trimmed(bootServer)
        self.operatorURL = BootArtifacts.trimmed(operatorURL)
        self.token = token
        self.bootMAC = BootArtifacts.normalizedMAC(bootMAC) ?? bootMAC.lowercased()
    }

    public var kernelParameters: [String: String] {
        [
            BootArtifacts.operatorParameter: self.operatorURL,
            BootArtifacts.tokenParameter: self.token,
            BootArtifacts.bootInterfaceParameter: "01-" + self.bootMAC.replacingOccurrences(of: ":", with: "-"),
        ]
    }

    /// The kernel command line, as `/proc/cmdline` shows it to the agent.
    public var kernelCommandLine: String {
        let parameters = self.kernelParameters
        return [BootArtifacts.operatorParameter, BootArtifacts.tokenParameter, BootArtifacts.bootInterfaceParameter]
            .map { "\($0)=\(parameters[$0] ?? "")" }
            .joined(separator: " ")
    }

    public func render() -> String {
        """
        #!ipxe
        kernel \(self.bootServer)\(BootArtifacts.kernelPath) \(self.kernelCommandLine)
        initrd \(self.bootServer)\(BootArtifacts.initrdPath)
        boot

        """
    }

    /// Reads a script as `render` writes it: the `kernel` line's URL and its `foundry.operator`,
    /// `foundry.token` and `BOOTIF` parameters.
    public init(parsing text: String) throws(BootArtifactError) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == "#!ipxe" else {
            throw BootArtifactError(reason: "iPXE script: the first line must be \"#!ipxe\"")
        }
        guard let kernel = lines.first(where: { $0.hasPrefix("kernel ") }) else {
            throw BootArtifactError(reason: "iPXE script: no \"kernel\" line")
        }
        let words = kernel.split(separator: " ").dropFirst().map(String.init)
        guard let kernelURL = words.first, kernelURL.hasSuffix(BootArtifacts.kernelPath) else {
            throw BootArtifactError(reason: "iPXE script: the kernel line does not name \(BootArtifacts.kernelPath)")
        }
        var parameters: [String: String] = [:]
        for word in words.dropFirst() {
            guard let equals = word.firstIndex(of: "=") else {
                continue
            }
            parameters[String(word[..<equals])] = String(word[word.index(after: equals)...])
        }
        func required(_ key: String) throws(BootArtifactError) -> String {
            guard let value = parameters[key], !value.isEmpty else {
                throw BootArtifactError(reason: "iPXE script: the kernel line lacks \(key)=")
            }
            return value
        }
        let operatorURL = try required(BootArtifacts.operatorParameter)
        let token = try required(BootArtifacts.tokenParameter)
        let bootInterface = try required(BootArtifacts.bootInterfaceParameter)
        let macText = bootInterface.hasPrefix("01-") ? String(bootInterface.dropFirst(3)) : bootInterface
        guard let mac = BootArtifacts.normalizedMAC(macText) else {
            throw BootArtifactError(reason: "iPXE script: BOOTIF=\(bootInterface) is not a MAC address")
        }
        self.init(
            bootServer: String(kernelURL.dropLast(BootArtifacts.kernelPath.count)),
            operatorURL: operatorURL, token: token, bootMAC: mac)
    }
}

/// `foundry/agent.json` on the per-host virtual-media ISO:
/// `{"version":1,"operatorURL":"...","token":"...","bootMAC":"..."}`.
public struct AgentBootConfig: Codable, Sendable, Hashable {
    public var version: Int
    public var operatorURL: String
    /// The one-time boot token. Never logged.
    public var token: String
    /// Lower-case, colon-separated.
    public var bootMAC: String

    public init(operatorURL: String, token: String, bootMAC: String) {
        self.version = AgentAPI.version
        self.operatorURL = operatorURL
        self.token = token
        self.bootMAC = bootMAC
    }

    public func encoded() throws(AgentProtocolError) -> Data {
        try AgentMessageCodec.encode(self)
    }

    /// Decodes and checks the file: version, non-empty token and URL, a MAC address.
    public static func decode(_ data: Data) throws(AgentProtocolError) -> AgentBootConfig {
        let config = try AgentMessageCodec.decode(AgentBootConfig.self, from: data)
        guard !config.operatorURL.isEmpty else {
            throw AgentProtocolError(reason: "\(BootArtifacts.agentConfigPath): operatorURL is empty")
        }
        guard !config.token.isEmpty else {
            throw AgentProtocolError(reason: "\(BootArtifacts.agentConfigPath): token is empty")
        }
        guard BootArtifacts.normalizedMAC(config.bootMAC) != nil else {
            throw AgentProtocolError(
                reason: "\(BootArtifacts.agentConfigPath): bootMAC \"\(config.bootMAC)\" is not a MAC address")
        }
        return config
    }
}
