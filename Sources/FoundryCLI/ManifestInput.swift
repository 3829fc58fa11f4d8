import Foundation
import FoundryModel

/// Reads what `-f` names: a file, every `.yaml`/`.yml`/`.json` file of a directory (sorted), or
/// `-` for standard input. Sizes are checked before reading, so a huge file is refused without
/// being loaded.
public enum ManifestInput {
    public typealias Input = (source: String?, data: Data)

    public static func read(_ arguments: [String], limit: Int = ManifestLimits.default.maxInputBytes) throws -> [Input]
    {
        var inputs: [Input] = []
        var problems: [String] = []
        for argument in arguments {
            do {
                inputs += try self.read(argument, limit: limit)
            } catch let failure as CommandFailure {
                problems += failure.lines
            }
        }
        if !problems.isEmpty {
            throw CommandFailure(problems)
        }
        return inputs
    }

    private static func read(_ argument: String, limit: Int) throws -> [Input] {
        if argument == "-" {
            return [("-", try self.readStandardInput(limit: limit))]
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
            throw CommandFailure("\(argument): no such file or directory")
        }
        guard isDirectory.boolValue else {
            return [(argument, try self.readFile(argument, limit: limit))]
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: argument)
        } catch {
            throw CommandFailure("\(argument): cannot list the directory: \(error.localizedDescription)")
        }
        let manifests = names.filter { name in
            [".yaml", ".yml", ".json"].contains { name.hasSuffix($0) } && !name.hasPrefix(".")
        }.sorted()
        if manifests.isEmpty {
            throw CommandFailure("\(argument): no .yaml, .yml or .json files in the directory")
        }
        return try manifests.map { name in
            let path = (argument as NSString).appendingPathComponent(name)
            return (path, try self.readFile(path, limit: limit))
        }
    }

    private static func readFile(_ path: String, limit: Int) throws -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        if size > limit {
            throw CommandFailure("\(path): \(size) bytes, over the \(limit)-byte input limit")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandFailure("\(path): cannot open for reading")
        }
        defer { try? handle.close() }
        // Read one byte past the limit: a file that grew since the size check is still refused.
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        if data.count > limit {
            throw CommandFailure("\(path): over the \(limit)-byte input limit")
        }
        return data
    }

    private static func readStandardInput(limit: Int) throws -> Data {
        var data = Data()
        let handle = FileHandle.standardInput
        while true {
            let chunk = (try? handle.read(upToCount: 1 << 20)) ?? Data()
            if chunk.isEmpty {
                return data
            }
            data.append(chunk)
            if data.count > limit {
                throw CommandFailure("standard input: over the \(limit)-byte input limit")
            }
        }
    }
}
