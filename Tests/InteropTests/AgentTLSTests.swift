import AgentProtocol
import Foundation
import HostAgent
import TestSupport
import Testing

/// Images over HTTPS from `openssl s_server -WWW` with a certificate made by `openssl req`: trusted
/// when the agent is given the CA file, refused (and not retried) when it is not.
@Suite(.serialized)
struct AgentTLSTests {
    /// openssl s_server serving `directory` on a port of its choosing; stopped by `stop()`.
    final class TLSServer: Sendable {
        let process: Process
        let port: Int

        init(directory: TemporaryDirectory, certificate: URL, key: URL) async throws {
            let output = directory.file("s_server.out")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let process = Process()
            // stdbuf: s_server buffers its stdout, and the ACCEPT line must arrive while it runs.
            process.executableURL = URL(fileURLWithPath: try ExternalTool.path("stdbuf"))
            process.arguments = [
                "-oL", try ExternalTool.path("openssl"), "s_server", "-accept", "127.0.0.1:0", "-WWW", "-cert",
                certificate.path, "-key", key.path,
            ]
            process.currentDirectoryURL = directory.url
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            self.process = process
            // It prints "ACCEPT 127.0.0.1:PORT" once listening; a loaded machine may take a while.
            for _ in 0..<1000 {
                let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT ") }),
                    let port = line.split(separator: ":").last.flatMap({ Int($0) })
                {
                    self.port = port
                    return
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            process.terminate()
            throw ServerDidNotStart()
        }

        /// s_server shrugs off SIGTERM; SIGKILL it.
        func stop() {
            if self.process.isRunning {
                kill(self.process.processIdentifier, SIGKILL)
                self.process.waitUntilExit()
            }
        }
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var description: String { "openssl s_server printed no ACCEPT line within 20 s" }
    }

    @Test func httpsImageWithTheGivenCA() async throws {
        let directory = try TemporaryDirectory(prefix: "foundry-tls")
        defer { directory.remove() }
        let certificate = directory.file("ca.pem")
        let key = directory.file("key.pem")
        try await AgentFixtures.tool(
            "openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                key.path, "-out", certificate.path, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
                "subjectAltName=IP:127.0.0.1",
            ])
        let raw = try await AgentFixtures.rawImage(in: directory)
        let digest = try await AgentFixtures.digest(.sha256, of: raw)
        let server = try await TLSServer(directory: directory, certificate: certificate, key: key)
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/image.raw"

        let trusting = AgentHTTPClient(caCertificateFile: certificate.path)
        let disk = try AgentFixtures.disk(in: directory)
        let outcome = try await ImageWriter(http: trusting, workDirectory: directory.path).write(
            WriteImageCommand(url: url, checksum: digest), to: DiskHandle.open(path: disk.path))
        await trusting.shutdown()
        #expect(outcome.checksum.hex == digest)
        #expect(try await AgentFixtures.sameBytes(raw, disk, count: AgentFixtures.size(of: raw)))

        // The client retries failed handshakes until its connect timeout expires: short enough to
        // keep the test quick, long enough that a loaded machine completes the first handshake.
        let untrusting = AgentHTTPClient(connectTimeout: .seconds(3))
        let error = await #expect(throws: ImageWriteError.self) {
            try await ImageWriter(http: untrusting, workDirectory: directory.path).write(
                WriteImageCommand(url: url, checksum: digest), to: DiskHandle.open(path: disk.path))
        }
        await untrusting.shutdown()
        #expect(error?.description.lowercased().contains("certificate") == true, "\(String(describing: error))")
    }
}
