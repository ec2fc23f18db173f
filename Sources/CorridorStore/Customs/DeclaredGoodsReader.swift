import CorridorCore
import Foundation
import SQLKit

/// The goods of declaration lines with their catalogue items' customs facts, in one query.
enum DeclaredGoodsReader {
    struct CatalogueFacts: Sendable {
        var alternativeHSCodes: [String]
        var unNumber: String?
        var controlledMedicine: Bool
    }

    static func goods(of lines: [CheckedDeclarationLine], on db: any SQLDatabase) async throws -> [DeclaredGoods] {
        let codes = Set(lines.compactMap(\.itemCode))
        var facts: [String: CatalogueFacts] = [:]
        if !codes.isEmpty {
            for row in try await db.raw(
                """
                SELECT code, alternative_hs_codes, un_number, controlled_medicine FROM items WHERE code IN \(SQLQueryString.list(codes.sorted()))
                """
            ).all() {
                facts[try row.string("code")] = CatalogueFacts(
                    alternativeHSCodes: CatalogueCustomsSchema.codes(try row.string("alternative_hs_codes")),
                    unNumber: try row.optionalString("un_number"), controlledMedicine: try row.int("controlled_medicine") != 0)
            }
        }
        return lines.map { line in
            goods(itemCode: line.itemCode, hsCode: line.hsCode, facts: line.itemCode.flatMap { facts[$0] })
        }
    }

    static func goods(itemCode: String?, hsCode: HSCode, facts: CatalogueFacts?) -> DeclaredGoods {
        DeclaredGoods(
            itemCode: itemCode, hsCode: hsCode, alternativeHSCodes: (facts?.alternativeHSCodes ?? []).compactMap(HSCode.init),
            unNumber: facts?.unNumber.flatMap(UNNumber.init), controlledMedicines: facts?.controlledMedicine ?? false)
    }
}
