import ArgumentParser
import BMC
import Foundation

extension FoundryCommand {
    struct BMCCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bmc",
            abstract: "Talk to a BMC directly: power, boot device, virtual media, identity.",
            discussion: """
                Uses the same drivers as the operator. Exit codes: 0 ok, 3 unreachable, 4 authentication \
                failed, 5 insufficient privilege, 6 command failed, 7 timeout, 8 unsupported, 9 protocol \
                error, 10 TLS verification failed, 11 invalid address, 64 usage error.
                """,
            subcommands: [Power.self, BootDevice.self, Info.self, Media.self]
        )
    }
}

extension FoundryCommand.BMCCommand {
    /// Runs `body` against a connected driver, closing it afterwards and turning BMC errors into exit codes.
    static func withDriver<T>(
        _ connection: BMCConnectionArguments, _ body: (any BMCDriver) async throws(BMCError) -> T
    ) async throws -> T {
        let driver: any BMCDriver
        do {
            driver = try await connection.connect()
        } catch let failure as BMCCommandFailure {
            throw Self.report(failure)
        }
        do {
            let result = try await body(driver)
            await driver.close()
            return result
        } catch {
            await driver.close()
            throw Self.report(BMCCommandFailure(error))
        }
    }

    private static func report(_ failure: BMCCommandFailure) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(failure.error)\n".utf8))
        return failure.exitCode
    }

    struct Power: AsyncParsableCommand {
        enum Verb: String, ExpressibleByArgument, CaseIterable {
            case status, on, off, cycle, reset, soft
        }

        static let configuration = CommandConfiguration(
            abstract: "Read or change power: status, on, off, cycle, reset, soft (ACPI shutdown).")

        @Argument(help: "status, on, off, cycle, reset or soft.")
        var verb: Verb

        @OptionGroup var connection: BMCConnectionArguments

        func run() async throws {
            let line = try await FoundryCommand.BMCCommand.withDriver(self.connection) { driver throws(BMCError) in
                switch self.verb {
                case .status:
                    return "power: \(try await driver.powerState().rawValue)"
                case .on, .off, .cycle, .reset, .soft:
                    let action = PowerAction(rawValue: self.verb.rawValue) ?? .on
                    try await driver.setPower(action)
                    return "power \(self.verb.rawValue): done"
                }
            }
            print(line)
        }
    }

    struct BootDevice: AsyncParsableCommand {
        enum Device: String, ExpressibleByArgument, CaseIterable {
            case pxe, disk, cdrom, bios, status
        }

        static let configuration = CommandConfiguration(
            commandName: "bootdev",
            abstract: "Set the next boot device (pxe, disk, cdrom, bios), or show it (status).")

        @Argument(help: "pxe, disk, cdrom, bios, or status to show the current override.")
        var device: Device

        @Flag(help: "Keep the device for every boot, not only the next one.")
        var persistent = false

        @Flag(name: .customLong("uefi"), help: "Boot in UEFI mode (the default).")
        var uefi = false

        @Flag(name: .customLong("legacy"), help: "Boot in legacy BIOS mode.")
        var legacy = false

        @OptionGroup var connection: BMCConnectionArguments

        func validate() throws {
            if self.uefi, self.legacy {
                throw ValidationError("--uefi and --legacy exclude each other")
            }
            if self.device == .status, self.persistent || self.legacy || self.uefi {
                throw ValidationError("bootdev status takes no --persistent, --uefi or --legacy")
            }
        }

        func run() async throws {
            let line = try await FoundryCommand.BMCCommand.withDriver(self.connection) { driver throws(BMCError) in
                guard let device = BMC.BootDevice(rawValue: self.device.rawValue) else {
                    guard let current = try await driver.bootDevice() else {
                        return "boot device: no override"
                    }
                    return "boot device: \(Self.describe(current))"
                }
                let override = BootOverride(
                    device: device, persistent: self.persistent, mode: self.legacy ? .legacy : .uefi)
                try await driver.setBootDevice(override)
                return "boot device set: \(Self.describe(override))"
            }
            print(line)
        }

        static func describe(_ override: BootOverride) -> String {
            "\(override.device.rawValue) (\(override.persistent ? "persistent" : "next boot only"), \(override.mode.rawValue))"
        }
    }

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the BMC's identity and firmware.")

        @OptionGroup var connection: BMCConnectionArguments

        func run() async throws {
            let info = try await FoundryCommand.BMCCommand.withDriver(self.connection) { driver throws(BMCError) in
                try await driver.info()
            }
            var lines: [String] = []
            if let value = info.manufacturer { lines.append("manufacturer: \(value)") }
            if let value = info.model { lines.append("model: \(value)") }
            if let value = info.firmwareVersion { lines.append("firmware: \(value)") }
            if let value = info.serialNumber { lines.append("serial: \(value)") }
            for key in info.extra.keys.sorted() {
                lines.append("\(key): \(info.extra[key] ?? "")")
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
