import CorridorCore
import CorridorLanguages
import CorridorStore

/// The words a person reads for the codes the stock pages show, in the reader's language; the
/// raw values stay the wire format (filters, API, exports).
enum StockWords {
    /// A stock line's status as the reader says it; an unknown value shows as it is.
    static func status(_ raw: String) -> String {
        switch raw {
        case "available": L("available")
        case "reserved": L("reserved")
        case "damaged": L("damaged")
        default: raw
        }
    }

    /// A catalogue unit as the reader says it; an unknown unit shows as it is.
    static func unit(_ raw: String) -> String {
        switch raw {
        case "box": L("box")
        case "carton": L("carton")
        case "kg": L("kg")
        case "kit": L("kit")
        case "litre": L("litre")
        case "piece": L("piece")
        case "roll": L("roll")
        case "sachet": L("sachet")
        case "set": L("set")
        case "tablet": L("tablet")
        default: raw
        }
    }

    static func tier(_ tier: Site.Tier) -> String {
        switch tier {
        case .globalHub: L("global hub")
        case .regionalHub: L("regional hub")
        case .national: L("national")
        case .field: L("field")
        }
    }

    static func sharing(_ sharing: Site.Sharing) -> String {
        switch sharing {
        case .public: L("public")
        case .aggregate: L("aggregate")
        case .private: L("private")
        }
    }

    static func organisationType(_ type: OrganisationType) -> String {
        switch type {
        case .unAgency: L("UN agency")
        case .ingo: L("International NGO")
        case .nngo: L("National NGO")
        case .redCrossRedCrescent: L("Red Cross / Red Crescent")
        case .government: L("Government")
        case .private: L("Private sector")
        case .other: L("Other")
        }
    }

    static func severity(_ severity: AlertSeverity) -> String {
        switch severity {
        case .high: L("high")
        case .medium: L("medium")
        case .low: L("low")
        }
    }

    /// Where pre-positioned stock is, relative to a country (the store's tier keys).
    static func prepositionedTier(_ tier: PrepositionedTier, country: Country) -> String {
        switch tier.tier {
        case "country": L("In \(Localizer.current.country(country.alpha2, or: country.name))")
        case "subregion": L("Elsewhere in \(country.subregion)")
        case "region": L("Elsewhere in \(country.region)")
        case "global": L("Global hubs")
        default: tier.label
        }
    }

    /// "1 stock line" / "12 stock lines": English counts kept as the import has always written them.
    static func importSummary(_ report: StockImportReport) -> String {
        let lines = report.linesWritten, rows = report.rowsRead
        let sites = report.sitesReplaced + report.sitesCreated.count
        let lineWords = lines == 1 ? L("1 stock line") : L("\(lines) stock lines")
        let rowWords = rows == 1 ? L("1 row") : L("\(rows) rows")
        let siteWords = sites == 1 ? L("1 site") : L("\(sites) sites")
        var text =
            report.dryRun
            ? L("\(report.fileName): would import \(lineWords) for \(report.org) from \(rowWords) at \(siteWords)")
            : L("\(report.fileName): imported \(lineWords) for \(report.org) from \(rowWords) at \(siteWords)")
        if !report.sitesCreated.isEmpty { text += L(" (\(report.sitesCreated.count) new)") }
        if report.warningCount > 0 {
            text += report.warningCount == 1 ? L(", 1 warning") : L(", \(report.warningCount) warnings")
        }
        return text
    }
}
