import CorridorCore
import Foundation

/// How pages write numbers: exact quantities grouped for reading, estimates as whole numbers.
enum Numbers {
    /// "22,000" and "1,200.5": exact digits, grouped for reading.
    static func grouped(_ quantity: Quantity) -> String {
        let text = quantity.description
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        let negative = whole.hasPrefix("-")
        if negative { whole.removeFirst() }
        var groupedWhole = ""
        for (index, digit) in whole.reversed().enumerated() {
            if index > 0, index % 3 == 0 { groupedWhole.append(",") }
            groupedWhole.append(digit)
        }
        return (negative ? "-" : "") + String(groupedWhole.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }

    static func wholeNumber(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: value)) ?? String(Int(value))
    }
}
