import Foundation
import FoundryModel
import HostAgent
import TestSupport
import Testing

/// `foundry agent inspect --root /` on the machine running the tests, against `nproc` and
/// /proc/meminfo; and the agent's refusal to touch the disk this machine runs from.
struct AgentInspectTests {
    @Test func inspectThisMachine() async throws {
        let binary = try #require(AgentFixtures.foundryBinary(), "build the foundry binary first (swift build)")
        let result = try await ProcessRunner.run(binary, ["agent", "inspect", "--root", "/", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let inventory = try JSONDecoder().decode(HardwareDetails.self, from: Data(result.stdout.utf8))

        let nproc = try await ProcessRunner.run(try ExternalTool.path("nproc"), [])
        #expect(inventory.cpu?.count == Int(nproc.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))

        let meminfo = try String(contentsOfFile: "/proc/meminfo", encoding: .utf8)
        let line = try #require(meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") })
        let kibibytes = try #require(Double(line.split(separator: " ")[1]))
        let ram = try #require(inventory.ramMebibytes)
        #expect(
            abs(Double(ram) * 1024 - kibibytes) / kibibytes < 0.01, "ramMebibytes \(ram) vs MemTotal \(kibibytes) kB")
        #expect(inventory.cpu?.arch != nil)
        #expect(inventory.storage?.isEmpty == false)
    }

    @Test func yamlOutput() async throws {
        let binary = try #require(AgentFixtures.foundryBinary(), "build the foundry binary first (swift build)")
        let result = try await ProcessRunner.run(binary, ["agent", "inspect", "--root", "/", "-o", "yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ramMebibytes:"))
    }

    /// The kernel name of the whole disk "/" is mounted from, when it is one the kernel lists.
    static let rootDisk: String? = {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else {
            return nil
        }
        let fields = mounts.split(separator: "\n").map { $0.split(separator: " ") }
        guard let source = fields.first(where: { $0.count > 1 && $0[1] == "/" })?[0], source.hasPrefix("/dev/") else {
            return nil
        }
        let name = String(source.dropFirst(5))
        let disks = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/block")) ?? []
        return disks.first {
            name == $0 || FileManager.default.fileExists(atPath: "/sys/block/\($0)/\(name)/partition")
        }
    }()

    /// Read-only: asks whether the root disk may be written, never writes.
    @Test(.enabled(if: Self.rootDisk != nil, "\"/\" is not mounted from a block device on this machine"))
    func theDiskHoldingThisMachinesRootIsRefused() throws {
        let root = HostRoot("/")
        let device = try #require(InventoryReader(root: root).blockDevices().first { $0.kernelName == Self.rootDisk })
        let reason = try #require(DiskSafety(root: root).reasonNotToWrite(device))
        #expect(reason.hasPrefix("\(device.devicePath) is in use"))
    }
}
