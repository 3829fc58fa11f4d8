/// The IPMB two's-complement checksum: the bytes plus their checksum sum to zero (mod 256).
public enum IPMIChecksum {
    public static func compute<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt8 {
        var sum: UInt8 = 0
        for byte in bytes {
            sum &+= byte
        }
        return 0 &- sum
    }
}
