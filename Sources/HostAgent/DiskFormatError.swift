/// A partition table, image header or config drive that cannot be read or made, naming the
/// structure and the field or byte that is wrong.
public struct DiskFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    public var structure: String
    public var problem: String

    public init(_ structure: String, _ problem: String) {
        self.structure = structure
        self.problem = problem
    }

    public var description: String {
        "\(self.structure): \(self.problem)"
    }
}
