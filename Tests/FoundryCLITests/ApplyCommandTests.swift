import Foundation
import FoundryCLI
import FoundryModel
import FoundryStore
import TestSupport
import Testing

@Suite("foundry apply / get / delete through the binary")
struct ApplyCommandTests {
    @Test func theMetal3SamplesApplyUnchangedAndGetListsThem() async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        let samples = try FileManager.default.contentsOfDirectory(atPath: Samples.metal3.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(samples.count == 3)
        for sample in samples {
            let result = try await harness.run(Samples.applyArguments(sample))
            #expect(result.status == 0, "\(sample): \(result.combined)")
            #expect(result.stdout.contains("baremetalhost.metal3.io/"), "\(sample): \(result.stdout)")
        }
        let get = try await harness.run(["get", "bmh", "-A"])
        #expect(get.status == 0, "\(get.combined)")
        let lines = get.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.split(separator: " ", omittingEmptySubsequences: true)
                == ["NAMESPACE", "NAME", "STATE", "CONSUMER", "ONLINE", "ERROR", "AGE"])
        let rows = lines.dropFirst().map { $0.split(separator: " ").prefix(2).joined(separator: "/") }
        #expect(
            rows == ["default/example-baremetalhost", "default/worker-99", "openshift-machine-api/worker-0"],
            "\(get.stdout)")
        let inDefault = try await harness.run(["get", "bmh"])
        #expect(inDefault.stdout.split(separator: "\n").count == 3, "\(inDefault.stdout)")
        // Unchanged samples applied again change nothing.
        let before = try await harness.snapshot()
        for sample in samples {
            let again = try await harness.run(Samples.applyArguments(sample))
            #expect(again.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(" unchanged") }, "\(again.stdout)")
        }
        #expect(try await harness.snapshot() == before)
    }

    @Test func applyReportsCreatedConfiguredUnchangedAndBumpsNothingWhenUnchanged() async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        let first = try await harness.run(["apply", "-f", Samples.hosts])
        #expect(first.status == 0, "\(first.combined)")
        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 16)
        #expect(lines.contains("secret/r1-node-0-bmc created"))
        #expect(lines.contains("baremetalhost.metal3.io/r1-node-0 created"))
        let before = try await harness.snapshot()

        let again = try await harness.run(["apply", "-f", Samples.hosts])
        #expect(again.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(" unchanged") }, "\(again.stdout)")
        #expect(try await harness.snapshot() == before, "re-applying an unchanged file bumps no resourceVersion")

        let text = try String(contentsOfFile: Samples.hosts, encoding: .utf8)
        let edited = try harness.file(
            "edited.yaml", text.replacingOccurrences(of: "Supermicro storage node", with: "Supermicro spare node"))
        let third = try await harness.run(["apply", "-f", edited])
        let changed = third.stdout.split(separator: "\n").filter { !$0.hasSuffix(" unchanged") }
        #expect(changed == ["baremetalhost.metal3.io/r1-node-3 configured"], "\(third.stdout)")
        let generation = try await harness.withStore { store in
            try await store.get(BareMetalHost.self, name: "r1-node-3").metadata.generation
        }
        #expect(generation == 2)
    }

    @Test func stdinAndDirectoriesAreInputs() async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        let fromStdin = try await harness.run(["apply", "-f", "-"], input: Data(Samples.validHost.utf8))
        #expect(fromStdin.stdout == "baremetalhost.metal3.io/valid-host created\n", "\(fromStdin.combined)")
        let directory = harness.directory.file("manifests").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in ["bmh-bare-address-worker-99.yaml", "bmh-ipmi-example-host.yaml"] {
            try FileManager.default.copyItem(
                atPath: Samples.metal3.appendingPathComponent(name).path, toPath: "\(directory)/\(name)")
        }
        try Data("not a manifest".utf8).write(to: URL(fileURLWithPath: "\(directory)/README.txt"))
        let fromDirectory = try await harness.run(["apply", "-f", directory])
        #expect(fromDirectory.status == 0, "\(fromDirectory.combined)")
        #expect(fromDirectory.stdout.split(separator: "\n").count == 4)
        let missing = try await harness.run(["apply", "-f", harness.directory.file("nope.yaml").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope.yaml: no such file or directory"))
    }

    @Test func decoderWarningsArePrinted() async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        let manifest = Samples.validHost + "  firmware:\n    sriovEnabled: true\n"
        let result = try await harness.run(["apply", "-f", try harness.file("warn.yaml", manifest)])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stderr.contains("warning:"), "\(result.combined)")
        #expect(result.stderr.contains("spec.firmware"), "\(result.combined)")
    }

    @Test(arguments: MalformedManifests.all)
    func aMalformedInputAppliesNothing(_ malformed: MalformedManifest) async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        let seeded = try await harness.run(["apply", "-f", "-"], input: Data(Samples.validHost.utf8))
        #expect(seeded.status == 0, "\(seeded.combined)")
        let before = try await harness.snapshot()
        // A valid file next to the bad one: it must not be applied either.
        let valid = try harness.file(
            "valid.yaml", Samples.validHost.replacingOccurrences(of: "valid-host", with: "valid-host-2"))
        let bad = try harness.file("bad.yaml", malformed.data)
        let result = try await harness.run(["apply", "-f", valid, "-f", bad])
        #expect(result.status != 0, "\(malformed.name): exit \(result.status)")
        #expect(result.stderr.contains(malformed.expectedError), "\(malformed.name): \(result.stderr.prefix(2000))")
        #expect(result.stderr.contains("nothing was applied"), "\(malformed.name)")
        #expect(result.stdout.isEmpty, "\(malformed.name): \(result.stdout)")
        #expect(try await harness.snapshot() == before, "\(malformed.name): the store changed")
    }

    @Test func deleteByNameAndByFile() async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        _ = try await harness.run(["apply", "-f", Samples.hosts])
        let byName = try await harness.run(["delete", "bmh", "r1-node-0", "r1-node-1"])
        #expect(
            byName.stdout
                == "baremetalhost.metal3.io \"r1-node-0\" deleted\nbaremetalhost.metal3.io \"r1-node-1\" deleted\n")
        let missing = try await harness.run(["delete", "bmh", "r1-node-0"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("baremetalhost.metal3.io \"r1-node-0\" not found"))
        let ignored = try await harness.run(["delete", "bmh", "r1-node-0", "--ignore-not-found"])
        #expect(ignored.status == 0)
        let byFile = try await harness.run(["delete", "-f", Samples.hosts, "--ignore-not-found"])
        #expect(byFile.status == 0, "\(byFile.combined)")
        #expect(byFile.stdout.split(separator: "\n").count == 14)
        #expect(try await harness.snapshot().names.isEmpty)
    }

    @Test func getFiltersAndFormats() async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        _ = try await harness.run(["apply", "-f", Samples.hosts])
        let wide = try await harness.run(["get", "baremetalhosts", "-o", "wide", "-l", "rack=r2,role=worker"])
        let header = wide.stdout.split(separator: "\n").first?.split(separator: " ").map(String.init)
        #expect(header == ["NAME", "STATUS", "STATE", "CONSUMER", "BMC", "ONLINE", "ERROR", "AGE"])
        #expect(wide.stdout.contains("ipmi://127.0.0.1:16236"))
        #expect(!wide.stdout.contains("r1-node"))
        let names = try await harness.run(["get", "bmh", "-o", "name", "-l", "rack in (r1)"])
        #expect(names.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("baremetalhost.metal3.io/r1-node-") })
        let allNamespaces = try await harness.run(["get", "secret", "-A"])
        #expect(allNamespaces.stdout.hasPrefix("NAMESPACE"))
        let other = try await harness.run(["get", "bmh", "-n", "elsewhere"])
        #expect(other.stderr.contains("No resources found in elsewhere namespace."))
        let json = try await harness.run(["get", "bmh", "r1-node-0", "-o", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["metadata"] as? [String: Any])?["name"] as? String == "r1-node-0")
        let yaml = try await harness.run(["get", "md"])
        #expect(yaml.status == 0)
        let unknown = try await harness.run(["get", "bmhx"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown resource type \"bmhx\""))
        let badSelector = try await harness.run(["get", "bmh", "-l", "rack in r1"])
        #expect(badSelector.status != 0)
        #expect(badSelector.stderr.contains("-l rack in r1"))
    }

    @Test func getWatchPrintsChangesAsTheyHappen() async throws {
        let harness = try CLIHarness()
        defer { harness.remove() }
        _ = try await harness.run(["apply", "-f", "-"], input: Data(Samples.validHost.utf8))
        let watcher = try LineProcess(
            try CLIHarness.binary(), ["get", "bmh", "-w", "--store", harness.storeArgument])
        defer { watcher.kill() }
        #expect(await watcher.waitForLine(where: { $0.hasPrefix("valid-host ") }, timeout: 20), "\(watcher.lines)")
        let second = Samples.validHost.replacingOccurrences(of: "valid-host", with: "late-host")
        _ = try await harness.run(["apply", "-f", "-"], input: Data(second.utf8))
        #expect(await watcher.waitForLine(where: { $0.hasPrefix("late-host ") }, timeout: 20), "\(watcher.lines)")
        _ = try await harness.run(["delete", "bmh", "late-host"])
        #expect(
            await watcher.waitForLine(
                where: { line in
                    watcher.lines.filter { $0.hasPrefix("late-host ") }.count == 2
                }, timeout: 20), "\(watcher.lines)")
    }
}
