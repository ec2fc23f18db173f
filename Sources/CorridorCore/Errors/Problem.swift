import Foundation

/// One thing wrong with an input, located as precisely as the input allows.
/// The same value renders in the JSON error envelope and on the command line.
public struct Problem: Sendable, Equatable, Codable {
    public var row: Int?
    public var column: String?
    public var field: String?
    public var problem: String

    public init(row: Int? = nil, column: String? = nil, field: String? = nil, problem: String) {
        self.row = row
        self.column = column
        self.field = field
        self.problem = problem
    }

    /// "row 12, column Quantity (#quantity), field quantity: must be a number"
    public var located: String {
        var parts: [String] = []
        if let row { parts.append("row \(row)") }
        if let column { parts.append("column \(column)") }
        if let field { parts.append("field \(field)") }
        return parts.isEmpty ? problem : parts.joined(separator: ", ") + ": " + problem
    }
}
