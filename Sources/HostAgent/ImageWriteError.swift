/// Why an image write failed. `transient` errors (the network, a 5xx) are retried; the rest are not.
public enum ImageWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The command itself is wrong: URL, checksum, format.
    case invalidRequest(String)
    /// The image source answered with an error or the connection failed.
    case download(String, transient: Bool)
    /// The image is not what it should be: wrong checksum, wrong format, too large, unsafe qcow2.
    case badImage(String)
    /// Converting a qcow2 image failed.
    case conversion(String)

    public var description: String {
        switch self {
        case .invalidRequest(let reason): "invalid image request: \(reason)"
        case .download(let reason, _): "image download failed: \(reason)"
        case .badImage(let reason): "bad image: \(reason)"
        case .conversion(let reason): "qcow2 conversion failed: \(reason)"
        }
    }

    var isTransient: Bool {
        if case .download(_, let transient) = self {
            return transient
        }
        return false
    }
}
