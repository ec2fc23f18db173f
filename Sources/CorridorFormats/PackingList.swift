import CorridorCore
import Foundation

/// The lines of a relief consignment read from a packing list (CSV or the first sheet of an XLSX).
/// The first row names the columns, in English, French or Spanish, or as HXL-style tags; the lines
/// are checked by the core like typed ones, and every problem is moved back to its file row and
/// column so the logistician can fix the spreadsheet.
public struct PackingList: Sendable {
    public enum Column: String, Sendable, CaseIterable {
        case description, itemCode = "item_code", hsCode = "hs_code", quantity, unit, grossKg = "gross_kg", value, currency, origin
        case reExportBy = "re_export_by"

        var required: Bool { self != .itemCode && self != .reExportBy }
    }

    public private(set) var lines: [DeclarationLineInput] = []
    /// The file row of each line.
    public private(set) var rows: [Int] = []
    /// The header the file used for each column.
    public private(set) var headers: [Column: String] = [:]

    public static let maximumLines = DeclarationInput.maximumLines

    static let aliases: [Column: [String]] = [
        .description: [
            "description", "goods description", "item description", "designation", "description des marchandises", "descripcion",
            "articulo",
        ],
        .itemCode: ["item code", "catalogue code", "item", "code article", "code", "codigo", "codigo articulo"],
        .hsCode: ["hs code", "hs", "tariff code", "commodity code", "code sh", "sh", "nomenclature", "codigo sa", "partida arancelaria"],
        .quantity: ["quantity", "qty", "quantite", "qte", "cantidad"],
        .unit: ["unit", "uom", "unit of measure", "unite", "unidad"],
        .grossKg: [
            "gross kg", "gross weight kg", "gross weight", "weight kg", "poids brut kg", "poids brut", "peso bruto kg", "peso bruto",
        ],
        .value: ["value", "declared value", "total value", "valeur", "valeur declaree", "valor", "valor declarado"],
        .currency: ["currency", "devise", "monnaie", "moneda", "divisa"],
        .origin: ["origin", "country of origin", "origine", "pays d origine", "origen", "pais de origen"],
        .reExportBy: [
            "re export by", "re export date", "temporary admission until", "reexportation avant", "date de reexportation",
            "reexportacion antes de", "fecha de reexportacion",
        ],
    ]

    static let lookup: [String: Column] = {
        var table: [String: Column] = [:]
        for (column, names) in aliases {
            for name in names { table[HeaderAliases.normalise(name)] = column }
            table[HeaderAliases.normalise(column.rawValue)] = column
        }
        return table
    }()

    /// Reads every row; a file whose columns cannot be understood, or with no lines, is refused whole.
    /// `serialDates`: the file is a spreadsheet, whose dates arrive as day serial numbers.
    public static func read(_ reader: inout some TabularReader, fileName: String, serialDates: Bool = false) throws(DomainError)
        -> PackingList
    {
        var list = PackingList()
        var positions: [Column: Int] = [:]
        do {
            guard let header = try reader.next() else { throw DomainError.invalid([Problem(row: 1, problem: "\(fileName) is empty")]) }
            var problems = ProblemList()
            for (index, cell) in header.cells.enumerated() {
                let name = cell.trimmedCell
                guard !name.isEmpty else { continue }
                guard let column = lookup[HeaderAliases.normalise(name.hasPrefix("#") ? String(name.dropFirst()) : name)] else {
                    problems.add(
                        Problem(
                            row: header.number, column: name,
                            problem: "unknown column; expected one of \(Column.allCases.map(\.rawValue).joined(separator: ", "))"))
                    continue
                }
                if let first = list.headers[column] {
                    problems.add(
                        Problem(row: header.number, column: name, problem: "a second \(column.rawValue) column (the first is \(first))"))
                }
                positions[column] = index
                list.headers[column] = name
            }
            let missing = Column.allCases.filter { $0.required && positions[$0] == nil }
            if !missing.isEmpty {
                problems.add(Problem(row: header.number, problem: "missing column(s): \(missing.map(\.rawValue).joined(separator: ", "))"))
            }
            try problems.check()
            while let row = try reader.next() {
                func cell(_ column: Column) -> String? {
                    guard let index = positions[column], index < row.cells.count else { return nil }
                    let value = row.cells[index].trimmedCell
                    return value.isEmpty ? nil : value
                }
                if row.cells.allSatisfy({ $0.trimmedCell.isEmpty }) { continue }
                guard list.lines.count < maximumLines else {
                    throw DomainError.invalid([Problem(row: row.number, problem: "a declaration has at most \(maximumLines) lines")])
                }
                let rawKg = cell(.grossKg) ?? ""
                let kg: Double
                switch Quantity.parse(rawKg) {
                case .success(let q): kg = q.doubleValue
                case .failure: kg = rawKg.isEmpty ? 0 : .nan
                }
                let reExport = cell(.reExportBy).map { raw in
                    serialDates && Day.parse(raw) == nil ? Day.fromSpreadsheetSerial(raw)?.description ?? raw : raw
                }
                list.lines.append(
                    DeclarationLineInput(
                        description: cell(.description) ?? "", itemCode: cell(.itemCode),
                        hsCode: (cell(.hsCode) ?? "").filter { $0 != "." && $0 != " " },
                        quantity: cell(.quantity) ?? "", unit: cell(.unit) ?? "", grossKg: kg, value: cell(.value) ?? "",
                        currency: cell(.currency) ?? "", origin: cell(.origin) ?? "", temporaryAdmission: reExport != nil,
                        reExportBy: reExport))
                list.rows.append(row.number)
            }
        } catch let error as DomainError {
            throw error
        } catch {
            throw DomainError.invalid([Problem(problem: "\(fileName) could not be read: \(error)")])
        }
        guard !list.lines.isEmpty else { throw DomainError.invalid([Problem(problem: "\(fileName) has no lines under its header row")]) }
        return list
    }

    /// The same error with each `lines[i].field` problem pointed at its file row and column.
    public func located(_ error: DomainError) -> DomainError {
        guard case .invalid(let problems) = error else { return error }
        return .invalid(
            problems.map { problem in
                guard let field = problem.field, field.hasPrefix("lines["), let close = field.firstIndex(of: "]"),
                    let index = Int(field[field.index(field.startIndex, offsetBy: 6)..<close]), index < rows.count
                else { return problem }
                let name = String(field[field.index(after: close)...].drop { $0 == "." })
                let column = Column(rawValue: name).flatMap { headers[$0] }
                return Problem(row: rows[index], column: column, field: name, problem: problem.phrase)
            })
    }
}
