import Foundation

/// A catalogue item as an administrator adds it.
public struct ItemInput: Sendable, Equatable, Decodable {
    public var code: String
    public var name: String
    public var sector: String
    public var group: String?
    public var family: String
    public var familyLabel: String?
    public var unit: String
    public var weightKg: Double
    public var volumeM3: Double
    public var hsCode: String
    public var kit: Bool?
    public var coveragePeople: Double?
    public var coverageDays: Double?

    public init(
        code: String, name: String, sector: String, group: String?, family: String, familyLabel: String?,
        unit: String, weightKg: Double, volumeM3: Double, hsCode: String, kit: Bool?,
        coveragePeople: Double?, coverageDays: Double?
    ) {
        (self.code, self.name, self.sector, self.group, self.family, self.familyLabel) = (code, name, sector, group, family, familyLabel)
        (self.unit, self.weightKg, self.volumeM3, self.hsCode, self.kit) = (unit, weightKg, volumeM3, hsCode, kit)
        (self.coveragePeople, self.coverageDays) = (coveragePeople, coverageDays)
    }

    /// Checks every field; the store checks that the HS code is in the nomenclature and the code is free.
    public func validated() throws(DomainError) -> Item {
        var problems = ProblemList()
        let code = self.code.trimmedCell.uppercased()
        if code.isEmpty || code.count > 32 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.add(field: "code", "must be 1 to 32 letters, digits or hyphens, e.g. SHE-TENT-FAM")
        }
        if name.trimmedCell.isEmpty { problems.add(field: "name", "is required") }
        let sector = Sector(rawValue: self.sector)
        if sector == nil { problems.add(field: "sector", "must be one of \(Sector.allCases.map(\.rawValue).joined(separator: ", "))") }
        if family.trimmedCell.isEmpty { problems.add(field: "family", "is required (the need the item covers, e.g. shelter_household)") }
        if unit.trimmedCell.isEmpty { problems.add(field: "unit", "is required") }
        if !(weightKg > 0) { problems.add(field: "weight_kg", "must be above 0") }
        if !(volumeM3 > 0) { problems.add(field: "volume_m3", "must be above 0") }
        let hs = HSCode(hsCode)
        if hs == nil || hs!.level != 6 { problems.add(field: "hs_code", "must be a 6-digit HS subheading, e.g. 6306.22") }
        if (coveragePeople == nil) != (coverageDays == nil) {
            problems.add(field: "coverage_days", "give both people served per unit and for how many days, or neither")
        }
        if let coveragePeople, !(coveragePeople > 0) { problems.add(field: "coverage_people", "must be above 0") }
        if let coverageDays, !(coverageDays > 0) { problems.add(field: "coverage_days", "must be above 0") }
        try problems.check()
        return Item(
            code: code, name: name.trimmedCell, sector: sector!, group: group?.trimmedCell ?? sector!.rawValue.capitalized,
            family: family.trimmedCell, familyLabel: familyLabel?.trimmedCell ?? family.trimmedCell, unit: unit.trimmedCell,
            weightKg: weightKg, volumeM3: volumeM3, hsCode: hs!.digits, kit: kit ?? false,
            coveragePeople: coveragePeople, coverageDays: coverageDays)
    }
}
