import Foundation

/// What a released consignment still owes: the completion of a provisional declaration within the
/// emergency's deadline, and the re-export of goods admitted temporarily (Kyoto J5 and Annex G).
public enum ReleaseObligations {
    /// When a declaration released with documents outstanding must be completed.
    public static func completionDue(releasedAt: Int64, deadlineDays: Int) -> Int64 {
        releasedAt + Int64(deadlineDays) * 86_400
    }

    public static func isCompletionOverdue(state: DeclarationState, completionDue: Int64?, now: Int64) -> Bool {
        guard state == .released, let completionDue else { return false }
        return now > completionDue
    }

    /// A temporarily admitted line is overdue the day after its re-export date while the goods
    /// are still in the country (released, and no re-export recorded).
    public static func isReExportOverdue(state: DeclarationState, reExportBy: Day?, reExported: Bool, today: Day) -> Bool {
        guard let reExportBy, !reExported else { return false }
        guard state == .released || state == .completed || state == .closed else { return false }
        return today > reExportBy
    }
}

/// Checks a declaration's lines against the catalogue. Warnings, not refusals: relief is packed
/// in many ways, and customs decides; selectivity weighs the value ratio.
public enum ConsignmentPlausibility {
    public struct CatalogueFacts: Sendable, Equatable {
        public var weightKgPerUnit: Double?
        /// Indicative value per catalogue unit, US dollars.
        public var valueUSDPerUnit: Quantity?

        public init(weightKgPerUnit: Double?, valueUSDPerUnit: Quantity?) {
            (self.weightKgPerUnit, self.valueUSDPerUnit) = (weightKgPerUnit, valueUSDPerUnit)
        }
    }

    /// Declared gross weight below 80 % of the catalogue net weight cannot be; above three times
    /// it is more packaging than goods. Either way the declarant should look again.
    public static func weightWarning(line: Int, quantity: Quantity, grossKg: Double, catalogue: CatalogueFacts) -> String? {
        guard let perUnit = catalogue.weightKgPerUnit, perUnit > 0 else { return nil }
        let expected = quantity.doubleValue * perUnit
        guard expected > 0 else { return nil }
        if grossKg < expected * 0.8 || grossKg > expected * 3 {
            return "line \(line): gross weight \(Self.kg(grossKg)) kg is far from the catalogue's \(Self.kg(expected)) kg for this quantity"
        }
        return nil
    }

    /// Declared value per kg over the catalogue's (its value per unit over its weight per unit),
    /// both in US dollars: the line's value is put in dollars with the rates recorded at lodgement
    /// (`ExchangeRates.convert`). Nil when either is unknown.
    public static func valuePerKgRatio(valueUSD: Quantity?, grossKg: Double, catalogue: CatalogueFacts) -> Double? {
        guard let value = valueUSD, grossKg > 0, let unitValue = catalogue.valueUSDPerUnit, let unitKg = catalogue.weightKgPerUnit,
            unitValue > .zero, unitKg > 0
        else { return nil }
        return (value.doubleValue / grossKg) / (unitValue.doubleValue / unitKg)
    }

    static func kg(_ value: Double) -> String { String(Int64(value.rounded())) }
}
