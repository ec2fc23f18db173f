import CorridorCore
import CorridorLanguages
import Testing

struct LocalizerTests {
    static let french = Catalog(translations: [
        "must be at most {0}": "doit être au plus {0}",
        "{0} is checked against data, which says “{1}”": "{0} est vérifié sur les données, qui disent « {1} »",
        "ready": "prêt",
        "row {0}": "ligne {0}", "column {0}": "colonne {0}",
        "reported on {0}": "signalé le {0}",
        "{0} m³ of available stock at a site of {1} m³ capacity": "{0} m³ de stock disponible sur un site d’une capacité de {1} m³",
    ])

    static func localizer(_ language: Language, region: String? = nil) -> Localizer {
        Localizer(language: language, region: region, translations: Translations(catalogs: [.fr: french]))
    }

    @Test func aPhraseKeepsItsPatternAndValues() {
        let limit = 1000
        let phrase: Phrase = "must be at most \(limit)"
        #expect(phrase.pattern == "must be at most {0}")
        #expect(phrase.english == "must be at most 1000")
        #expect(Self.localizer(.fr).string(phrase) == "doit être au plus 1000")
        #expect(Self.localizer(.es).string(phrase) == "must be at most 1000", "no Spanish catalogue: the English shows")
    }

    @Test func aPhraseInsideAPhraseIsTranslatedToo() {
        let status: Phrase = "ready"
        let phrase: Phrase = "\("A1") is checked against data, which says “\(status)”"
        #expect(phrase.english == "A1 is checked against data, which says “ready”")
        #expect(Self.localizer(.fr).string(phrase) == "A1 est vérifié sur les données, qui disent « prêt »")
    }

    @Test func aDateInAPhraseIsWrittenInTheReadersForm() {
        let phrase: Phrase = "reported on \(Phrase.day("2026-08-07"))"
        #expect(phrase.pattern == "reported on {0}")
        #expect(phrase.english == "reported on 2026-08-07")
        #expect(Self.localizer(.fr).string(phrase) == "signalé le 07/08/2026")
        #expect(Self.localizer(.fr).string("reported on \(Phrase.day("not a day"))") == "signalé le not a day")
    }

    /// An alert's figures: plain in the API's English, in the reader's form on a page.
    @Test func aNumberInAPhraseIsWrittenInTheReadersForm() {
        let phrase = Site.overCapacityMessage(stockM3: 8800, capacityM3: 12500.25)
        #expect(phrase.pattern == "{0} m³ of available stock at a site of {1} m³ capacity")
        #expect(phrase.english == "8800.0 m³ of available stock at a site of 12500.2 m³ capacity")
        #expect(Self.localizer(.en).string(phrase) == "8,800.0 m³ of available stock at a site of 12,500.2 m³ capacity")
        #expect(
            Self.localizer(.fr).string(phrase) == "8\u{202F}800,0 m³ de stock disponible sur un site d’une capacité de 12\u{202F}500,2 m³")
        #expect(Self.localizer(.es, region: "ES").string("\(Phrase.number("-1234567.5")) units") == "-1.234.567,5 units")
    }

    @Test func joinedPhrasesNumberTheirValuesInOrder() {
        let (a, b) = (1, 2)
        let phrase: Phrase = "first \(a), " + "then \(b)"
        #expect(phrase.pattern == "first {0}, then {1}")
        #expect(phrase.english == "first 1, then 2")
    }

    @Test func aLocatedProblemNamesItsPlaceInTheReadersLanguage() {
        let problem = Problem(row: 20, column: "Quantité (#indicator+num)", problem: "must be at most \(5)")
        #expect(Self.localizer(.fr).located(problem) == "ligne 20, colonne Quantité (#indicator+num)\u{202F}: doit être au plus 5")
        #expect(Localizer.english.located(problem) == problem.located)
    }

    @Test func numbersAreWrittenAsTheLanguageAndCountryWriteThem() {
        #expect(Localizer.english.number("-1234567.5") == "-1,234,567.5")
        #expect(Self.localizer(.fr).number("1234.5") == "1\u{202F}234,5")
        #expect(Self.localizer(.es, region: "HN").number("1234.5") == "1,234.5")
        #expect(Self.localizer(.es, region: "ES").number("1234.5") == "1.234,5")
        #expect(Self.localizer(.pt, region: "MZ").number("1234.5") == "1\u{00A0}234,5")
        #expect(Self.localizer(.pt, region: "BR").number("1234.5") == "1.234,5")
        #expect(Self.localizer(.ar).number("1234.5") == "1,234.5")
        #expect(Localizer.english.number("999") == "999")
    }

    @Test func datesAreDayMonthYearOutsideEnglish() throws {
        let day = try #require(Day(year: 2026, month: 12, day: 3))
        #expect(Localizer.english.date(day) == "2026-12-03")
        #expect(Self.localizer(.fr).date(day) == "03/12/2026")
        #expect(Self.localizer(.ar).date(iso: "2026-12-03") == "03/12/2026")
    }

    @Test func theBrowsersLanguageIsTheFirstOneCorridorSpeaks() {
        #expect(Language.preferred(in: "de-DE,de;q=0.9,fr-HT;q=0.8,en;q=0.7") == .fr)
        #expect(Language.preferred(in: "pt-MZ") == .pt)
        #expect(Language.preferred(in: "en;q=0.5, ar-JO") == .ar)
        #expect(Language.preferred(in: "de, it;q=0.5") == nil)
        #expect(Language.preferred(in: "fr;q=0, es") == .es)
    }

    @Test func aCatalogueReadsPOAndLeavesOutFuzzyAndEmptyEntries() throws {
        let po = """
            # comment
            msgid ""
            msgstr ""
            "Language: fr\\n"

            #: Sources/x.swift:1
            msgid "Sign out"
            msgstr "Se déconnecter"

            msgid "a long "
            "message"
            msgstr "un long "
            "message « cité »"

            #, fuzzy
            msgid "Stock"
            msgstr "Stocks"

            msgid "Map"
            msgstr ""
            """
        let catalog = try Catalog(po: po)
        #expect(catalog["Sign out"] == "Se déconnecter")
        #expect(catalog["a long message"] == "un long message « cité »")
        #expect(catalog["Stock"] == nil)
        #expect(catalog["Map"] == nil)
        #expect(throws: CatalogError.self) { try Catalog(po: "msgid Sign out\nmsgstr \"x\"") }
    }

    @Test func theShippedCataloguesLoadForEveryLanguage() throws {
        let translations = try Translations.load()
        for language in Language.allCases where language != .en {
            let localizer = Localizer(language: language, translations: translations)
            #expect(localizer.string("Sign out") != "Sign out", "\(language) translates the header")
        }
        #expect(Localizer(language: .fr, translations: translations).country("HT", or: "Haiti") == "Haïti")
        #expect(Localizer(language: .ar, translations: translations).country("JO", or: "Jordan") == "الأردن")
    }
}
