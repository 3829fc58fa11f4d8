import Foundation
import FoundryModel
import Yams

/// The BareMetalHost and Secret manifests that describe a fleet's servers to Foundry (or Metal3).
public enum FleetManifests {
    public static let loopback = "127.0.0.1"

    /// The `spec.bmc.address` of a server whose IPMI and Redfish endpoints listen on these ports.
    public static func bmcAddress(for config: ServerConfig, ipmiPort: Int, redfishPort: Int) -> String {
        let scheme = config.bmcScheme
        let driver = BMCAddress.Driver(rawValue: scheme.split(separator: "+").first.map(String.init) ?? scheme)
        if let driver, driver.isRedfish {
            return "\(scheme)://\(self.loopback):\(redfishPort)\(config.redfishSystemPath ?? "/redfish/v1/Systems/1")"
        }
        return "\(scheme)://\(self.loopback):\(ipmiPort)"
    }

    /// Whether the server's manifest address is a Redfish one (its port is then the Redfish port).
    public static func isRedfish(_ config: ServerConfig) -> Bool {
        let base = config.bmcScheme.split(separator: "+").first.map(String.init) ?? config.bmcScheme
        return BMCAddress.Driver(rawValue: base)?.isRedfish ?? false
    }

    public static func secretName(for config: ServerConfig) -> String {
        "\(config.name)-bmc-secret"
    }

    /// A host and its credentials Secret.
    public static func manifests(
        for config: ServerConfig, ipmiPort: Int, redfishPort: Int, namespace: String? = nil
    ) -> (BareMetalHost, Secret) {
        let user = config.users.first ?? SimUser(name: "admin", password: "password", privilege: .administrator)
        let secret = Secret(
            metadata: ObjectMeta(name: self.secretName(for: config), namespace: namespace),
            stringData: ["username": user.name, "password": user.password])
        var spec = BareMetalHostSpec(
            online: true,
            bmc: BMCDetails(
                address: self.bmcAddress(for: config, ipmiPort: ipmiPort, redfishPort: redfishPort),
                credentialsName: secret.metadata.name,
                disableCertificateVerification: self.isRedfish(config) && !config.bmcScheme.hasSuffix("+http")
                    ? true : nil),
            bootMACAddress: config.macAddress(nic: 0))
        spec.bootMode = config.defaultBootMode == .uefi ? .uefi : .legacy
        spec.description = "simulated by foundry sim (fleet \(config.fleet))"
        let host = BareMetalHost(
            metadata: ObjectMeta(
                name: config.name, namespace: namespace, labels: config.labels.isEmpty ? nil : config.labels),
            spec: spec)
        return (host, secret)
    }

    /// A multi-document YAML stream: each host followed by its Secret.
    public static func yaml(_ pairs: [(BareMetalHost, Secret)]) throws -> String {
        let encoder = YAMLEncoder()
        var documents: [String] = []
        for (host, secret) in pairs {
            documents.append(try encoder.encode(host))
            documents.append(try encoder.encode(secret))
        }
        return documents.map { "---\n" + $0 }.joined()
    }
}
