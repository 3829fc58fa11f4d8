import AgentProtocol
import Foundation
import FoundryModel
import HostAgent
import TestSupport
import Testing

/// The image writer against real peers: images made by sgdisk and qemu-img, digests by
/// md5sum/sha256sum/sha512sum, results checked with cmp, sgdisk and blkid.
@Suite(.serialized)
struct AgentImageTests {
    struct Setup {
        let directory: TemporaryDirectory
        let raw: URL
        let qcow2: URL
        let server: LoopbackFileServer
        let http: AgentHTTPClient

        static func make() async throws -> Setup {
            let directory = try TemporaryDirectory(prefix: "foundry-image")
            let raw = try await AgentFixtures.rawImage(in: directory)
            let qcow2 = directory.file("image.qcow2")
            try await AgentFixtures.tool("qemu-img", ["convert", "-f", "raw", "-O", "qcow2", raw.path, qcow2.path])
            let server = try await LoopbackFileServer.start(directory: directory.url)
            return Setup(directory: directory, raw: raw, qcow2: qcow2, server: server, http: AgentHTTPClient())
        }

        func writer() -> ImageWriter {
            var writer = ImageWriter(http: self.http, workDirectory: self.directory.path)
            writer.retryDelay = .milliseconds(10)
            return writer
        }

        /// A writer whose qemu-img is `script`, a shell script standing in for it (to play what
        /// the real one cannot be made to do here).
        func writer(qemuImg script: String, named name: String) throws -> ImageWriter {
            let wrapper = self.directory.file(name)
            try Data(script.utf8).write(to: wrapper)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
            var writer = self.writer()
            writer.qemuImg = wrapper.path
            return writer
        }

        /// A sha256-checked qcow2 write of the fixture image, and a fresh disk to write it to.
        func qcow2Write() async throws -> (command: WriteImageCommand, disk: URL) {
            let digest = try await AgentFixtures.digest(.sha256, of: self.qcow2)
            let command = WriteImageCommand(
                url: self.server.url("image.qcow2"), checksum: digest, checksumType: .sha256, format: .qcow2)
            return (command, try AgentFixtures.disk(in: self.directory))
        }

        func tearDown() async {
            await self.server.stop()
            await self.http.shutdown()
            self.directory.remove()
        }
    }

    static func withSetup(_ body: (Setup) async throws -> Void) async throws {
        let setup = try await Setup.make()
        do {
            try await body(setup)
        } catch {
            await setup.tearDown()
            throw error
        }
        await setup.tearDown()
    }

    static let matrix: [(ImageFormat, ImageChecksum.Algorithm)] = [
        (.raw, .md5), (.raw, .sha256), (.raw, .sha512), (.qcow2, .md5), (.qcow2, .sha256), (.qcow2, .sha512),
    ]

    @Test(arguments: Self.matrix)
    func writesAndVerifies(_ format: ImageFormat, _ algorithm: ImageChecksum.Algorithm) async throws {
        try await Self.withSetup { setup in
            let source = format == .raw ? setup.raw : setup.qcow2
            let digest = try await AgentFixtures.digest(algorithm, of: source)
            let disk = try AgentFixtures.disk(in: setup.directory)
            let command = WriteImageCommand(
                url: setup.server.url(source.lastPathComponent), checksum: digest,
                checksumType: ChecksumType(rawValue: algorithm.rawValue), format: format)

            let outcome = try await setup.writer().write(command, to: DiskHandle.open(path: disk.path))
            let rawSize = try AgentFixtures.size(of: setup.raw)
            #expect(outcome.bytesWritten == rawSize)
            #expect(outcome.checksum.hex == digest)
            #expect(try await AgentFixtures.sameBytes(setup.raw, disk, count: rawSize))
            #expect(try AgentFixtures.size(of: disk) == 256 << 20, "the disk keeps its size")
            let table = try await AgentFixtures.tool("sgdisk", ["-p", disk.path])
            #expect(table.stdout.contains("   1            2048"))
        }
    }

