/// String formats that both the CRDs (as regular expressions) and the decoder (as Swift
/// predicates) check. `CRDAgreementTests` runs both on the same documents.
extension Schema.Pattern {
    /// Six colon-separated hex pairs: Metal3's `bootMACAddress` pattern.
    public static let macAddress = Schema.Pattern(
        regex: "^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$",
        message: "invalid MAC address (expected six colon-separated hex pairs, e.g. 00:1a:74:74:e5:cb)",
        matches: { text in
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count == 6
                && parts.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isHexDigit } }
        }
    )

    /// A Kubernetes version: `v1.31.2`, optionally with a pre-release or build suffix.
    public static let kubernetesVersion = Schema.Pattern(
        regex: "^v[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]+)?$",
        message: "invalid Kubernetes version (expected e.g. v1.31.2)",
        matches: { text in
            guard text.hasPrefix("v") else {
                return false
            }
            var core = Substring(text.dropFirst())
            var suffix: Substring = ""
            if let mark = core.firstIndex(where: { $0 == "-" || $0 == "+" }) {
                suffix = core[core.index(after: mark)...]
                core = core[..<mark]
                guard !suffix.isEmpty,
                    suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".+-".contains($0)) })
                else {
                    return false
                }
            }
            let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
            return numbers.count == 3
                && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        }
    )

    /// SCSI address `host:channel:target:lun`, as Ironic's `hctl` root device hint.
    public static let hctl = Schema.Pattern(
        regex: "^[0-9]+:[0-9]+:[0-9]+:[0-9]+$",
        message: "invalid HCTL (expected host:channel:target:lun, e.g. 0:0:0:0)",
        matches: { text in
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        }
    )

    /// A device path: `/dev/sda` or `/dev/disk/by-path/...`.
    public static let devicePath = Schema.Pattern(
        regex: "^/dev/.+$",
        message: "invalid device name (expected a /dev path such as /dev/sda or /dev/disk/by-path/...)",
        matches: { $0.hasPrefix("/dev/") && $0.count > 5 }
    )
}
