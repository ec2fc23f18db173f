import CorridorCore
import CorridorLanguages
import CorridorStore
@testable import CorridorServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The release note in the reader's language, and printed in the country's customs language and
/// English side by side.
struct ReleaseNoteLanguageTests {
    /// A certificate's values, made in the current language as the page makes them.
    static func note(country: String, english: String) -> ReleaseNotePageView {
        let name = Localizer.current.country(country, or: english)
        return ReleaseNotePageView(
            reference: "\(country)-TEST-0001", org: "WFP", consignee: "WFP \(english)", destination: country, countryName: name,
            entryPoint: "\(country)XXX", administration: L("Customs administration of \(name)"), administrationRecorded: false,
            certificateNumber: "\(country)-2026-000001", transportDocument: "AWB 176-12345675", lane: "green",
            laneName: Lane.green.shown, reasons: "", emergency: L("none"), waiver: true, legalBasis: "", hasLegalBasis: false,
            officer: "A. Officer", released: Numbers.localDateTime(1_780_000_000, zone: .gmt), zoneRecorded: false, hash: "abc123",
            lines: [
                .init(
                    no: 1, description: "Family tents", hs: "6306.22", quantity: Numbers.grouped(Quantity(units: 1200)), unit: "piece",
                    value: L("no commercial value"), origin: "PK", basis: L("none: duties and taxes apply"))
            ],
            assessments: [.init(currency: "USD", duty: "0.00", tax: "0.00", total: "0.00", waived: "0.00", payable: "0.00")],
            valuation: .init(
                hasValuation: false, currency: "", lines: [], goods: "", freight: "", insurance: "", customsValue: "", rates: [],
                ratesText: "", hasRates: false, hasAssumption: false, assumption: "", note: ""),
            bilingualLink: nil, bilingualText: "")
    }

    static func bilingual(_ country: String, _ english: String) async throws -> String {
        let pages = try await PageRenderer.load(translations: try Translations.load())
        let language = try #require(CustomsLanguages.language(ofCountry: country))
        let columns = DeclarationPages.bilingualColumns(language, country: country, pages: pages) {
            note(country: country, english: english)
        }
        return pages.fragment(BilingualReleaseNotePageView(columns: columns, single: "/"), in: .en)
    }

    @Test func haitisCertificateIsPrintedInFrenchAndEnglish() async throws {
        let html = try await Self.bilingual("HT", "Haiti")
        #expect(html.contains(#"<div class="bilingual-column" lang="fr" dir="ltr">"#))
        #expect(html.contains(#"<div class="bilingual-column" lang="en" dir="ltr">"#))
        #expect(html.contains("Bon à enlever et attestation d’exonération"))
        #expect(html.contains("Release note and exemption certificate"))
        #expect(html.contains("Administration des douanes de Haïti"), "the French column names the country in French")
        #expect(html.contains("Customs administration of Haiti"))
        #expect(html.contains("1\u{202F}200 piece"), "French groups digits with a thin space")
        #expect(html.contains("1,200 piece"))
        let french = try #require(html.range(of: #"lang="fr""#)), english = try #require(html.range(of: #"lang="en""#))
        #expect(french.lowerBound < english.lowerBound, "the country's language comes first")
    }

    @Test func jordansCertificateHasARightToLeftArabicColumn() async throws {
        let html = try await Self.bilingual("JO", "Jordan")
        #expect(html.contains(#"<div class="bilingual-column" lang="ar" dir="rtl">"#))
        #expect(html.contains("إذن الإفراج وشهادة الإعفاء"))
        #expect(html.contains("Release note and exemption certificate"))
    }

    @Test func anEnglishSpeakingCountryHasNoSecondColumn() {
        #expect(CustomsLanguages.language(ofCountry: "KE") == .en)
        #expect(CustomsLanguages.language(ofCountry: "mz") == .pt)
        #expect(CustomsLanguages.language(ofCountry: "HN") == .es)
    }

    @Test func aReleaseNoteReadsInFrenchAndKenyasOffersNoBilingualPrint() async throws {
        try await TestApp.run(history: true) { app, client in
            let released = try #require(
                try await app.store.declarations.list(by: .console, filter: .init(state: .released, country: "KE")).first)
            let french = try await client.execute(
                uri: "/customs/declarations/\(released.id)/release-note?lang=fr", method: .get, headers: app.headers("customs_officer"))
            #expect(french.status == .ok)
            #expect(french.body.text.contains("<h1>Bon à enlever et attestation d’exonération</h1>"))
            #expect(french.body.text.contains("Droits et taxes"))
            #expect(!french.body.text.contains("bilingual=1"), "Kenya's customs writes English: no second language to print")
            let asked = try await client.execute(
                uri: "/customs/declarations/\(released.id)/release-note?bilingual=1", method: .get,
                headers: app.headers("customs_officer"))
            #expect(!asked.body.text.contains("bilingual-column"))
            #expect(asked.body.text.contains("<h1>Release note and exemption certificate</h1>"))
            let queue = try await client.execute(
                uri: "/customs/declarations?lang=fr&state=released", method: .get, headers: app.headers("customs_officer"))
            #expect(queue.body.text.contains("<h1>Déclarations — KE</h1>"))
            #expect(queue.body.text.contains("<td>mainlevée donnée</td>"), "the state reads in French")
            let declaration = try await client.execute(
                uri: "/customs/declarations/\(released.id)?lang=ar", method: .get, headers: app.headers("customs_officer"))
            #expect(declaration.body.text.contains("<h1>البيان الجمركي \(released.reference)</h1>"))
            #expect(declaration.body.text.contains("إذن الإفراج وشهادة الإعفاء"), "the link to the certificate reads in Arabic")
        }
    }
}
