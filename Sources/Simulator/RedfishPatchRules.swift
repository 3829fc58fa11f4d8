import Foundation
import RedfishModel

/// How the simulated service checks and interprets request bodies: which keys it takes, which
/// values, and what they change. Pure; every refusal names the property at fault.
enum RedfishPatchRules {
    enum MediaChange: Sendable, Hashable {
        case insert(String)
        case eject
        case none
    }

    static let bootKeys: Set<String> = [
        "BootSourceOverrideTarget", "BootSourceOverrideEnabled", "BootSourceOverrideMode",
    ]

    /// The override after a PATCH of `Boot`, or nil when the system will boot normally.
    static func bootOverride(
        _ boot: [String: JSONValue], current: SimBootOverride?, renderer: RedfishRenderer
    )
        throws(RedfishFailure) -> SimBootOverride?
    {
        let shown = renderer.boot()
        let modeSupported = shown.bootSourceOverrideMode != nil
        for key in boot.keys.sorted()
        where !self.bootKeys.contains(key) || (key == "BootSourceOverrideMode" && !modeSupported) {
            let known =
                key.hasPrefix("BootSourceOverride")
                && (key != "BootSourceOverrideMode" || modeSupported)
            throw .notWritable(key, known: known, path: "Boot")
        }
        var target = shown.bootSourceOverrideTarget ?? .none
        var enabled = shown.bootSourceOverrideEnabled ?? .disabled
        var mode = shown.bootSourceOverrideMode ?? .uefi
        if let value = boot["BootSourceOverrideTarget"] {
            let name = try self.string(value, property: "Boot/BootSourceOverrideTarget")
            let allowed = (shown.bootSourceOverrideTargetAllowableValues ?? []).map(\.rawValue)
            guard allowed.contains(name) else {
                throw self.notInList(name, "BootSourceOverrideTarget")
            }
            target = ComputerSystem.BootSource(rawValue: name)
            if boot["BootSourceOverrideEnabled"] == nil, enabled == .disabled {
                // Naming a target without saying for how long means the next boot, as firmware does.
                enabled = .once
            }
        }
        if let value = boot["BootSourceOverrideEnabled"] {
            let name = try self.string(value, property: "Boot/BootSourceOverrideEnabled")
            guard ["Disabled", "Once", "Continuous"].contains(name) else {
                throw self.notInList(name, "BootSourceOverrideEnabled")
            }
            enabled = ComputerSystem.BootSourceOverrideEnabled(rawValue: name)
        }
        if let value = boot["BootSourceOverrideMode"] {
            let name = try self.string(value, property: "Boot/BootSourceOverrideMode")
            guard ["UEFI", "Legacy"].contains(name) else {
                throw self.notInList(name, "BootSourceOverrideMode")
            }
            mode = ComputerSystem.BootSourceOverrideMode(rawValue: name)
        }
        guard let device = RedfishRenderer.bootDevice(target) else {
            throw self.notInList(target.rawValue, "BootSourceOverrideTarget")
        }
        let simMode: SimBootMode = mode == .legacy ? .legacy : .uefi
        if device == .none || enabled == .disabled {
            // No override, but a chosen mode is kept for the next override.
            return simMode == renderer.config.defaultBootMode ? nil : SimBootOverride(device: .none, mode: simMode)
        }
        return SimBootOverride(device: device, persistent: enabled == .continuous, mode: simMode)
    }

