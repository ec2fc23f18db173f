import Foundation

/// A calendar day (no time, no zone) such as an expiry or report date. Stored and compared as
/// "YYYY-MM-DD", which sorts correctly as text in both databases.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    // Four bytes, not three `Int`s: every stock line carries two days and is copied several times
    // on its way from a report to the database.
    @usableFromInline let storedYear: UInt16
    @usableFromInline let storedMonth: UInt8
    @usableFromInline let storedDay: UInt8

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), (1...Self.daysIn(month, year)).contains(day) else { return nil }
        (storedYear, storedMonth, storedDay) = (UInt16(year), UInt8(month), UInt8(day))
    }

    private enum CodingKeys: String, CodingKey { case year, month, day }

    /// Read from "YYYY-MM-DD", as every output writes it; an object of year, month and day is
    /// still read, as earlier releases wrote it.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            guard let day = Day.parse(text) else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "'\(text)' is not a date (YYYY-MM-DD)")
            }
            self = day
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let (year, month, day) = (
            try container.decode(Int.self, forKey: .year), try container.decode(Int.self, forKey: .month),
            try container.decode(Int.self, forKey: .day)
        )
        guard let valid = Day(year: year, month: month, day: day) else {
            throw DecodingError.dataCorruptedError(
                forKey: .day, in: container, debugDescription: "\(year)-\(month)-\(day) is not a calendar day")
        }
        self = valid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Written byte by byte: string interpolation here cost more than parsing the date, and an
    /// import writes two per row.
    public var description: String {
        let bytes = isoBytes
        return String(unsafeUninitializedCapacity: 10) { buffer in
            for index in 0..<10 { buffer[index] = bytes[index] }
            return 10
        }
    }

    /// The ISO form, `YYYY-MM-DD`, as bytes (the year is in 1900...2200).
    public var isoBytes: InlineArray<10, UInt8> {
        let zero: UInt8 = 0x30
        var bytes = InlineArray<10, UInt8>(repeating: 0x2D)
        (bytes[0], bytes[1], bytes[2], bytes[3]) = (
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10),
            zero + UInt8(year / 10 % 10), zero + UInt8(year % 10)
        )
        (bytes[5], bytes[6]) = (zero + UInt8(month / 10), zero + UInt8(month % 10))
        (bytes[8], bytes[9]) = (zero + UInt8(day / 10), zero + UInt8(day % 10))
        return bytes
    }

    @inlinable
    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.storedYear, lhs.storedMonth, lhs.storedDay) < (rhs.storedYear, rhs.storedMonth, rhs.storedDay)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        (storedYear, storedMonth, storedDay) = (UInt16(clamping: yoe + era * 400 + (m <= 2 ? 1 : 0)), UInt8(m), UInt8(d))
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    public static func today(_ now: Date = Date()) -> Day {
        Day(ordinal: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// How dates in a file are written when they are not ISO 8601.
    public enum Convention: Sendable { case isoOnly, dayFirst }

    /// ISO 8601 (2026-03-31, also with a time part, which is dropped); dd/mm/yyyy when the file
    /// says so; a spreadsheet serial number (days since 1899-12-30) as XLSX stores dates.
    public static func parse(_ raw: String, convention: Convention = .isoOnly) -> Day? {
        if let iso = isoFast(raw) { return iso }
        let text = raw.trimmedCell
        if text.count >= 10, text[text.index(text.startIndex, offsetBy: 4)] == "-" {
            let parts = text.prefix(10).split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
            else { return nil }
            guard text.count == 10 || text[text.index(text.startIndex, offsetBy: 10)] == "T" else { return nil }
            return Day(year: y, month: m, day: d)
        }
        if convention == .dayFirst {
            let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
            guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else {
                return nil
            }
            return Day(year: y, month: m, day: d)
        }
        return nil
    }

    /// "YYYY-MM-DD" read straight from its ten bytes, the shape of nearly every date in a report.
    static func isoFast(_ raw: String) -> Day? { iso(raw.utf8) }

    /// Exactly YYYY-MM-DD and a real calendar day, from UTF-8 bytes; nil for anything else. The
    /// import engine reads cells in place with it, so it is inlinable for their byte buffers.
    @inlinable
    public static func iso<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Day? {
        guard bytes.count == 10 else { return nil }
        var year = 0, month = 0, day = 0, position = 0
        for byte in bytes {
            if position == 4 || position == 7 {
                guard byte == 0x2D else { return nil }
            } else {
                let digit = Int(byte) &- 0x30
                guard digit >= 0, digit <= 9 else { return nil }
                if position < 4 {
                    year = year * 10 + digit
                } else if position < 7 {
                    month = month * 10 + digit
                } else {
                    day = day * 10 + digit
                }
            }
            position += 1
        }
        return Day(year: year, month: month, day: day)
    }

    /// A spreadsheet serial date (XLSX stores dates as numbers of days since 1899-12-30).
    public static func fromSpreadsheetSerial(_ raw: String) -> Day? {
        guard let serial = Double(raw), serial >= 1, serial < 200_000 else { return nil }
        return Day(ordinal: Int(serial.rounded(.down)) - 25_569)
    }

    @inlinable
    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
