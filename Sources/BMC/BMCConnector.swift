import FoundryModel

/// Per-connection settings that come from the BareMetalHost or the command line.
public struct BMCConnectionOptions: Sendable, Hashable {
    /// `spec.bmc.disableCertificateVerification`: accept any TLS certificate (Redfish only).
    public var disableCertificateVerification: Bool
    /// How long one request may take before it is retried or fails.
    public var requestTimeout: Duration
    /// How many times a request is sent before giving up on a BMC that does not answer.
    public var maxAttempts: Int

    public init(
        disableCertificateVerification: Bool = false,
        requestTimeout: Duration = .seconds(5),
        maxAttempts: Int = 4
    ) {
        self.disableCertificateVerification = disableCertificateVerification
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
    }
}

/// The address-scheme registry: picks the driver for a `spec.bmc.address`.
public enum BMCConnector {
    public static func connect(
        _ address: BMCAddress,
        credentials: BMCCredentials,
        options: BMCConnectionOptions = BMCConnectionOptions()
    ) async throws(BMCError) -> any BMCDriver {
        switch address.driver {
        case .ipmi, .libvirt:
            let configuration = try IPMIDriver.Configuration.from(address: address, options: options)
            return try await IPMIDriver.connect(
                address: address, credentials: credentials, configuration: configuration)
        case .redfish, .redfishVirtualMedia, .redfishUEFIHTTP, .idracRedfish, .idracVirtualMedia, .ilo5Redfish,
            .ilo5VirtualMedia:
            return try await RedfishClient.connect(address, credentials: credentials, options: options)
        }
    }
}