    /// The validated attributes of a BIOS settings PATCH.
    static func biosAttributes(
        _ attributes: [String: JSONValue], current: [String: JSONValue]
    ) throws(RedfishFailure)
        -> [String: JSONValue]
    {
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            guard let existing = current[name] else {
                throw RedfishFailure(400, .propertyUnknown, name, relatedProperties: ["#/Attributes/\(name)"])
            }
            guard existing.typeName == value.typeName else {
                throw RedfishFailure(
                    400, .propertyValueTypeError, value.description, name, relatedProperties: ["#/Attributes/\(name)"])
            }
        }
        return attributes
    }

    /// A PATCH of a virtual media device (the style iLO 5 wants).
    static func mediaPatch(_ body: [String: JSONValue]) throws(RedfishFailure) -> MediaChange {
        let inserted = try body["Inserted"].map { (value) throws(RedfishFailure) in
            try self.bool(value, property: "Inserted")
        }
        if let protect = body["WriteProtected"] {
            _ = try self.bool(protect, property: "WriteProtected")
        }
        switch body["Image"] {
        case .some(.null), .some(.string("")):
            return .eject
        case .some(.string(let image)):
            guard self.isImageURL(image) else {
                throw RedfishFailure(400, .propertyValueFormatError, image, "Image", relatedProperties: ["#/Image"])
            }
            return inserted == false ? .eject : .insert(image)
        case .some(let other):
            throw RedfishFailure(
                400, .propertyValueTypeError, other.description, "Image", relatedProperties: ["#/Image"])
        case .none:
            switch inserted {
            case .some(false): return .eject
            case .some(true): throw .propertyMissing("Image")
            case .none: return MediaChange.none
            }
        }
    }

    static let insertParameters: Set<String> = [
        "Image", "Inserted", "WriteProtected", "TransferProtocolType", "TransferMethod", "UserName", "Password",
    ]
    static let transferProtocols: Set<String> = ["CIFS", "FTP", "SFTP", "HTTP", "HTTPS", "NFS", "SCP", "TFTP", "OEM"]

    /// The body of `#VirtualMedia.InsertMedia`.
    static func insertMedia(
        _ body: [String: JSONValue], rejectsInsertedParameter: Bool
    ) throws(RedfishFailure)
        -> MediaChange
    {
        let action = "VirtualMedia.InsertMedia"
        for key in body.keys.sorted()
        where !self.insertParameters.contains(key)
            || (rejectsInsertedParameter && (key == "Inserted" || key == "WriteProtected"))
        {
            throw RedfishFailure(400, .actionParameterUnknown, action, key, relatedProperties: ["#/\(key)"])
        }
        guard let value = body["Image"] else {
            throw .actionParameterMissing(action, "Image")
        }
        guard case .string(let image) = value else {
            throw RedfishFailure(
                400, .actionParameterValueTypeError, value.description, "Image", action, relatedProperties: ["#/Image"])
        }
        guard self.isImageURL(image) else {
            throw RedfishFailure(
                400, .actionParameterValueFormatError, image, "Image", action, relatedProperties: ["#/Image"])
        }
        if let value = body["TransferProtocolType"] {
            guard case .string(let name) = value, self.transferProtocols.contains(name) else {
                throw RedfishFailure(
                    400, .actionParameterValueNotInList, value.description, "TransferProtocolType", action,
                    relatedProperties: ["#/TransferProtocolType"])
            }
        }
        for key in ["Inserted", "WriteProtected"] {
            if let flag = body[key], flag.boolValue == nil {
                throw RedfishFailure(
                    400, .actionParameterValueTypeError, flag.description, key, action, relatedProperties: ["#/\(key)"])
            }
        }
        return .insert(image)
    }

    /// The `ResetType` of a reset action; nil when it is optional and absent.
    static func resetType(
        _ body: [String: JSONValue], allowed: [String], action: String = "ComputerSystem.Reset", required: Bool = true
    ) throws(RedfishFailure) -> String? {
        for key in body.keys.sorted() where key != "ResetType" {
            throw RedfishFailure(400, .actionParameterUnknown, action, key, relatedProperties: ["#/\(key)"])
        }
        guard let value = body["ResetType"] else {
            if required {
                throw .actionParameterMissing(action, "ResetType")
            }
            return nil
        }
        guard case .string(let type) = value else {
            throw RedfishFailure(
                400, .actionParameterValueTypeError, value.description, "ResetType", action,
                relatedProperties: ["#/ResetType"])
        }
        guard allowed.contains(type) else {
            throw RedfishFailure(
                400, .actionParameterValueNotInList, type, "ResetType", action, relatedProperties: ["#/ResetType"])
        }
        return type
    }

    /// The image of `#UpdateService.SimpleUpdate`.
    static func simpleUpdateImage(_ body: [String: JSONValue]) throws(RedfishFailure) -> String {
        let action = "UpdateService.SimpleUpdate"
        for key in body.keys.sorted()
        where !["ImageURI", "TransferProtocol", "Targets", "Username", "Password"].contains(key) {
            throw RedfishFailure(400, .actionParameterUnknown, action, key, relatedProperties: ["#/\(key)"])
        }
        guard let value = body["ImageURI"] else {
            throw .actionParameterMissing(action, "ImageURI")
        }
        guard case .string(let image) = value, self.isImageURL(image) else {
            throw RedfishFailure(
                400, .actionParameterValueFormatError, value.description, "ImageURI", action,
                relatedProperties: ["#/ImageURI"])
        }
        if let value = body["TransferProtocol"], value != .string("HTTP"), value != .string("HTTPS") {
            throw RedfishFailure(
                400, .actionParameterValueNotInList, value.description, "TransferProtocol", action,
                relatedProperties: ["#/TransferProtocol"])
        }
        return image
    }

    /// An absolute URL a BMC could fetch an image from.
    static func isImageURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            return false
        }
        return ["http", "https", "nfs", "cifs", "smb", "ftp", "sftp", "tftp", "scp"].contains(scheme)
    }

    private static func string(_ value: JSONValue, property: String) throws(RedfishFailure) -> String {
        guard case .string(let text) = value else {
            let name = property.split(separator: "/").last.map(String.init) ?? property
            throw RedfishFailure(
                400, .propertyValueTypeError, value.description, name, relatedProperties: ["#/\(property)"])
        }
        return text
    }

    private static func bool(_ value: JSONValue, property: String) throws(RedfishFailure) -> Bool {
        guard case .bool(let flag) = value else {
            throw RedfishFailure(
                400, .propertyValueTypeError, value.description, property, relatedProperties: ["#/\(property)"])
        }
        return flag
    }

    private static func notInList(_ value: String, _ property: String) -> RedfishFailure {
        RedfishFailure(400, .propertyValueNotInList, value, property, relatedProperties: ["#/Boot/\(property)"])
    }
}
