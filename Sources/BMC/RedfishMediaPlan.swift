import RedfishModel

/// Picks the virtual media device for an ISO and how to drive it. Pure.
public enum RedfishMediaPlan {
    public enum Style: Sendable, Hashable {
        /// `#VirtualMedia.InsertMedia` / `EjectMedia` actions at these targets.
        case action(insert: String, eject: String?)
        /// PATCH of `Image` and `Inserted` on the device itself, as older firmware (iLO 5) wants.
        case patch
    }

    /// The first device that takes a CD (a `CD`-typed one before a DVD-only one).
    public static func chooseDevice(_ devices: [VirtualMedia]) throws(BMCError) -> VirtualMedia {
        if let device = devices.first(where: { $0.mediaTypes?.contains(.cd) == true }) {
            return device
        }
        if let device = devices.first(where: \.acceptsCD) {
            return device
        }
        let found = devices.map { "\($0.id) [\(($0.mediaTypes ?? []).map(\.rawValue).joined(separator: ", "))]" }
        throw BMCError(
            .unsupported,
            "no virtual media device takes a CD (found: \(found.isEmpty ? "none" : found.joined(separator: "; ")))")
    }

    /// Actions when the device advertises them; else PATCH when the device allows it.
    public static func style(of device: VirtualMedia, allowsPatch: Bool) throws(BMCError) -> Style {
        if let insert = device.insertMediaAction {
            return .action(insert: insert.target, eject: device.ejectMediaAction?.target)
        }
        guard allowsPatch else {
            throw BMCError(
                .unsupported,
                "virtual media \(device.odataID) has neither an InsertMedia action nor PATCH in its Allow header")
        }
        return .patch
    }

    /// Whether the device already shows this image.
    public static func isInserted(_ image: String, in device: VirtualMedia) -> Bool {
        device.inserted == true && device.image == image
    }
}
