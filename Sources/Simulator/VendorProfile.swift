import Foundation
import Yams

/// A vendor profile (`firmware-mocks/vendors/*.yaml`): how one make of BMC presents Redfish: its
/// resource ids, where virtual media hangs and how it is driven, which values it allows, and the
/// quirks the operator must cope with.
///
/// ```yaml
/// name: dell-idrac9
/// manufacturer: Dell Inc.
/// bmc: {model: iDRAC 9, firmwareVersion: 7.00.00.171}
/// protocols: [ipmi, redfish]
/// redfish:
///   systemId: System.Embedded.1      # "{uuid}" stands for the server's system UUID
///   managerId: iDRAC.Embedded.1
///   chassisId: System.Embedded.1
///   virtualMedia:
///     location: manager              # manager | system
///     style: action                  # action | patch
///     insertWhenInserted: conflict   # replace | conflict
///     slots: [{id: CD, mediaTypes: [CD, DVD]}, {id: RemovableDisk, mediaTypes: [Floppy, USBStick]}]
/// ```
public struct VendorProfile: Codable, Sendable, Hashable {
    public var name: String
    /// The BMC maker, as the Manager resource reports it.
    public var manufacturer: String
    public var bmc: BMC
    /// `ipmi`, `redfish`: the endpoints a server of this vendor offers.
    public var protocols: [String]
    public var redfish: Redfish

    public struct BMC: Codable, Sendable, Hashable {
        public var model: String
        public var firmwareVersion: String
    }

    public struct Redfish: Codable, Sendable, Hashable {
        public var systemId: String
        public var managerId: String
        public var chassisId: String
        public var redfishVersion: String?
        public var product: String?
        public var virtualMedia: VirtualMediaSettings
        /// ResetType values `#ComputerSystem.Reset` takes.
        public var resetTypes: [String]
        /// BootSourceOverrideTarget values the system allows.
        public var bootTargets: [String]
        /// Whether the system has BootSourceOverrideMode (old firmware has none and rejects it).
        public var bootModeOverride: Bool?
        /// Whether the SessionService exists (all current firmware has it).
        public var sessions: Bool?
        /// Seconds a SimpleUpdate task runs before it completes.
        public var updateTaskSeconds: Double?
        /// BIOS attributes on top of those derived from the hardware profile.
        public var biosAttributes: [String: String]?
    }

    public struct VirtualMediaSettings: Codable, Sendable, Hashable {
        /// Where the VirtualMedia collection hangs.
        public var location: Location
        public var style: Style
        /// What InsertMedia on a device that holds an image does.
        public var insertWhenInserted: InsertPolicy?
        /// Whether InsertMedia refuses `Inserted` and `WriteProtected` parameters (Supermicro X11/X12).
        public var rejectsInsertedParameter: Bool?
        public var slots: [Slot]

        public enum Location: String, Codable, Sendable, Hashable {
            case manager
            case system
        }

        public enum Style: String, Codable, Sendable, Hashable {
            /// `#VirtualMedia.InsertMedia` / `EjectMedia` actions.
            case action
            /// PATCH of `Image` / `Inserted` on the device; no actions advertised.
            case patch
        }

        public enum InsertPolicy: String, Codable, Sendable, Hashable {
            case replace
            case conflict
        }

        public struct Slot: Codable, Sendable, Hashable {
            public var id: String
            public var mediaTypes: [String]
        }
    }

    public var offersIPMI: Bool { self.protocols.contains("ipmi") }
    public var offersRedfish: Bool { self.protocols.contains("redfish") }

    /// The slots as the server state keeps them.
    public var virtualMediaSlots: [VirtualMediaSlot] {
        self.redfish.virtualMedia.slots.map { VirtualMediaSlot(id: $0.id, mediaTypes: $0.mediaTypes) }
    }

    /// Makes the server config follow this vendor (its virtual media devices and system path).
    public func apply(to config: inout ServerConfig) {
        config.virtualMediaSlots = self.virtualMediaSlots
        config.redfishSystemPath = RedfishIDs(vendor: self, config: config).systemPath
    }

    /// Applies each server's vendor profile (loaded once per vendor) to a fleet's configs.
    public static func apply(to configs: [ServerConfig], mocks: URL) throws(SimulatorError) -> [ServerConfig] {
        var profiles: [String: VendorProfile] = [:]
        var result: [ServerConfig] = []
        for var config in configs {
            let profile: VendorProfile
            if let loaded = profiles[config.vendor] {
                profile = loaded
            } else {
                profile = try VendorProfile.load(name: config.vendor, mocks: mocks)
                profiles[config.vendor] = profile
            }
            profile.apply(to: &config)
            result.append(config)
        }
        return result
    }

    public static func load(name: String, mocks: URL) throws(SimulatorError) -> VendorProfile {
        let url = mocks.appendingPathComponent("vendors/\(name).yaml")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw SimulatorError.missingProfile(kind: "vendor", name: name, searched: url.path)
        }
        return try self.parse(text, source: url.lastPathComponent)
    }

    public static func parse(_ text: String, source: String) throws(SimulatorError) -> VendorProfile {
        let profile: VendorProfile
        do {
            profile = try YAMLDecoder().decode(VendorProfile.self, from: text)
        } catch {
            throw SimulatorError.invalidFleet("vendor profile \(source): \(error)")
        }
        try profile.validate(source: source)
        return profile
    }

    private func validate(source: String) throws(SimulatorError) {
        let media = self.redfish.virtualMedia
        if media.slots.isEmpty {
            throw .invalidFleet("vendor profile \(source): redfish.virtualMedia.slots: needs at least one slot")
        }
        if Set(media.slots.map(\.id)).count != media.slots.count {
            throw .invalidFleet("vendor profile \(source): redfish.virtualMedia.slots: ids must differ")
        }
        for (index, slot) in media.slots.enumerated() where slot.id.isEmpty || slot.id.contains("/") {
            throw .invalidFleet(
                "vendor profile \(source): redfish.virtualMedia.slots[\(index)].id: \"\(slot.id)\" is not a valid id")
        }
        if !self.redfish.resetTypes.contains("On") {
            throw .invalidFleet("vendor profile \(source): redfish.resetTypes: must include On")
        }
        for (field, id) in [
            ("systemId", self.redfish.systemId), ("managerId", self.redfish.managerId),
            ("chassisId", self.redfish.chassisId),
        ] where id.isEmpty || id.contains("/") {
            throw .invalidFleet("vendor profile \(source): redfish.\(field): \"\(id)\" is not a valid id")
        }
    }
}
