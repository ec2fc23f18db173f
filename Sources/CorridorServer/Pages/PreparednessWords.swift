import CorridorCore
import CorridorLanguages
import Foundation

/// The words of the preparedness pages for codes and reference text the core keeps in English:
/// the standard planning figures' families and notes, transport modes, hazards, route legs, and
/// figures with one decimal in the reader's decimal mark. A code or text an administrator typed
/// shows as typed.
enum PreparednessWords {
    /// "12.5" / "12,5": a figure with one decimal.
    static func tenths(_ value: Double) -> String {
        String(format: "%.1f", value).replacingOccurrences(of: ".", with: Localizer.current.separators.decimal)
    }

    static func tenths(_ value: Double?) -> String { value.map(tenths) ?? "—" }

    /// A coordinate as written in the reader's decimal mark.
    static func degrees(_ value: Double) -> String {
        String(value).replacingOccurrences(of: ".", with: Localizer.current.separators.decimal)
    }

    /// An item family of the standard planning figures in words; another family reads as its code.
    static func family(_ code: String) -> String {
        switch code {
        case "food_ration": L("food ration")
        case "water_treatment": L("water treatment")
        case "water_storage": L("water storage")
        case "shelter_emergency": L("emergency shelter")
        case "shelter_household": L("household shelter")
        case "bedding_blanket": L("blankets")
        case "cooking_kitchen": L("kitchen sets")
        case "hygiene_kit": L("hygiene kits")
        case "sanitation_latrine": L("latrines")
        case "health_phc_basic": L("basic health kits")
        default: CodeWords.of(code)
        }
    }

    /// The note of a standard planning figure in the reader's language; a note an administrator
    /// wrote shows as written.
    static func note(_ english: String) -> String {
        switch english {
        case "2,100 kcal per person per day (Sphere)": L("2,100 kcal per person per day (Sphere)")
        case "15 L per person per day treated (Sphere)": L("15 L per person per day treated (Sphere)")
        case "two 10–20 L containers per household of 5 (Sphere)": L("two 10–20 L containers per household of 5 (Sphere)")
        case "two 4 × 6 m tarpaulins per household of 5": L("two 4 × 6 m tarpaulins per household of 5")
        case "family tents for the most vulnerable fifth (planning assumption)":
            L("family tents for the most vulnerable fifth (planning assumption)")
        case "one blanket per person": L("one blanket per person")
        case "one kitchen set per household of 5": L("one kitchen set per household of 5")
        case "one family hygiene kit per household of 5 per month": L("one family hygiene kit per household of 5 per month")
        case "one latrine per 50 people at first (Sphere)": L("one latrine per 50 people at first (Sphere)")
        case "IEHK basic unit per 1,000 people for 3 months": L("IEHK basic unit per 1,000 people for 3 months")
        default: english
        }
    }

    /// "air", "sea", "road" in words.
    static func mode(_ mode: String) -> String {
        switch mode {
        case "air": L("air")
        case "sea": L("sea")
        case "road": L("road")
        default: mode
        }
    }

    static func hazard(_ code: String) -> String {
        switch code {
        case "earthquake": L("earthquake")
        case "flood": L("flood")
        case "tropical_cyclone": L("tropical cyclone")
        case "drought": L("drought")
        case "epidemic": L("epidemic")
        case "conflict": L("conflict")
        case "volcano": L("volcanic eruption")
        case "tsunami": L("tsunami")
        case "landslide": L("landslide")
        case "wildfire": L("wildfire")
        case "cold_wave": L("cold wave")
        case "complex": L("complex emergency")
        case "other": L("other")
        default: CodeWords.of(code)
        }
    }

    /// A dispatch's state in words.
    static func dispatchState(_ state: String) -> String {
        switch state {
        case "reserved": L("reserved")
        case "cancelled": L("cancelled")
        default: state
        }
    }

    /// "air DXB→KENBO 3,540 km 2.2 d; road KENBO→affected area 150 km 0.4 d", in the reader's words.
    static func legs(_ legs: [Leg]) -> String {
        legs.map { leg in
            let to = leg.to == Leg.affectedArea ? L("affected area") : leg.to
            let km = leg.km.map { " \(Numbers.wholeNumber($0)) km" } ?? ""
            return "\(mode(leg.mode.rawValue)) \(leg.from ?? "…")→\(to)\(km) " + L("\(tenths(leg.days)) d")
        }.joined(separator: "; ")
    }

    /// The source of a figure; "planning assumption" in the reader's words.
    static func source(_ source: String) -> String {
        source == RouteFigures.planningAssumption ? L("planning assumption") : source
    }

    /// Countries in the order of their names in the reader's language.
    static func byName(_ a: CountryChoice, _ b: CountryChoice) -> Bool {
        a.name.compare(b.name, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedAscending
    }
}
