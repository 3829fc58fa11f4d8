import Foundation
import FoundryModel

/// Chooses the disk an image goes to, with Ironic's root device hint semantics: every hint given
/// must match; text compares case-insensitively; `model` and `vendor` match as substrings and the
/// other text hints exactly; `deviceName` may be the kernel path or a `/dev/disk/by-path` link;
/// `minSizeGigabytes` compares the size in GiB. Without hints the smallest disk of at least 4 GiB
/// wins, as in ironic-python-agent.
public enum RootDeviceSelector {
    public static let minimumSizeWithoutHints: Int64 = 4 << 30

    public static func select(
        from devices: [BlockDevice], hints: RootDeviceHints?
    ) throws(RootDeviceError) -> BlockDevice {
        let hints = hints.flatMap { $0 == RootDeviceHints() ? nil : $0 }
        var exclusions: [RootDeviceError.Exclusion] = []
        var candidates: [BlockDevice] = []
        for device in devices {
            let reasons = self.mismatches(device, hints: hints)
            if reasons.isEmpty {
                candidates.append(device)
            } else {
                exclusions.append(.init(device: device.summary, reasons: reasons))
            }
        }
        guard !candidates.isEmpty else {
            throw RootDeviceError(hints: hints.map(Self.describe) ?? [], exclusions: exclusions)
        }
        // With hints, Ironic takes the first match in device order; without, the smallest disk.
        if hints != nil {
            return candidates[0]
        }
        return candidates.min { ($0.sizeBytes, $0.kernelName) < ($1.sizeBytes, $1.kernelName) } ?? candidates[0]
    }

    /// Why `device` cannot be the root device under `hints`: one line per hint it fails.
    public static func mismatches(_ device: BlockDevice, hints: RootDeviceHints?) -> [String] {
        if device.readOnly {
            return ["the disk is read-only"]
        }
        guard let hints else {
            if device.sizeBytes < self.minimumSizeWithoutHints {
                return ["smaller than 4 GiB, the least a root disk needs when no hints are given"]
            }
            return []
        }
        var reasons: [String] = []
        if let name = hints.deviceName, !self.matchesName(device, name) {
            reasons.append("deviceName is \"\(name)\" but the disk is \(self.names(of: device))")
        }
        self.exact("hctl", hints.hctl, device.hctl, into: &reasons)
        self.contains("model", hints.model, device.model, into: &reasons)
        self.contains("vendor", hints.vendor, device.vendor, into: &reasons)
        self.exact("serialNumber", hints.serialNumber, device.serialNumber, into: &reasons)
        self.exact("wwn", hints.wwn, device.wwn, into: &reasons)
        self.exact("wwnWithExtension", hints.wwnWithExtension, device.wwnWithExtension, into: &reasons)
        self.exact("wwnVendorExtension", hints.wwnVendorExtension, device.wwnVendorExtension, into: &reasons)
        if let minimum = hints.minSizeGigabytes, minimum > 0 {
            let gibibytes = Double(device.sizeBytes) / Double(1 << 30)
            if gibibytes < Double(minimum) {
                reasons.append(String(format: "minSizeGigabytes is %d but the disk has %.1f GiB", minimum, gibibytes))
            }
        }
        if let rotational = hints.rotational, rotational != device.rotational {
            reasons.append("rotational is \(rotational) but the disk is \(device.rotational ? "" : "not ")rotational")
        }
        return reasons
    }

    private static func matchesName(_ device: BlockDevice, _ hint: String) -> Bool {
        let wanted = self.normalized(hint)
        if wanted.hasPrefix("/dev/disk/by-path/") {
            return device.byPath.map(self.normalized) == wanted
        }
        let path = wanted.hasPrefix("/dev/") ? wanted : "/dev/" + wanted
        return self.normalized(device.devicePath) == path
    }

    private static func names(of device: BlockDevice) -> String {
        device.devicePath + (device.byPath.map { " (\($0))" } ?? "")
    }

    private static func exact(_ hint: String, _ wanted: String?, _ actual: String?, into reasons: inout [String]) {
        guard let wanted else {
            return
        }
        guard let actual else {
            reasons.append("\(hint) is \"\(wanted)\" but the disk reports none")
            return
        }
        if self.normalized(actual) != self.normalized(wanted) {
            reasons.append("\(hint) is \"\(wanted)\" but the disk's is \"\(actual)\"")
        }
    }

    private static func contains(_ hint: String, _ wanted: String?, _ actual: String?, into reasons: inout [String]) {
        guard let wanted else {
            return
        }
        guard let actual else {
            reasons.append("\(hint) should contain \"\(wanted)\" but the disk reports none")
            return
        }
        if !self.normalized(actual).contains(self.normalized(wanted)) {
            reasons.append("\(hint) should contain \"\(wanted)\" but the disk's is \"\(actual)\"")
        }
    }

    private static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The hints as a reader would write them.
    static func describe(_ hints: RootDeviceHints) -> [String] {
        var parts: [String] = []
        if let value = hints.deviceName { parts.append("deviceName \"\(value)\"") }
        if let value = hints.hctl { parts.append("hctl \"\(value)\"") }
        if let value = hints.model { parts.append("model contains \"\(value)\"") }
        if let value = hints.vendor { parts.append("vendor contains \"\(value)\"") }
        if let value = hints.serialNumber { parts.append("serialNumber \"\(value)\"") }
        if let value = hints.minSizeGigabytes { parts.append("minSizeGigabytes \(value)") }
        if let value = hints.wwn { parts.append("wwn \"\(value)\"") }
        if let value = hints.wwnWithExtension { parts.append("wwnWithExtension \"\(value)\"") }
        if let value = hints.wwnVendorExtension { parts.append("wwnVendorExtension \"\(value)\"") }
        if let value = hints.rotational { parts.append("rotational \(value)") }
        return parts
    }
}

/// No disk can be the root device; says which disks exist and what excluded each.
public struct RootDeviceError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Exclusion: Sendable, Hashable {
        public var device: String
        public var reasons: [String]
    }

    /// The hints given, described; empty when there were none.
    public var hints: [String]
    public var exclusions: [Exclusion]

    public var description: String {
        let what = self.hints.isEmpty ? "no disk of at least 4 GiB" : "no disk matches the root device hints"
        let given = self.hints.isEmpty ? "" : " (\(self.hints.joined(separator: ", ")))"
        guard !self.exclusions.isEmpty else {
            return "\(what)\(given): the host has no disks"
        }
        let lines = self.exclusions.map { "  \($0.device): \($0.reasons.joined(separator: "; "))" }
        return "\(what)\(given):\n" + lines.joined(separator: "\n")
    }
}
