/// `/proc/cmdline`, for the `BOOTIF=` parameter that PXE loaders (pxelinux, iPXE) add to name the
/// NIC the host booted from.
public struct KernelCommandLine: Sendable, Hashable {
    public var parameters: [String: String]

    public init(parsing text: String) {
        var parameters: [String: String] = [:]
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            if let equals = word.firstIndex(of: "=") {
                parameters[String(word[..<equals])] = String(word[word.index(after: equals)...])
            } else {
                parameters[String(word)] = ""
            }
        }
        self.parameters = parameters
    }

    /// The boot MAC in lower-case colon form. pxelinux writes `01-aa-bb-cc-dd-ee-ff` (ARP hardware
    /// type 1 first); iPXE may write `aa:bb:cc:dd:ee:ff`.
    public var bootMAC: String? {
        guard let value = self.parameters["BOOTIF"]?.lowercased() else {
            return nil
        }
        var octets = value.split(whereSeparator: { $0 == "-" || $0 == ":" }).map(String.init)
        if octets.count == 7 && octets[0] == "01" {
            octets.removeFirst()
        }
        guard octets.count == 6, octets.allSatisfy({ $0.count == 2 && UInt8($0, radix: 16) != nil }) else {
            return nil
        }
        return octets.joined(separator: ":")
    }
}
