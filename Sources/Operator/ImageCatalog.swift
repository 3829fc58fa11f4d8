import AsyncHTTPClient
import Foundation
import NIOCore

/// The images the operator serves under `/images/`: files in the image directory by name, the
/// `file://` images hosts name (which an agent on another machine cannot read), and a cache of
/// remote images, fetched once however many hosts write them.
actor ImageCatalog {
    enum Entry: Sendable, Hashable {
        case file(path: String)
        case remote(url: String)
    }

    struct ServeError: Error, Sendable, CustomStringConvertible {
        var status: Int
        var description: String
    }

    private let directory: String?
    private let cacheDirectory: String?
    private var entries: [String: Entry] = [:]
    private var downloads: [String: Task<String, any Error>] = [:]

    init(directory: String?, cacheDirectory: String?) {
        self.directory = directory
        self.cacheDirectory = cacheDirectory
    }

    /// The URL an agent should fetch `url` from: served by the operator for `file://` URLs, and for
    /// `http(s)://` ones when a cache directory is set; `url` itself otherwise.
    func agentURL(for url: String, operatorURL: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            return url
        }
        let entry: Entry
        switch scheme {
        case "file":
            entry = .file(path: components.path)
        case "http", "https":
            guard self.cacheDirectory != nil, !url.hasPrefix(operatorURL) else {
                return url
            }
            entry = .remote(url: url)
        default:
            return url
        }
        let id = Self.identifier(for: url)
        self.entries[id] = entry
        let name = (components.path as NSString).lastPathComponent
        let safeName = name.isEmpty || name == "/" ? "image" : name
        return operatorURL + "/images/\(id)/"
            + (safeName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "image")
    }

    /// The local file behind `/images/{rest}`, fetching a remote image into the cache first.
    func file(for rest: String) async throws(ServeError) -> String {
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw ServeError(status: 404, description: "no image \"\(rest)\"")
        }
        if parts.count == 1 {
            return try self.local(parts[0])
        }
        guard parts.count == 2, let entry = self.entries[parts[0]] else {
            throw ServeError(status: 404, description: "no image \"\(rest)\"")
        }
        switch entry {
        case .file(let path):
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ServeError(status: 404, description: "image file \(path) cannot be read")
            }
            return path
        case .remote(let url):
            return try await self.cached(id: parts[0], url: url)
        }
    }

    private func local(_ name: String) throws(ServeError) -> String {
        guard let directory = self.directory else {
            throw ServeError(status: 404, description: "no image directory is configured")
        }
        let path = (directory as NSString).appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ServeError(status: 404, description: "no image \"\(name)\"")
        }
        return path
    }

    private func cached(id: String, url: String) async throws(ServeError) -> String {
        guard let cacheDirectory = self.cacheDirectory else {
            throw ServeError(status: 404, description: "no image cache is configured")
        }
        let path = (cacheDirectory as NSString).appendingPathComponent(id)
        if FileManager.default.fileExists(atPath: path) {
            return path
        }
        let task: Task<String, any Error>
        if let running = self.downloads[id] {
            task = running
        } else {
            task = Task { try await Self.download(url, to: path) }
            self.downloads[id] = task
        }
        do {
            let result = try await task.value
            self.downloads[id] = nil
            return result
        } catch {
            self.downloads[id] = nil
            throw ServeError(status: 502, description: "fetching \(Self.redacted(url)) into the cache failed: \(error)")
        }
    }

    /// Streams `url` into `path` through a partial file renamed on success, so that a cached image
    /// is always whole.
    private static func download(_ url: String, to path: String) async throws -> String {
        let partial = path + ".partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil) else {
            throw ServeError(status: 500, description: "cannot create \(partial)")
        }
        guard let handle = FileHandle(forWritingAtPath: partial) else {
            throw ServeError(status: 500, description: "cannot write \(partial)")
        }
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .hours(24))
            guard response.status.code == 200 else {
                throw ServeError(status: 502, description: "HTTP \(response.status.code)")
            }
            for try await chunk in response.body {
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
            try handle.close()
            try FileManager.default.moveItem(atPath: partial, toPath: path)
            return path
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// A stable id for a URL (FNV-1a), so that a restarted operator serves the same URLs.
    static func identifier(for url: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "i" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The URL without user information, for messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil || components.user != nil else {
            return url
        }
        components.user = nil
        components.password = nil
        return components.string ?? url
    }
}
