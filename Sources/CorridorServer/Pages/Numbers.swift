import CorridorCore
import CorridorLanguages
import Foundation

/// How pages write numbers: exact quantities grouped for reading, estimates as whole numbers,
/// with the reader's decimal mark and digit groups ("22,000" / "22 000").
enum Numbers {
    /// "22,000" and "1,200.5": exact digits, grouped for reading.
    static func grouped(_ quantity: Quantity) -> String {
        Localizer.current.number(quantity.description)
    }

    /// "165,050.40": an amount of money with exactly the currency's minor-unit decimals.
    static func money(_ amount: Quantity, decimals: Int) -> String {
        let rounded = amount.rounded(toDecimals: decimals)
        let whole = grouped(Quantity(milli: rounded.milli / 1000 * 1000))
        guard decimals > 0 else { return whole }
        let fraction = String(abs(rounded.milli) % 1000 + 1000).dropFirst().prefix(decimals)
        return (rounded.milli < 0 && whole == "0" ? "-" : "") + whole + Localizer.current.separators.decimal + fraction
    }

    static func wholeNumber(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        return Localizer.current.number(String(Int64(value.rounded())))
    }

    /// "3 h", "2 d 4 h": how long a consignment has waited, at a glance.
    static func hours(_ hours: Double) -> String {
        let whole = Int(hours.rounded(.down))
        if whole < 1 { return L("\(Int((hours * 60).rounded())) min") }
        return whole < 48 ? L("\(whole) h") : L("\(whole / 24) d \(whole % 24) h")
    }

    /// A unix time as "2026-11-29 05:40 UTC".
    /// "2026-12-03 14:05 +03:00 (Africa/Nairobi)": local time where the document is read, with the offset.
    static func localDateTime(_ unixSeconds: Int64, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let date = Date(timeIntervalSince1970: TimeInterval(unixSeconds))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let offset = zone.secondsFromGMT(for: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let sign = offset < 0 ? "-" : "+"
        let day = Day(year: c.year!, month: c.month!, day: c.day!).map { Localizer.current.date($0) } ?? ""
        let text =
            "\(day) \(two(c.hour!)):\(two(c.minute!)) "
            + "\(sign)\(two(abs(offset) / 3600)):\(two(abs(offset) % 3600 / 60))"
        return text + " (\(zone.identifier))"
    }

    static func dateTime(_ unixSeconds: Int64) -> String {
        let iso = Date(timeIntervalSince1970: TimeInterval(unixSeconds)).formatted(.iso8601)
        return Localizer.current.date(iso: String(iso.prefix(10))) + " " + iso.dropFirst(11).prefix(5) + " UTC"
    }
}
