import Foundation

/// Test data kept next to the tests (excluded from the target's sources).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static let metal3Names = [
        "bmh-bare-address-worker-99.yaml",
        "bmh-ipmi-example-host.yaml",
        "bmh-libvirt-worker-0.yaml",
    ]

    static func metal3(_ name: String) throws -> Data {
        try Data(contentsOf: self.directory.appendingPathComponent("metal3").appendingPathComponent(name))
    }

    /// The repository root (two levels above this file's folder).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}
