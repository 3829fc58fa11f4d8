import Foundation

/// Serves the files of one directory over HTTP on 127.0.0.1, with byte ranges and faults a test
/// can inject: 503 answers, transfers cut short, ranges ignored.
public final class LoopbackFileServer: Sendable {
    public let directory: URL
    public let faults: Faults
    private let server: LoopbackHTTPServer

    public actor Faults {
        /// Answer this many requests with 503.
        public var unavailable = 0
        /// Cut this many transfers after `cutAfterBytes` body bytes.
        public var cuts = 0
        public var cutAfterBytes: Int64 = 0
        /// Answer range requests with the whole file (200), as some servers do.
        public var ignoreRanges = false
        /// Every request: its path and Range header.
        public private(set) var log: [(path: String, range: String?)] = []

        public func set(unavailable: Int = 0, cuts: Int = 0, cutAfterBytes: Int64 = 0, ignoreRanges: Bool = false) {
            self.unavailable = unavailable
            self.cuts = cuts
            self.cutAfterBytes = cutAfterBytes
            self.ignoreRanges = ignoreRanges
        }

        func record(_ path: String, range: String?) {
            self.log.append((path, range))
        }

        func takeUnavailable() -> Bool {
            guard self.unavailable > 0 else { return false }
            self.unavailable -= 1
            return true
        }

        func takeCut() -> Int64? {
            guard self.cuts > 0 else { return nil }
            self.cuts -= 1
            return self.cutAfterBytes
        }
    }

    private init(directory: URL, faults: Faults, server: LoopbackHTTPServer) {
        self.directory = directory
        self.faults = faults
        self.server = server
    }

    public static func start(directory: URL) async throws -> LoopbackFileServer {
        let faults = Faults()
        let server = try await LoopbackHTTPServer.start { request in
            await Self.answer(request, directory: directory, faults: faults)
        }
        return LoopbackFileServer(directory: directory, faults: faults, server: server)
    }

    public func url(_ name: String) -> String {
        self.server.url("/" + name)
    }

    public var port: Int {
        self.server.port
    }

    public func stop() async {
        await self.server.stop()
    }

    private static func answer(
        _ request: LoopbackHTTPServer.Request, directory: URL, faults: Faults
    ) async
        -> LoopbackHTTPServer.Response
    {
        let name = String(request.uri.split(separator: "?").first?.dropFirst() ?? "")
        let range = request.header("Range")
        await faults.record(name, range: range)
        guard request.method == "GET" || request.method == "HEAD" else {
            return .text(405, "method not allowed")
        }
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            return .text(404, "not found")
        }
        let path = directory.appendingPathComponent(name).path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.int64Value
        else {
            return .text(404, "not found")
        }
        if await faults.takeUnavailable() {
            return .text(503, "try again")
        }
        let cut = await faults.takeCut()
        if let range, !(await faults.ignoreRanges), let start = Self.rangeStart(range), start < size {
            return LoopbackHTTPServer.Response(
                status: 206, headers: [("Content-Range", "bytes \(start)-\(size - 1)/\(size)")],
                body: .file(path: path, offset: start, length: size - start), cutAfter: cut)
        }
        return LoopbackHTTPServer.Response(status: 200, body: .file(path: path, offset: 0, length: size), cutAfter: cut)
    }

    /// `bytes=N-`.
    private static func rangeStart(_ header: String) -> Int64? {
        guard header.hasPrefix("bytes="), header.hasSuffix("-") else {
            return nil
        }
        return Int64(header.dropFirst(6).dropLast())
    }
}
