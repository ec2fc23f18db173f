/// The views of the declaration pages: the queue, one declaration, the release note, the form
/// for a new one, and a refused packing list.

struct DeclarationsPageView: PageView {
    static let template = "declarations"

    struct Entry: Sendable {
        let id: Int64
        let reference: String
        let org: String
        let destination: String
        let entryPoint: String
        let state: String
        let lane: String
        let laneName: String
        let arrival: String
        let lines: Int
        let priority: String
        /// How long it has waited, while customs has it.
        let age: String
        /// The service level's code (a style) and its words.
        let sla: String
        let hasSla: Bool
        let slaLabel: String
        let warned: Bool
        /// The declarant asked for a change customs has not decided yet.
        let amendmentPending: Bool
    }

    typealias Option = ChoiceRow

    let declarations: [Entry]
    let canDraft: Bool
    let country: String
    let states: [Option]
    let lanes: [Option]
    let entryPoints: [Option]
    let emergencies: [Option]
    let org: String
    let overdue: Bool
    let total: Int
    let from: Int
    let to: Int
    let previous: String?
    let next: String?
}

struct DeclarationPageView: PageView {
    static let template = "declaration"

    struct Line: Sendable {
        let no: Int
        let description: String
        let hs: String
        let quantity: String
        let unit: String
        let kg: String
        let value: String
        let currency: String
        /// No commercial value: the catalogue's indicative value is shown instead.
        let ncv: Bool
        let indicative: String?
        let origin: String
        /// "UN 2880" when the line's catalogue item is dangerous goods.
        let unNumber: String
        let hasUNNumber: Bool
        let reExportBy: String
        let reExported: String
        let isReExported: Bool
        let canReExport: Bool
    }

    struct Message: Sendable {
        let step: String
        let party: String
        /// The party in the reader's language; `party` is its code, for the list's marker.
        let partyName: String
        let author: String
        let at: String
        let text: String
    }

    struct Document: Sendable {
        let document: String
        let label: String
        let status: String
        let statusLabel: String
        let reason: String?
        let fileName: String
        let stored: Bool
        /// The start of the file's SHA-256.
        let sha256: String
        /// A PDF opens in the browser's viewer, an image shows in the page (by the file's name; the
        /// server checks its bytes before it lets either show inline).
        let isPDF: Bool
        let isImage: Bool
        let canProvide: Bool
        let provideLabel: String
        let canAccept: Bool
        let canWaive: Bool
    }

    struct Amendment: Sendable {
        let sequence: Int
        let requestedBy: String
        let requestedAt: String
        let differences: [TextRow]
        let status: String
        let statusLabel: String
        let decided: Bool
        let decidedBy: String
        let decidedAt: String
        let reason: String?
        let canDecide: Bool
    }

    /// A step the caller may take now.
    struct Step: Sendable {
        let step: String
        let label: String
        let needsMessage: Bool
        /// Rejecting or cancelling: confirmed with a tick, and shown apart from the other steps.
        let destructive: Bool
    }

    struct AuditEvent: Sendable {
        let seq: Int
        let action: String
        let before: String
        let after: String
        let actor: String
    }

    let id: Int64
    let reference: String
    let org: String
    let consignee: String
    let destination: String
    let entryPoint: String
    let mode: String
    let transportDocument: String?
    let transportDocumentLabel: String
    let packages: String
    let arrival: String
    let state: String
    let laneName: String
    let lane: String
    let reasons: String
    let version: Int64
    let lines: [Line]
    /// The special cargo its lines are ("dangerous goods", "controlled medicines"), which the
    /// extra documents below are for.
    let specialCargo: String
    let hasSpecialCargo: Bool
    let warnings: [String]
    let hasWarnings: Bool
    let messages: [Message]
    let hasMessages: Bool
    let gaps: [TextRow]
    let hasGaps: Bool
    let gapsTitle: String
    let amendments: [Amendment]
    let hasAmendments: Bool
    let canEdit: Bool
    let canRequestAmendment: Bool
    let canUploadPackingList: Bool
    let packingListLabel: String
    let completionDue: String
    let hasCompletionDue: Bool
    /// When the goods reached the entry point, once recorded.
    let arrivedAt: String
    let hasArrived: Bool
    /// Customs records the arrival of a lodged consignment, once, before release.
    let canRecordArrival: Bool
    let hasLane: Bool
    let documents: [Document]
    let steps: [Step]
    let audit: [AuditEvent]
    /// The audit chain's hashes check out.
    let verified: Bool
    let releasable: Bool
    /// A step or a decision that was refused, shown above the declaration.
    var error: String? = nil
    var details: [TextRow] = []
    var hasDetails: Bool { !details.isEmpty }
}

