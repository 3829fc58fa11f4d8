/// kubectl's plain table: upper-case headers, columns padded to the widest cell, three spaces
/// between columns, no trailing spaces.
public struct TableWriter: Sendable {
    public var headers: [String]
    public var rows: [[String]] = []

    public init(headers: [String]) {
        self.headers = headers
    }

    public mutating func append(_ row: [String]) {
        self.rows.append(row)
    }

    public func render(includeHeaders: Bool = true) -> String {
        let all = (includeHeaders ? [self.headers] : []) + self.rows
        var widths = self.headers.map(\.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return all.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                let isLast = index == row.count - 1
                line += isLast ? cell : cell.padding(toLength: widths[index] + 3, withPad: " ", startingAt: 0)
            }
            return line
        }.joined(separator: "\n")
    }
}
