import Foundation

/// What goes on the config drive (`openstack/latest/` of an ISO9660 labelled `config-2`).
public struct ConfigDriveContents: Codable, Sendable, Hashable {
    public var metaData: MetaData
    /// cloud-init or ignition user data, as given (it may be binary, e.g. gzip).
    public var userData: Data?
    /// `network_data.json`, as JSON text.
    public var networkData: String?

    public init(metaData: MetaData, userData: Data? = nil, networkData: String? = nil) {
        self.metaData = metaData
        self.userData = userData
        self.networkData = networkData
    }

    /// `meta_data.json`.
    public struct MetaData: Codable, Sendable, Hashable {
        public var uuid: String
        public var name: String
        public var hostname: String
        /// Key name to OpenSSH public key.
        public var publicKeys: [String: String]
        /// Further keys from the host's metaData secret (string values).
        public var extra: [String: String]?

        public init(
            uuid: String, name: String, hostname: String, publicKeys: [String: String] = [:],
            extra: [String: String]? = nil
        ) {
            self.uuid = uuid
            self.name = name
            self.hostname = hostname
            self.publicKeys = publicKeys
            self.extra = extra
        }
    }
}
