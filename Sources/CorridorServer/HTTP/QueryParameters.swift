import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Hummingbird

/// Query-string parameters of a request, read with located errors.
struct QueryParameters {
    let parameters: [String: String]

    init(_ request: Request) {
        parameters = request.uri.query.map(Self.parse) ?? [:]
    }

    /// The pairs of a query as Hummingbird's `queryParameters` reads them (split on `&`, the key
    /// as sent, the value percent-decoded or as sent when an escape is broken), leaving out empty
    /// values and keeping the last of a repeated key; without first building Hummingbird's
    /// dictionary of slices, which every API request paid for.
    static func parse(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.utf8.split(separator: UInt8(ascii: "&")) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let value = pair[pair.index(after: equals)...]
            guard !value.isEmpty else { continue }
            let sent = String(Substring(value))
            parameters[String(Substring(pair[..<equals]))] = value.contains(UInt8(ascii: "%")) ? percentDecoded(value) ?? sent : sent
        }
        return parameters
    }

    /// `%XX` escapes replaced by their bytes; nil when one is broken.
    private static func percentDecoded(_ bytes: Substring.UTF8View) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                decoded.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            decoded.append(high << 4 | low)
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    subscript(_ name: String) -> String? { parameters[name] }

    func required(_ name: String) throws -> String {
        guard let value = parameters[name] else { throw DomainError.invalid(field: name, "is required (?\(name)=…)") }
        return value
    }

    /// An optional whole number within `range`. One that is present but not such a number is
    /// refused, naming the parameter: a silent default would hand a client the wrong page.
    /// The horizon people covered is shown for: `?days=`, 30 unless given.
    func coverageDays() throws(DomainError) -> Int {
        try int("days", in: PeopleCovered.dayRange) ?? PeopleCovered.defaultDays
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws(DomainError) -> Int? {
        guard let raw = parameters[name] else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            // Whole phrases, so that every word of them is translated.
            let problem =
                range.upperBound == .max
                ? Phrase("'\(raw)' is not a whole number of \(range.lowerBound) or more")
                : Phrase("'\(raw)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            throw DomainError.invalid(field: name, problem)
        }
        return value
    }

    /// An optional country code; one that is not an ISO alpha-2 code is refused by name.
    func country(_ name: String = "country") throws(DomainError) -> String? {
        guard let raw = parameters[name] else { return nil }
        guard let code = CountryCode(raw) else { throw DomainError.invalid(field: name, "'\(raw)' is not an ISO alpha-2 country code") }
        return code.value
    }

    /// An optional kind of stock alert (`?kind=`); another word is refused, naming the kinds.
    func alertKind() throws(DomainError) -> StockAlert.Kind? {
        guard let raw = parameters["kind"] else { return nil }
        guard let kind = StockAlert.Kind(rawValue: raw) else {
            let kinds = StockAlert.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError.invalid(field: "kind", "'\(raw)' is not a kind of alert (\(kinds))")
        }
        return kind
    }

    func double(_ name: String) -> Double? { parameters[name].flatMap { Double($0) } }
    func flag(_ name: String) -> Bool { ["1", "true", "yes"].contains(parameters[name]?.lowercased() ?? "") }

    func filter() throws -> StockFilter {
        var expiring: Day?
        if let raw = parameters["expiring_before"] {
            guard let day = Day.parse(raw) else {
                throw DomainError.invalid(field: "expiring_before", "'\(raw)' is not a date (YYYY-MM-DD)")
            }
            expiring = day
        }
        return try StockFilter(
            country: parameters["country"], region: parameters["region"], subregion: parameters["subregion"],
            sector: parameters["sector"], item: parameters["item"], org: parameters["org"], orgType: parameters["org_type"],
            tier: parameters["tier"], status: parameters["status"], expiringBefore: expiring
        ).validated()
    }
}
