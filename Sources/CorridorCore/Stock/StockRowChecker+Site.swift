import Foundation

extension StockRowChecker {
    /// A row names a site by code or name; a site the organisation does not have yet is created
    /// when the row also gives its country and coordinates.
    package static func resolveSite(
        _ text: (StockField) -> String?, context: StockReportContext,
        fail: (StockField, Phrase) -> Void, warn: (StockField, Phrase) -> Void
    ) -> SiteReference? {
        let code = text(.siteCode), name = text(.siteName)
        var country: StockReportContext.KnownCountry?
        if let raw = text(.country) {
            country = context.countries[raw.uppercased()]
            if country == nil { fail(.country, "'\(raw)' is not an ISO 3166-1 country code") }
        }
        if let known = code.flatMap({ context.sitesByCode[$0.uppercased()] }) ?? name.flatMap({ context.sitesByName[$0.lowercased()] }) {
            if let country, country.alpha2 != known.country {
                fail(.country, "site \(known.code) is in \(known.country), not \(country.alpha2)")
            }
            // A known site's coordinates are checked too: out of range is an error, and a report
            // that places the site elsewhere moves it (the import moves only the reporting
            // organisation's own sites, the only ones a report can name), saying so.
            let lat = coordinate(text(.lat), field: .lat, range: -90...90, fail: fail)
            let lon = coordinate(text(.lon), field: .lon, range: -180...180, fail: fail)
            if let lat, let lon, let registeredLat = known.lat, let registeredLon = known.lon {
                let distance = Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: registeredLat, lon2: registeredLon)
                if distance > siteMoveToleranceKm {
                    warn(
                        .lat,
                        "\(lat), \(lon) is \(Int(distance.rounded())) km from where site \(known.code) is registered "
                            + "(\(registeredLat), \(registeredLon)); the import moves the site there: correct the report if it did not move"
                    )
                    return .moved(SiteMove(id: known.id, lat: lat, lon: lon))
                }
            }
            return .existing(id: known.id)
        }
        guard code != nil || name != nil else {
            fail(.siteCode, "the row names no site (give #loc+code or #loc+name)")
            return nil
        }
        let lat = coordinate(text(.lat), field: .lat, range: -90...90, fail: fail)
        let lon = coordinate(text(.lon), field: .lon, range: -180...180, fail: fail)
        guard let siteName = name, text(.country) != nil, text(.lat) != nil, text(.lon) != nil else {
            fail(
                code != nil ? .siteCode : .siteName,
                "unknown site '\(code ?? name ?? "")' of \(context.reportingOrg); to create it, give its name, country, latitude and longitude"
            )
            return nil
        }
        guard let country, let lat, let lon else { return nil }
        if let box = country.box, !box.contains(lat: lat, lon: lon) {
            warn(.lat, "\(lat), \(lon) lies outside \(country.alpha2); check the coordinates (latitude first?)")
        }
        return .new(
            NewSite(
                code: code?.uppercased() ?? SiteCodes.derive(from: siteName), name: siteName,
                country: country.alpha2, adm1: text(.adm1), lat: lat, lon: lon))
    }

    /// Planning assumption: coordinates of one warehouse written by different people (its gate, its
    /// yard, rounded to two decimals) differ by well under this.
    public static let siteMoveToleranceKm = 5.0

    private static func coordinate(
        _ raw: String?, field: StockField, range: ClosedRange<Double>,
        fail: (StockField, Phrase) -> Void
    ) -> Double? {
        guard let raw else { return nil }
        // A decimal comma (-1,25) is accepted; coordinates never group thousands.
        guard let value = Double(raw.utf8.contains(0x2C) ? raw.replacingOccurrences(of: ",", with: ".") : raw), value.isFinite else {
            fail(field, "'\(raw)' is not a decimal degree"); return nil
        }
        guard range.contains(value) else {
            fail(field, "\(raw) is out of range (\(Int(range.lowerBound)) to \(Int(range.upperBound)))"); return nil
        }
        return value
    }
}

/// Codes for sites that a report introduces by name only.
public enum SiteCodes {
    public static func derive(from name: String) -> String {
        var code = ""
        for scalar in name.uppercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                code.unicodeScalars.append(scalar)
            } else if !code.hasSuffix("-"), !code.isEmpty {
                code += "-"
            }
        }
        while code.hasSuffix("-") { code.removeLast() }
        return String((code.isEmpty ? "SITE" : code).prefix(32))
    }
}

/// Cells that a spreadsheet would run as a formula if the text were written back unescaped.
public enum FormulaCells {
    public static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first, startsLikeFormula(first), text.utf8.count > 1 else { return false }
        // "-5", "+3.5" and "-72,20" (a decimal comma) are numbers, not formulas.
        return !isSignedNumber(text)
    }

    /// A sign, then digits with at most one decimal mark (point or comma): how a coordinate or a
    /// quantity is written in any of the report languages.
    static func isSignedNumber(_ text: String) -> Bool {
        if Double(text) != nil { return true }
        var digits = 0, marks = 0
        for (index, byte) in text.utf8.enumerated() {
            if index == 0, byte == 0x2B || byte == 0x2D { continue }
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x2C, 0x2E: marks += 1
            default: return false
            }
        }
        return digits > 0 && marks <= 1
    }

    /// `=`, `+`, `-` or `@`: what a spreadsheet reads as the start of a formula.
    @inline(__always)
    @inlinable package static func startsLikeFormula(_ first: UInt8) -> Bool {
        first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40
    }
}

/// Unit names as people write them: case, plurals and common abbreviations do not matter.
public enum UnitNames {
    public static func same(_ a: String, _ b: String) -> Bool { canonical(a) == canonical(b) }

    static func canonical(_ unit: String) -> String {
        var word = unit.trimmingCharacters(in: .whitespaces).lowercased()
        let synonyms = [
            "pc": "piece", "pcs": "piece", "each": "piece", "ea": "piece", "unit": "piece", "units": "piece",
            "pièce": "piece", "pieza": "piece", "unidad": "piece", "kilogram": "kg", "kgs": "kg",
            "kilo": "kg", "l": "litre", "liter": "litre", "lt": "litre", "ctn": "carton",
        ]
        if let known = synonyms[word] { return known }
        if word.hasSuffix("s"), word.count > 3 { word.removeLast() }
        return synonyms[word] ?? word
    }
}
