import ArgumentParser
import BMC
import Foundation

extension FoundryCommand.BMCCommand {
    /// `foundry bmc media insert URL | eject | status`: the virtual CD, on BMCs that have one (Redfish).
    struct Media: AsyncParsableCommand {
        enum Verb: String, ExpressibleByArgument, CaseIterable {
            case insert, eject, status
        }

        static let configuration = CommandConfiguration(
            abstract: "Attach an ISO by URL as the virtual CD (insert URL), detach it (eject), or show it (status).")

        @Argument(help: "insert, eject or status.")
        var verb: Verb

        @Argument(help: "The ISO's URL (for insert).")
        var url: String?

        @OptionGroup var connection: BMCConnectionArguments

        func validate() throws {
            switch self.verb {
            case .insert:
                guard let url = self.url, let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
                    ["http", "https", "nfs", "cifs"].contains(scheme), parsed.host?.isEmpty == false
                else {
                    throw ValidationError("media insert needs the image URL, e.g. http://10.0.0.1/boot.iso")
                }
            case .eject, .status:
                if self.url != nil {
                    throw ValidationError("media \(self.verb.rawValue) takes no URL")
                }
            }
        }

        func run() async throws {
            let line = try await FoundryCommand.BMCCommand.withDriver(self.connection) { driver throws(BMCError) in
                guard let media = driver as? any VirtualMediaControl else {
                    throw BMCError(
                        .unsupported, "\(driver.address.scheme) has no virtual media; use a Redfish address")
                }
                switch self.verb {
                case .insert:
                    try await media.insertMedia(url: self.url ?? "")
                    return "media inserted: \(self.url ?? "")"
                case .eject:
                    try await media.ejectMedia()
                    return "media ejected"
                case .status:
                    let status = try await media.mediaStatus()
                    let device = status.deviceID.map { " (\($0))" } ?? ""
                    return status.inserted ? "media: \(status.image ?? "?")\(device)" : "media: none\(device)"
                }
            }
            print(line)
        }
    }
}