    @Test func badChecksumWipesThePartitionTable() async throws {
        try await Self.withSetup { setup in
            let disk = try AgentFixtures.disk(in: setup.directory)
            // A good image first, so that there is a table to wipe.
            let good = try await AgentFixtures.digest(.sha256, of: setup.raw)
            let url = setup.server.url("image.raw")
            _ = try await setup.writer().write(
                WriteImageCommand(url: url, checksum: good, checksumType: .sha256), to: DiskHandle.open(path: disk.path)
            )
            #expect(try await AgentFixtures.hasNoPartitionTable(disk) == false)

            let wrong = String(repeating: "0", count: 64)
            let error = await #expect(throws: ImageWriteError.self) {
                try await setup.writer().write(
                    WriteImageCommand(url: url, checksum: wrong, checksumType: .sha256),
                    to: DiskHandle.open(path: disk.path))
            }
            #expect(error?.description.contains("expected \(wrong)") == true)
            #expect(try await AgentFixtures.hasNoPartitionTable(disk))
        }
    }

    @Test func badChecksumOfAQCOW2ImageAlsoWipes() async throws {
        try await Self.withSetup { setup in
            let disk = try AgentFixtures.disk(in: setup.directory)
            try await AgentFixtures.tool("sgdisk", ["-n", "1:2048:+1M", disk.path])
            let error = await #expect(throws: ImageWriteError.self) {
                try await setup.writer().write(
                    WriteImageCommand(
                        url: setup.server.url("image.qcow2"), checksum: String(repeating: "a", count: 32),
                        checksumType: .md5,
                        format: .qcow2),
                    to: DiskHandle.open(path: disk.path))
            }
            #expect(error?.description.contains("md5") == true)
            #expect(try await AgentFixtures.hasNoPartitionTable(disk))
        }
    }

    @Test func checksumURLWithSeveralLines() async throws {
        try await Self.withSetup { setup in
            let digest = try await AgentFixtures.digest(.sha512, of: setup.raw)
            let sums = """
                \(String(repeating: "1", count: 128))  other.img
                \(digest) *image.raw
                \(String(repeating: "2", count: 128))  ./image.qcow2

                """
            try Data(sums.utf8).write(to: setup.directory.file("SHA512SUMS"))
            let disk = try AgentFixtures.disk(in: setup.directory)
            let outcome = try await setup.writer().write(
                WriteImageCommand(url: setup.server.url("image.raw"), checksum: setup.server.url("SHA512SUMS")),
                to: DiskHandle.open(path: disk.path))
            #expect(outcome.checksum.algorithm == .sha512)
            #expect(outcome.checksum.hex == digest)
            #expect(try await AgentFixtures.sameBytes(setup.raw, disk, count: AgentFixtures.size(of: setup.raw)))
        }
    }

    @Test func fileURL() async throws {
        try await Self.withSetup { setup in
            let digest = try await AgentFixtures.digest(.md5, of: setup.qcow2)
            let disk = try AgentFixtures.disk(in: setup.directory)
            _ = try await setup.writer().write(
                WriteImageCommand(url: setup.qcow2.absoluteString, checksum: digest, format: .qcow2),
                to: DiskHandle.open(path: disk.path))
            #expect(try await AgentFixtures.sameBytes(setup.raw, disk, count: AgentFixtures.size(of: setup.raw)))
        }
    }

    /// A disk whose filesystem has no O_DIRECT refuses qemu-img's cache mode none: the writer
    /// converts again with the page cache. The refusal is played by a wrapper around the real
    /// qemu-img, since this machine's filesystems all accept O_DIRECT.
    @Test func conversionFallsBackWhenTheDiskRefusesDirectIO() async throws {
        try await Self.withSetup { setup in
            let qemuImg = try ExternalTool.path("qemu-img")
            let calls = setup.directory.file("calls")
            let script = """
                #!/bin/sh
                echo "$*" >> '\(calls.path)'
                case " $* " in *" -t none "*) echo "Could not open: Invalid argument" >&2; exit 1;; esac
                exec '\(qemuImg)' "$@"

                """
            let writer = try setup.writer(qemuImg: script, named: "qemu-img-without-direct-io")
            let (command, disk) = try await setup.qcow2Write()
            _ = try await writer.write(command, to: DiskHandle.open(path: disk.path))
            #expect(try await AgentFixtures.sameBytes(setup.raw, disk, count: AgentFixtures.size(of: setup.raw)))
            let modes = try String(contentsOf: calls, encoding: .utf8).split(separator: "\n").map {
                $0.contains("-t none") ? "none" : $0.contains("-t writeback") ? "writeback" : "?"
            }
            #expect(modes == ["none", "writeback"])
        }
    }

    /// An agent stopped while qemu-img converts (a simulated host powered off) stops the tool too,
    /// instead of letting it go on writing to the disk.
    @Test func cancellingDuringConversionStopsQemuImg() async throws {
        try await Self.withSetup { setup in
            let pidFile = setup.directory.file("converter.pid")
            let writer = try setup.writer(
                qemuImg: "#!/bin/sh\necho $$ > '\(pidFile.path)'\nexec sleep 60\n", named: "qemu-img-that-hangs")
            let (command, disk) = try await setup.qcow2Write()
            let write = Task {
                try await writer.write(command, to: DiskHandle.open(path: disk.path))
            }
            var pid: Int32?
            for _ in 0..<200 where pid == nil {
                try await Task.sleep(for: .milliseconds(50))
                pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap {
                    Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
            let converter = try #require(pid, "the conversion never started")
            let start = ContinuousClock.now
            write.cancel()
            await #expect(throws: ImageWriteError.self) { try await write.value }
            #expect(ContinuousClock.now - start < .seconds(10))
            #expect(kill(converter, 0) == -1 && errno == ESRCH, "qemu-img is still running")
        }
    }

    @Test func transientErrorsAreRetriedAndResumed() async throws {
        try await Self.withSetup { setup in
            // One 503, then a transfer cut after 5 MiB: the first 4 MiB block was hashed and written,
            // so the retry asks for the rest only.
            await setup.server.faults.set(unavailable: 1, cuts: 1, cutAfterBytes: 5 << 20)
            let digest = try await AgentFixtures.digest(.sha256, of: setup.raw)
            let disk = try AgentFixtures.disk(in: setup.directory)
            let outcome = try await setup.writer().write(
                WriteImageCommand(url: setup.server.url("image.raw"), checksum: digest),
                to: DiskHandle.open(path: disk.path))
            #expect(outcome.downloadAttempts == 3)
            #expect(try await AgentFixtures.sameBytes(setup.raw, disk, count: AgentFixtures.size(of: setup.raw)))
            let ranges = await setup.server.faults.log.compactMap(\.range)
            #expect(ranges == ["bytes=\(4 << 20)-"], "a cut transfer resumes with a Range request")
        }
    }

    @Test func serverWithoutRangesRestartsFromTheStart() async throws {
        try await Self.withSetup { setup in
            await setup.server.faults.set(cuts: 1, cutAfterBytes: 5 << 20, ignoreRanges: true)
            let digest = try await AgentFixtures.digest(.sha256, of: setup.raw)
            let disk = try AgentFixtures.disk(in: setup.directory)
            let outcome = try await setup.writer().write(
                WriteImageCommand(url: setup.server.url("image.raw"), checksum: digest),
                to: DiskHandle.open(path: disk.path))
            #expect(outcome.downloadAttempts == 2)
            #expect(outcome.checksum.hex == digest)
        }
    }

    @Test func persistentFailureGivesUpAndWipes() async throws {
        try await Self.withSetup { setup in
            await setup.server.faults.set(unavailable: 100)
            let disk = try AgentFixtures.disk(in: setup.directory)
            try await AgentFixtures.tool("sgdisk", ["-n", "1:2048:+1M", disk.path])
            var writer = setup.writer()
            writer.retries = 2
            let error = await #expect(throws: ImageWriteError.self) {
                try await writer.write(
                    WriteImageCommand(url: setup.server.url("image.raw"), checksum: String(repeating: "0", count: 64)),
                    to: DiskHandle.open(path: disk.path))
            }
            #expect(error?.description.contains("HTTP 503") == true)
            #expect(await setup.server.faults.log.count == 3)
            #expect(try await AgentFixtures.hasNoPartitionTable(disk))
        }
    }

    @Test func missingImageIsNotRetried() async throws {
        try await Self.withSetup { setup in
            let disk = try AgentFixtures.disk(in: setup.directory)
            let error = await #expect(throws: ImageWriteError.self) {
                try await setup.writer().write(
                    WriteImageCommand(url: setup.server.url("nope.raw"), checksum: String(repeating: "0", count: 64)),
                    to: DiskHandle.open(path: disk.path))
            }
            #expect(error?.description.contains("HTTP 404") == true)
            #expect(await setup.server.faults.log.count == 1)
        }
    }

    @Test func imageLargerThanTheDiskIsRefused() async throws {
        try await Self.withSetup { setup in
            let disk = try AgentFixtures.disk(in: setup.directory, size: 4 << 20)
            let digest = try await AgentFixtures.digest(.sha256, of: setup.raw)
            let error = await #expect(throws: ImageWriteError.self) {
                try await setup.writer().write(
                    WriteImageCommand(url: setup.server.url("image.raw"), checksum: digest),
                    to: DiskHandle.open(path: disk.path))
            }
            #expect(error?.description.contains("disk only \(4 << 20)") == true)
            let qcowError = await #expect(throws: ImageWriteError.self) {
                try await setup.writer().write(
                    WriteImageCommand(
                        url: setup.server.url("image.qcow2"), checksum: AgentFixtures.digest(.sha256, of: setup.qcow2),
                        format: .qcow2),
                    to: DiskHandle.open(path: disk.path))
            }
            #expect(qcowError?.description.contains("virtual size") == true)
        }
    }

    @Test func formatMismatchIsRefused() async throws {
        try await Self.withSetup { setup in
            let disk = try AgentFixtures.disk(in: setup.directory)
            let digest = try await AgentFixtures.digest(.sha256, of: setup.qcow2)
            let error = await #expect(throws: ImageWriteError.self) {
                try await setup.writer().write(
                    WriteImageCommand(url: setup.server.url("image.qcow2"), checksum: digest, format: .raw),
                    to: DiskHandle.open(path: disk.path))
            }
            #expect(error?.description.contains("qcow2 but the command says raw") == true)
        }
    }

    @Test func qcow2WithABackingFileIsRefused() async throws {
        try await Self.withSetup { setup in
            let overlay = setup.directory.file("overlay.qcow2")
            try await AgentFixtures.tool(
                "qemu-img", ["create", "-f", "qcow2", "-b", setup.qcow2.path, "-F", "qcow2", overlay.path])
            let disk = try AgentFixtures.disk(in: setup.directory)
            let digest = try await AgentFixtures.digest(.sha256, of: overlay)
            let error = await #expect(throws: ImageWriteError.self) {
                try await setup.writer().write(
                    WriteImageCommand(url: setup.server.url("overlay.qcow2"), checksum: digest, format: .qcow2),
                    to: DiskHandle.open(path: disk.path))
            }
            #expect(error?.description.contains("backing file") == true)
        }
    }
}
