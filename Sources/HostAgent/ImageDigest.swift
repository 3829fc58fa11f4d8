import Crypto

/// A running md5, sha256 or sha512 over an image's bytes.
struct ImageDigest {
    private enum State {
        case md5(Insecure.MD5)
        case sha256(SHA256)
        case sha512(SHA512)
    }

    let algorithm: ImageChecksum.Algorithm
    private var state: State

    init(_ algorithm: ImageChecksum.Algorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .md5: self.state = .md5(Insecure.MD5())
        case .sha256: self.state = .sha256(SHA256())
        case .sha512: self.state = .sha512(SHA512())
        }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch self.state {
        case .md5(var hash):
            hash.update(bufferPointer: bytes)
            self.state = .md5(hash)
        case .sha256(var hash):
            hash.update(bufferPointer: bytes)
            self.state = .sha256(hash)
        case .sha512(var hash):
            hash.update(bufferPointer: bytes)
            self.state = .sha512(hash)
        }
    }

    func finalize() -> String {
        switch self.state {
        case .md5(let hash): Self.hex(hash.finalize())
        case .sha256(let hash): Self.hex(hash.finalize())
        case .sha512(let hash): Self.hex(hash.finalize())
        }
    }

    private static func hex(_ digest: some Digest) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(Self.digestLength(digest) * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }

    private static func digestLength(_ digest: some Digest) -> Int {
        type(of: digest).byteCount
    }
}
