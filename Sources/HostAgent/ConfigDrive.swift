import AgentProtocol
import Foundation

/// The config drive OpenStack and cloud-init know: an ISO9660 filesystem labelled `config-2` with
/// `openstack/latest/meta_data.json`, `user_data` and `network_data.json`.
public enum ConfigDrive {
    public static let label = "config-2"
    /// Ironic's size for the partition holding it.
    public static let partitionBytes: Int64 = 64 << 20

    /// The ISO image for `contents`.
    public static func image(for contents: ConfigDriveContents, date: Date) throws(DiskFormatError) -> [UInt8] {
        var files = [
            ISO9660Image.File(path: "openstack/latest/meta_data.json", contents: try self.metaData(contents.metaData))
        ]
        if let userData = contents.userData {
            files.append(.init(path: "openstack/latest/user_data", contents: Array(userData)))
        }
        if let networkData = contents.networkData {
            guard (try? JSONSerialization.jsonObject(with: Data(networkData.utf8))) is [String: Any] else {
                throw DiskFormatError("config drive", "networkData is not a JSON object")
            }
            files.append(.init(path: "openstack/latest/network_data.json", contents: Array(networkData.utf8)))
        }
        let image = try ISO9660Image(volumeIdentifier: Self.label, files: files, date: date).build()
        guard Int64(image.count) <= Self.partitionBytes else {
            throw DiskFormatError(
                "config drive", "its \(image.count) bytes do not fit the \(Self.partitionBytes >> 20) MiB partition")
        }
        return image
    }

    static func metaData(_ metaData: ConfigDriveContents.MetaData) throws(DiskFormatError) -> [UInt8] {
        var object: [String: Any] = [:]
        for (key, value) in metaData.extra ?? [:] {
            object[key] = value
        }
        object["uuid"] = metaData.uuid
        object["name"] = metaData.name
        object["hostname"] = metaData.hostname
        object["public_keys"] = metaData.publicKeys
        do {
            return Array(
                try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        } catch {
            throw DiskFormatError("config drive", "meta_data.json cannot be written: \(error)")
        }
    }
}
