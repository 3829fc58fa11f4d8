import Foundation
import HostAgent
import TestSupport
import Testing

@testable import FoundryCLI

/// The demo's board (terminal frame and plain lines) and its generated image.
struct DemoBoardTests {
    static let hosts: [DemoBoard.Host] = [
        .init(name: "dell-0", state: "provisioning", written: 3 << 20, imageBytes: 8 << 20),
        .init(name: "edge-0", state: "available"),
        .init(name: "hpe-0", state: "provisioned"),
        .init(name: "rf-0", state: "registering", error: "registration error: the BMC refused the password"),
    ]

    @Test func theFrameCountsHostsByStateAndDrawsABarPerWrite() {
        let board = DemoBoard(hosts: Self.hosts)
        #expect(board.summary == "registering 1  available 1  provisioning 1  provisioned 1  errors 1")
        let frame = board.frame(width: 120, elapsed: .milliseconds(12_300))
        #expect(frame.count == 5)
        #expect(frame[0] == "  12.3s  registering 1  available 1  provisioning 1  provisioned 1  errors 1")
        #expect(frame[1] == "dell-0  provisioning   [#######.............]  37%  3.0 of 8.0 MiB")
        #expect(frame[2] == "edge-0  available     ")
        #expect(frame[4].hasSuffix("registration error: the BMC refused the password"))
        #expect(board.frame(width: 30, elapsed: .zero).allSatisfy { $0.count <= 29 })
        #expect(!board.allProvisioned)
    }

    @Test func plainLinesSayOnlyWhatChanged() {
        let before = DemoBoard(hosts: Self.hosts)
        var hosts = Self.hosts
        hosts[0].written = 5 << 20
        hosts[1].state = "provisioning"
        let after = DemoBoard(hosts: hosts)
        #expect(
            after.changes(since: before, elapsed: .seconds(2)) == [
                "   2.0s  dell-0: image written 50% 5.0 of 8.0 MiB",
                "   2.0s  edge-0: available -> provisioning",
                "   2.0s  hosts: registering 1  provisioning 2  provisioned 1  errors 1",
            ])
        #expect(after.changes(since: after, elapsed: .seconds(3)).isEmpty)
        let first = DemoBoard(hosts: []).changes(since: DemoBoard(hosts: []), elapsed: .zero)
        #expect(first.isEmpty)
        #expect(DemoBoard(hosts: [.init(name: "a", state: "provisioned")]).allProvisioned)
    }

    /// The image is checked by sgdisk (the real tool) and read back by the agent's own reader.
    @Test func theDemoImageHasAValidGPTWithARootPartition() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-demo-image")
        defer { directory.remove() }
        let path = directory.file("demo.raw").path
        let digest = try DemoImage.write(to: path, mebibytes: 8)
        let sum = try await ProcessRunner.run(try ExternalTool.path("sha256sum"), [path])
        #expect(sum.stdout.hasPrefix(digest))
        let verify = try await ProcessRunner.run(try ExternalTool.path("sgdisk"), ["-v", path])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("No problems found"), "sgdisk -v: \(verify.stdout)")
        let table = try PartitionTableReader.read(try DiskHandle.open(path: path))
        guard case .gpt(let gpt) = table else {
            Issue.record("no GPT: \(table)")
            return
        }
        #expect(gpt.partitions.map(\.name) == ["root"])
        #expect(gpt.partitions.first?.firstLBA == 2048)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 8 << 20)
    }
}
