import Foundation
import Simulator
import TestSupport
import Testing

/// DMTF's validators against the simulator. Their reports stay in `artifacts/` for reading.
@Suite(.serialized)
struct RedfishValidatorTests {
    static var schemaDirectory: URL {
        ProjectPaths.firmwareMocks.appendingPathComponent("redfish/csdl")
    }

    static func reportDirectory(_ tool: String, vendor: String) throws -> URL {
        let url = ProjectPaths.artifacts.appendingPathComponent("\(tool)/\(vendor)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// redfish-service-validator walks every resource from the service root and checks each
    /// property against DMTF's CSDL schemas (shipped in firmware-mocks/redfish/csdl, since the
    /// tool cannot download them here; `--skipschema` keeps it from trying).
    @Test(arguments: RedfishSimHarness.vendors)
    func serviceValidatorFindsNoErrors(vendor: String) async throws {
        let python = try ExternalTool.venvPython()
        let wrapper = ProjectPaths.root.appendingPathComponent(
            "Tests/InteropTests/Scripts/rf_service_validator_html.py")
        let harness = try await RedfishSimHarness.start(vendor: vendor)
        let reports = try Self.reportDirectory("redfish-service-validator", vendor: vendor)
        let result = try await ProcessRunner.run(
            python,
            [
                wrapper.path, "--ip", harness.endpoint.baseURL, "--user", "admin", "--password", "password",
                "--authtype", "Session",
                "--logdir", reports.path, "--schema_directory", Self.schemaDirectory.path, "--skipschema",
            ],
            currentDirectory: reports,
            timeout: .seconds(300))
        await harness.stop()
        try result.combined.write(to: reports.appendingPathComponent("console.txt"), atomically: true, encoding: .utf8)
        let summary = Self.summary(result.stdout)
        #expect(
            result.status == 0 && !result.timedOut,
            "\(vendor): validator failed; see \(reports.path)\n\(result.combined.suffix(3000))")
        #expect(summary["FAIL"] == 0, "\(vendor): \(summary); see \(reports.path)")
        #expect((summary["PASS"] ?? 0) > 300, "\(vendor): too little was checked: \(summary)")
        let html =
            FileManager.default.enumerator(at: reports, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "html" } ?? []
        #expect(html.count == 1, "\(vendor): the HTML report is kept in \(reports.path)")
    }

    /// redfish-protocol-validator checks HTTP behaviour: headers, methods, status codes, sessions,
    /// ETags, accounts. Every assertion it fails must be listed, with its reason, in the README's
    /// "Redfish protocol validator" section.
    @Test(arguments: RedfishSimHarness.vendors)
    func protocolValidatorFailsOnlyWhatTheREADMEExplains(vendor: String) async throws {
        let python = try ExternalTool.venvPython()
        let wrapper = ProjectPaths.root.appendingPathComponent(
            "Tests/InteropTests/Scripts/rf_protocol_validator_loopback.py")
        let harness = try await RedfishSimHarness.start(vendor: vendor)
        let reports = try Self.reportDirectory("redfish-protocol-validator", vendor: vendor)
        let result = try await ProcessRunner.run(
            python,
            [
                wrapper.path, "--rhost", harness.endpoint.baseURL, "--user", "admin", "--password", "password",
                "--report-dir", reports.path, "--no-cert-check", "--avoid-http-redirect", "--report-type", "both",
            ],
            // The machine-wide CA bundle variables would override the tool's --no-cert-check.
            environment: ["REQUESTS_CA_BUNDLE": "", "CURL_CA_BUNDLE": ""],
            currentDirectory: reports,
            timeout: .seconds(300))
        await harness.stop()
        try result.combined.write(to: reports.appendingPathComponent("console.txt"), atomically: true, encoding: .utf8)
        #expect(!result.timedOut, "\(vendor): the protocol validator did not finish")
        let tsv = try FileManager.default.contentsOfDirectory(at: reports, includingPropertiesForKeys: nil)
            .first { $0.pathExtension == "tsv" }
        let report = try String(
            contentsOf: try #require(tsv, "\(vendor): no TSV report in \(reports.path)"), encoding: .utf8)
        let rows = report.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let failed = Set(rows.filter { $0.count > 4 && $0[4] == "FAIL" }.map { String($0[0]) })
        let passed = rows.filter { $0.count > 4 && $0[4] == "PASS" }.count
        let readme = try String(contentsOf: ProjectPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let explained = readme.components(separatedBy: "## Redfish protocol validator").dropFirst().first ?? ""
        for assertion in failed.sorted() {
            #expect(explained.contains(assertion), "\(vendor): \(assertion) fails and the README does not explain it")
        }
        #expect(passed > 200, "\(vendor): only \(passed) assertions passed")
    }

    /// The counts in the validator's summary table (`| PASS | WARN | FAIL | NOT TESTED |`).
    static func summary(_ output: String) -> [String: Int] {
        // Colour codes first: their digits are not counts.
        let plain = output.replacing(/\u{1B}\[[0-9;]*m/, with: "")
        let lines = plain.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let header = lines.firstIndex(where: { $0.contains("PASS") && $0.contains("FAIL") && $0.hasPrefix("|") }),
            header + 2 < lines.count
        else {
            return [:]
        }
        let names = lines[header].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = lines[header + 2].split(separator: "|").map {
            $0.filter(\.isNumber)
        }
        var result: [String: Int] = [:]
        for (name, value) in zip(names, values) {
            result[name] = Int(value)
        }
        return result
    }
}
