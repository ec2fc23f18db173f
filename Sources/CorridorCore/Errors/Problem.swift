import Foundation

/// One thing wrong with an input, located as precisely as the input allows.
/// The same value renders in the JSON error envelope and on the command line.
public struct Problem: Sendable, Equatable, Codable {
    /// The file the problem is in, when the input was a named file.
    public var file: String?
    public var row: Int?
    public var column: String?
    public var field: String?
    /// What is wrong, as a phrase each reader gets in their own language.
    public var phrase: Phrase

    public init(file: String? = nil, row: Int? = nil, column: String? = nil, field: String? = nil, problem: Phrase) {
        self.file = file
        self.row = row
        self.column = column
        self.field = field
        self.phrase = problem
    }

    /// What is wrong, in English.
    public var problem: String { phrase.english }

    /// "row 12, column Quantity (#quantity), field quantity: must be a number"
    public var located: String {
        var parts: [String] = []
        if let row { parts.append("row \(row)") }
        if let column { parts.append("column \(column)") }
        if let field { parts.append("field \(field)") }
        let text = (file.map { "\($0): " } ?? "") + problem
        return parts.isEmpty ? text : parts.joined(separator: ", ") + ": " + text
    }

    enum CodingKeys: String, CodingKey { case file, row, column, field, problem }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decodeIfPresent(String.self, forKey: .file)
        row = try container.decodeIfPresent(Int.self, forKey: .row)
        column = try container.decodeIfPresent(String.self, forKey: .column)
        field = try container.decodeIfPresent(String.self, forKey: .field)
        phrase = Phrase(verbatim: try container.decode(String.self, forKey: .problem))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(file, forKey: .file)
        try container.encodeIfPresent(row, forKey: .row)
        try container.encodeIfPresent(column, forKey: .column)
        try container.encodeIfPresent(field, forKey: .field)
        try container.encode(problem, forKey: .problem)
    }
}
