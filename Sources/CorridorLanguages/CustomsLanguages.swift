/// The language a country's customs administration writes its documents in, for the release
/// note printed in that language and English side by side. Official languages; which one customs
/// uses where there are several is a planning assumption (Nepal's customs writes Nepali, which
/// Corridor does not speak, so its certificate stays English).
public enum CustomsLanguages {
    public static let byCountry: [String: Language] = [
        // French
        "HT": .fr, "SN": .fr, "CD": .fr, "ML": .fr, "NE": .fr, "BF": .fr, "TD": .fr, "CF": .fr, "CI": .fr, "GN": .fr,
        "BJ": .fr, "TG": .fr, "CM": .fr, "MG": .fr, "BI": .fr, "CG": .fr, "DJ": .fr, "FR": .fr,
        // Spanish
        "HN": .es, "GT": .es, "SV": .es, "NI": .es, "CO": .es, "PE": .es, "EC": .es, "BO": .es, "VE": .es, "MX": .es,
        "CU": .es, "DO": .es, "PY": .es, "CL": .es, "AR": .es, "ES": .es,
        // Portuguese
        "MZ": .pt, "AO": .pt, "GW": .pt, "CV": .pt, "ST": .pt, "TL": .pt, "BR": .pt, "PT": .pt,
        // Arabic
        "JO": .ar, "LB": .ar, "SY": .ar, "IQ": .ar, "YE": .ar, "SD": .ar, "LY": .ar, "PS": .ar, "EG": .ar, "MR": .ar,
        // English
        "KE": .en, "NP": .en, "UG": .en, "SS": .en, "NG": .en, "PH": .en, "PK": .en,
    ]

    /// The customs language of a country (ISO 3166-1 alpha-2), or nil when none is recorded.
    public static func language(ofCountry iso: String) -> Language? { byCountry[iso.uppercased()] }
}
