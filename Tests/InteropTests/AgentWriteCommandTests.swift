import AgentProtocol
import Foundation
import FoundryModel
import HostAgent
import Simulator
import TestSupport
import Testing

/// The writeImage command as the agent runs it on a rendered server: root device chosen, image
/// written, config drive added, all checked with cmp, sgdisk, blkid and isoinfo; and the refusal
/// to touch a disk in use unless the operator forces it.
@Suite(.serialized)
struct AgentWriteCommandTests {
    struct Server {
        let directory: TemporaryDirectory
        let tree: HardwareTree
        let raw: URL
        let digest: String
        let http = AgentHTTPClient()

        static func render(_ name: String) async throws -> Server {
            let directory = try TemporaryDirectory(prefix: "foundry-write")
            let profile = try HardwareProfile.load(name: "small", mocks: ProjectPaths.firmwareMocks)
            let server = ServerConfig(name: name, vendor: "generic", hardware: "small", bmcScheme: "ipmi")
            let tree = HardwareTree(
                root: directory.url.appendingPathComponent("root"), profile: profile, server: server)
            try tree.render()
            let raw = try await AgentFixtures.rawImage(in: directory)
            let digest = try await AgentFixtures.digest(.sha256, of: raw)
            return Server(directory: directory, tree: tree, raw: raw, digest: digest)
        }

        func executor(force: Bool = false) -> CommandExecutor {
            CommandExecutor(
                root: HostRoot(self.tree.root.path), force: force,
                writer: ImageWriter(http: self.http, workDirectory: self.directory.path))
        }

        func writeCommand(configDrive: ConfigDriveContents? = nil) -> AgentCommand {
            AgentCommand(
                id: "w",
                action: .writeImage(
                    WriteImageCommand(url: self.raw.absoluteString, checksum: self.digest, configDrive: configDrive)))
        }

        func remove() async {
            await self.http.shutdown()
            self.directory.remove()
        }

        /// Marks sda's second partition as this host's mounted root filesystem.
        func mountSDA2() throws {
            let root = self.tree.root
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("sys/block/sda/sda2"), withIntermediateDirectories: true)
            try Data("2\n".utf8).write(to: root.appendingPathComponent("sys/block/sda/sda2/partition"))
            try Data("/dev/sda2 / ext4 rw 0 0\n".utf8).write(to: root.appendingPathComponent("proc/mounts"))
        }
    }

    static func withServer(_ name: String, _ body: (Server) async throws -> Void) async throws {
        let server = try await Server.render(name)
        do {
            try await body(server)
        } catch {
            await server.remove()
            throw error
        }
        await server.remove()
    }

    @Test func writeImageWithAConfigDrive() async throws {
        try await Self.withServer("write-0") { server in
            let contents = ConfigDriveContents(
                metaData: .init(
                    uuid: "0f7e1c52-5d3a-4c8e-bf0e-6a1d2c3b4a59", name: "write-0", hostname: "write-0.example",
                    publicKeys: ["default": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIWriteTest test@foundry"]),
                userData: Data("#cloud-config\n".utf8), networkData: #"{"links":[],"networks":[],"services":[]}"#)

            let result = await server.executor().execute(server.writeCommand(configDrive: contents))
            #expect(result.succeeded, "\(result.message ?? "")")
            #expect(result.rootDevice?.name == "/dev/sda")
            #expect(result.bytesWritten == 8 << 20)
            #expect(result.message == "config drive on partition 2")

            let disk = server.tree.diskFile("sda")
            // Partition 1 of the image landed unchanged (the GPT itself gained an entry).
            let part1 = try await AgentFixtures.tool(
                "cmp", ["-i", "1048576", "-n", String(4 << 20), server.raw.path, disk.path], expectStatus: nil)
            #expect(part1.status == 0, "partition 1 differs: \(part1.combined)")
            let verify = try await AgentFixtures.tool("sgdisk", ["-v", disk.path])
            #expect(verify.stdout.contains("No problems found"), "\(verify.stdout)")
            let info = try await AgentFixtures.tool("sgdisk", ["-i", "2", disk.path])
            let firstLine = try #require(info.stdout.split(separator: "\n").first { $0.hasPrefix("First sector:") })
            let firstLBA = try #require(UInt64(firstLine.split(separator: " ")[2]))
            #expect(firstLBA * 512 > (240_057_409_536 - (65 << 20)), "the config drive sits at the end of the disk")
            let blkid = try await AgentFixtures.tool(
                "blkid", ["-p", "-O", String(firstLBA * 512), "-o", "export", disk.path])
            #expect(blkid.stdout.contains("LABEL=config-2"), "\(blkid.stdout)")
            #expect(blkid.stdout.contains("TYPE=iso9660"))

            let iso = server.directory.file("configdrive.iso")
            try await AgentFixtures.tool(
                "dd",
                ["if=\(disk.path)", "of=\(iso.path)", "bs=512", "skip=\(firstLBA)", "count=131072", "status=none"])
            let meta = try await AgentFixtures.tool(
                "isoinfo", ["-R", "-i", iso.path, "-x", "/openstack/latest/meta_data.json"])
            let object = try JSONSerialization.jsonObject(with: Data(meta.stdout.utf8)) as? [String: Any]
            #expect(object?["uuid"] as? String == contents.metaData.uuid)
            #expect(object?["hostname"] as? String == "write-0.example")
        }
    }

    @Test func aDiskInUseIsRefusedUnlessForced() async throws {
        try await Self.withServer("write-1") { server in
            let disk = server.tree.diskFile("sda")
            try await AgentFixtures.tool("sgdisk", ["-n", "1:2048:+64M", "-n", "2:0:+64M", disk.path])
            try server.mountSDA2()
            let before = try await AgentFixtures.tool("sgdisk", ["-p", disk.path])

            let refused = await server.executor().execute(server.writeCommand())
            #expect(refused.succeeded == false)
            #expect(
                refused.message
                    == "/dev/sda is in use: /dev/sda2 is mounted on /; refusing to write to it (an operator may force this)"
            )
            let clean = await server.executor().execute(
                AgentCommand(id: "c", action: .clean(CleanCommand(mode: .metadata))))
            #expect(clean.succeeded == false)
            #expect(clean.message?.contains("/dev/sda is in use") == true)
            let after = try await AgentFixtures.tool("sgdisk", ["-p", disk.path])
            #expect(after.stdout == before.stdout, "a refused disk keeps its partition table")

            let forced = await server.executor(force: true).execute(server.writeCommand())
            #expect(forced.succeeded, "\(forced.message ?? "")")
            #expect(try await AgentFixtures.sameBytes(server.raw, disk, count: 8 << 20))
            let forcedClean = await server.executor(force: true).execute(
                AgentCommand(id: "c2", action: .clean(CleanCommand(mode: .metadata))))
            #expect(forcedClean.cleanedDevices == ["/dev/sda"])
            #expect(try await AgentFixtures.hasNoPartitionTable(disk))
        }
    }
}
