import AgentProtocol
import Foundation
import FoundryModel

/// Runs one agent command against the host and says how it ended. Never throws: every failure
/// becomes a failed `CommandResult` with a message for the operator.
public struct CommandExecutor: Sendable {
    public let root: HostRoot
    public let force: Bool
    public let writer: ImageWriter

    public init(root: HostRoot, force: Bool, writer: ImageWriter) {
        self.root = root
        self.force = force
        self.writer = writer
    }

    public typealias ProgressSink = @Sendable (CommandProgress) -> Void

    public func execute(_ command: AgentCommand, progress: @escaping ProgressSink = { _ in }) async -> CommandResult {
        var result = CommandResult(commandID: command.id, kind: command.kind, succeeded: true)
        do {
            switch command.action {
            case .none, .reboot, .powerOff:
                break
            case .inspect:
                result.inventory = try InventoryReader(root: self.root).read()
            case .writeImage(let writeImage):
                try await self.writeImage(writeImage, id: command.id, into: &result, progress: progress)
            case .clean(let clean):
                result.cleanedDevices = try DiskCleaner(root: self.root, force: self.force).clean(mode: clean.mode)
            }
        } catch {
            result.succeeded = false
            result.message = String(describing: error)
        }
        return result
    }

    private func writeImage(
        _ command: WriteImageCommand, id: String, into result: inout CommandResult, progress: @escaping ProgressSink
    ) async throws {
        let devices = InventoryReader(root: self.root).blockDevices()
        let device = try RootDeviceSelector.select(from: devices, hints: command.rootDeviceHints)
        if !self.force, let reason = DiskSafety(root: self.root).reasonNotToWrite(device) {
            throw UnsafeDiskError(reason: reason)
        }
        result.rootDevice = RootDeviceReport(
            name: device.devicePath, byPath: device.byPath, sizeBytes: device.sizeBytes,
            serialNumber: device.serialNumber)
        // The ISO is built first: a config drive that cannot be made stops the write before it starts.
        let iso = try command.configDrive.map { try ConfigDrive.image(for: $0, date: Date()) }
        let disk = try DiskHandle.open(path: self.root.absolute("dev/\(device.kernelName)"), force: self.force)
        let outcome = try await self.writer.write(command, to: disk) { phase, done, total in
            progress(CommandProgress(commandID: id, phase: phase, bytesDone: done, bytesTotal: total))
        }
        result.bytesWritten = outcome.bytesWritten
        if let iso {
            progress(CommandProgress(commandID: id, phase: "configDrive", bytesDone: 0, bytesTotal: Int64(iso.count)))
            do {
                let placement = try ConfigDriveWriter.write(iso, to: disk, sectorSize: device.sectorSize)
                result.message = "config drive on partition \(placement.partitionNumber)"
            } catch {
                _ = try? DiskWiper.wipeMetadata(disk, sectorSize: device.sectorSize)
                throw error
            }
        }
    }
}
