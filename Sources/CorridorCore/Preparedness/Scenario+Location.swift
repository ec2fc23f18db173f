import Foundation

extension Scenario {
    /// Refuses a scenario whose affected point lies outside its country (beyond the coastal
    /// tolerance), naming the point and, when it can, the country the point is really in.
    /// `name` gives a country's name from its code.
    public func checkLocation(in outlines: CountryOutlines, name: (String) -> String?) throws(DomainError) {
        let iso = country.uppercased()
        guard outlines.contains(lat: lat, lon: lon, country: iso) == false else { return }
        let countryName = name(iso).map { "\($0) (\(iso))" } ?? iso
        let actual = outlines.countries(containing: lat, lon: lon).map { code in name(code).map { "\($0) (\(code))" } ?? code }
        let whereItIs = actual.isEmpty ? "" : "; it is in \(actual.joined(separator: ", "))"
        throw .invalid(
            field: "lat",
            "the affected point (lat \(Self.degrees(lat)), lon \(Self.degrees(lon))) is not in \(countryName)\(whereItIs): "
                + "check the country and the coordinates")
    }

    static func degrees(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