struct ReleaseNotePageView: PageView {
    static let template = "release-note"

    struct Line: Sendable {
        let no: Int
        let description: String
        let hs: String
        let quantity: String
        let unit: String
        /// The value with its currency, or "no commercial value" with the indicative value.
        let value: String
        let origin: String
        /// The instrument that exempts the line.
        let basis: String
    }

    /// Duty and tax in one currency.
    struct Assessment: Sendable {
        let currency: String
        let duty: String
        let tax: String
        let total: String
        let waived: String
        let payable: String
    }

    let reference: String
    let org: String
    let consignee: String
    let destination: String
    let countryName: String
    let entryPoint: String
    /// The issuing administration, from the country's customs profile.
    let administration: String
    let administrationRecorded: Bool
    let certificateNumber: String
    let transportDocument: String
    let lane: String
    /// The lane's name in the reader's language; `lane` is its code, for the colour.
    let laneName: String
    let reasons: String
    let emergency: String
    let waiver: Bool
    let legalBasis: String
    let hasLegalBasis: Bool
    /// The releasing officer's name.
    let officer: String
    /// Local time of release with its offset.
    let released: String
    let zoneRecorded: Bool
    /// The hash of the release's audit event.
    let hash: String
    let lines: [Line]
    let assessments: [Assessment]
    let valuation: Valuation
    /// The same certificate in the country's customs language and English, when that language is
    /// not English and this is not already that print.
    let bilingualLink: String?
    let bilingualText: String

    /// The customs value (CIF) in the national currency, line by line, with the rates and any
    /// planning assumption it rests on.
    struct Valuation: Sendable {
        struct Line: Sendable {
            let no: Int
            let hs: String
            let goods: String
            let freight: String
            let insurance: String
            let customsValue: String
        }

        struct Rate: Sendable {
            let currency: String
            let rate: String
            let date: String
        }

        let hasValuation: Bool
        let currency: String
        let lines: [Line]
        let goods: String
        let freight: String
        let insurance: String
        let customsValue: String
        let rates: [Rate]
        /// "1 USD = 129.5 KES (in force from 2026-01-01); 1 EUR = …", as printed.
        let ratesText: String
        let hasRates: Bool
        let hasAssumption: Bool
        let assumption: String
        /// Why there is no valuation in the national currency.
        let note: String
    }
}

struct DeclarationFormPageView: PageView {
    static let template = "declaration-form"

    typealias Option = ChoiceRow

    /// One of the declaration's own fields, with what was typed and the problem next to it.
    struct Field: Sendable {
        let name: String
        let label: String
        let type: String
        let value: String
        let hint: String
        let isSelect: Bool
        let options: [Option]
        /// The problem shown next to the field; empty when there is none.
        let invalid: Bool
        let problem: String
    }

    struct Item: Sendable {
        let code: String
        let name: String
    }

    /// A line row, with what was typed in it and its problems.
    struct Row: Sendable {
        let i: Int
        let no: Int
        let description: String
        let item: String
        let hs: String
        let quantity: String
        let unit: String
        let kg: String
        let value: String
        let ncv: Bool
        let currency: String
        let origin: String
        let invalid: Bool
        let problem: String
    }

    let heading: String
    let intro: String?
    let action: String
    let submit: String
    /// Changing an existing declaration (a draft, or a request after lodgement).
    let editing: Bool
    let version: Int64
    /// Too many lines for the form: they stay, and a packing list replaces them.
    let keepLines: Bool
    let lineCount: Int
    let orgs: [CodeRow]
    let fields: [Field]
    let items: [Item]
    let countries: [CountryChoice]
    let rows: [Row]
    var error: String? = nil
    var details: [TextRow] = []
}

struct PackingListRejectedPageView: PageView {
    static let template = "packing-list-rejected"

    struct Problem: Sendable {
        let row: String
        let column: String
        let field: String
        let problem: String
    }

    /// The declaration it was meant for.
    let id: Int64
    let file: String
    let message: String
    let problems: [Problem]
}

/// The release note in the country's customs language and English, side by side: each column is
/// the whole certificate rendered in its language, with its own writing direction.
struct BilingualReleaseNotePageView: PageView {
    static let template = "release-note-bilingual"

    struct Column: Sendable {
        let lang: String
        let dir: String
        /// The certificate's HTML, rendered by the template in that language.
        let html: String
    }

    let columns: [Column]
    /// The certificate in the reader's language alone.
    let single: String
}
