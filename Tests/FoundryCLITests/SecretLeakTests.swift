import Foundation
import FoundryCLI
import FoundryModel
import FoundryStore
import TestSupport
import Testing

/// No secret value in plain text in the database file, any CLI output, or the logs: every
/// command that can touch a Secret runs, and its output, the database, its WAL and the key-less
/// files are searched for the value (plain and base64).
@Suite("Secrets never leak")
struct SecretLeakTests {
    static let password = "Zq7-leak-canary-Pw0rd"
    static let username = "canary-admin-user"

    static var needles: [(String, Data)] {
        [Self.password, Self.username].flatMap { value in
            [
                ("plain \(value)", Data(value.utf8)),
                ("base64 \(value)", Data(Data(value.utf8).base64EncodedString().utf8)),
            ]
        }
    }

    static let manifest = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: canary-bmc
          labels: {rack: r9}
        type: Opaque
        data:
          username: \(Data(username.utf8).base64EncodedString())
        stringData:
          password: \(password)
        ---
        apiVersion: metal3.io/v1alpha1
        kind: BareMetalHost
        metadata:
          name: canary
        spec:
          online: true
          bmc:
            address: redfish://127.0.0.1:8000/redfish/v1/Systems/1
            credentialsName: canary-bmc

        """

    @Test func noCommandPrintsASecretAndTheDatabaseHoldsNone() async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        let file = try harness.file("canary.yaml", Self.manifest)
        var outputs: [(String, String)] = []
        let commands: [[String]] = [
            ["apply", "-f", file],
            ["apply", "-f", file],
            ["get", "secret"], ["get", "secret", "-o", "wide"], ["get", "secret", "-o", "yaml"],
            ["get", "secret", "-o", "json"], ["get", "secret", "canary-bmc", "-o", "yaml"],
            ["get", "secret", "canary-bmc", "-o", "json"], ["get", "secret", "-o", "name"],
            ["get", "secret", "-A", "-o", "yaml"], ["describe", "secret", "canary-bmc"],
            ["describe", "bmh", "canary"], ["get", "bmh", "-o", "yaml"],
            ["get", "secret", "canary-bmc", "missing-one", "-o", "yaml"],
        ]
        for command in commands {
            let result = try await harness.run(command)
            outputs.append((command.joined(separator: " "), result.combined))
        }
        // A bad update of the Secret: the error must name the field, not echo the value.
        let broken = Self.manifest.replacingOccurrences(
            of: Data(Self.username.utf8).base64EncodedString(), with: Self.username + "!")
        let rejected = try await harness.run(["apply", "-f", try harness.file("broken.yaml", broken)])
        #expect(rejected.status != 0)
        outputs.append(("apply broken", rejected.combined))
        let yaml = outputs.first { $0.0 == "get secret canary-bmc -o yaml" }?.1 ?? ""
        #expect(yaml.contains("password: \"<redacted>\""), "\(yaml)")
        #expect(yaml.contains("username: \"<redacted>\""), "\(yaml)")
        let described = outputs.first { $0.0 == "describe secret canary-bmc" }?.1 ?? ""
        #expect(described.contains("password:  \(Self.password.utf8.count) bytes"), "\(described)")

        for (command, output) in outputs {
            for (what, needle) in Self.needles {
                #expect(!Data(output.utf8).contains(needle), "\(what) in the output of foundry \(command)")
            }
        }
        var files: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: harness.directory.path)
        where name.hasPrefix("foundry.db") && !name.hasSuffix(".key") {
            files.append(name)
            let bytes = try Data(contentsOf: harness.directory.file(name))
            for (what, needle) in Self.needles {
                #expect(!bytes.contains(needle), "\(what) in \(name)")
            }
        }
        // The last CLI process checkpointed the WAL into the database file on exit.
        #expect(files.contains("foundry.db"), "\(files)")
        // And the value is really there, sealed: the store gives it back to the operator.
        let password = try await harness.withStore { store in
            try await store.get(Secret.self, name: "canary-bmc").string(forKey: "password")
        }
        #expect(password == Self.password)
    }
}

extension Data {
    func contains(_ needle: Data) -> Bool {
        self.range(of: needle) != nil
    }
}
