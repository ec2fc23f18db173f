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
    }

    let declarations: [Entry]
    let canDraft: Bool
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
        let author: String
        let at: String
        let text: String
    }

    struct Document: Sendable {
        let document: String
        let label: String
        let status: String
        let fileName: String
        let stored: Bool
        /// The start of the file's SHA-256.
        let sha256: String
        let canProvide: Bool
        let canWaive: Bool
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
    let transportDocument: String
    let arrival: String
    let state: String
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
    let canAmend: Bool
    let completionDue: String
    let hasCompletionDue: Bool
    /// When the goods reached the entry point, once recorded.
    let arrivedAt: String
    let hasArrived: Bool
    /// Customs records the arrival of a lodged consignment, once, before release.
    let canRecordArrival: Bool
    let hasArrival: Bool
    let hasLane: Bool
    let documents: [Document]
    let steps: [Step]
    let audit: [AuditEvent]
    /// The audit chain's hashes check out.
    let verified: Bool
    let releasable: Bool
}

struct ReleaseNotePageView: PageView {
    static let template = "release-note"

    struct Line: Sendable {
        let no: Int
        let description: String
        let hs: String
        let quantity: String
        let unit: String
        let value: String
        let currency: String
        let origin: String
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
    let entryPoint: String
    let transportDocument: String
    let lane: String
    let reasons: String
    let emergency: String
    let waiver: Bool
    let officer: String
    let released: String
    /// The hash of the release's audit event.
    let hash: String
    let lines: [Line]
    let assessments: [Assessment]
    let valuation: Valuation

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

    struct Emergency: Sendable {
        let id: Int64
        let label: String
    }

    struct EntryPoint: Sendable {
        let code: String
        let label: String
    }

    struct Item: Sendable {
        let code: String
        let name: String
    }

    /// A line row, with what was typed in it.
    struct Row: Sendable {
        let i: Int
        let description: String
        let item: String
        let hs: String
        let quantity: String
        let unit: String
        let kg: String
        let value: String
        let currency: String
        let origin: String
    }

    /// What was typed in the declaration's own fields, shown again when the form is refused.
    struct Form: Sendable {
        let reference: String
        let consignee: String
        let destination: String
        let transportDocument: String
        let expectedArrival: String
        let freight: String
        let insurance: String
        let costsCurrency: String

        init(_ fields: [String: String]) {
            freight = fields["freight"] ?? ""
            insurance = fields["insurance"] ?? ""
            costsCurrency = fields["costs_currency"] ?? ""
            reference = fields["reference"] ?? ""
            consignee = fields["consignee"] ?? ""
            destination = fields["destination"] ?? ""
            transportDocument = fields["transport_document"] ?? ""
            expectedArrival = fields["expected_arrival"] ?? ""
        }
    }

    let orgs: [CodeRow]
    let emergencies: [Emergency]
    let entryPoints: [EntryPoint]
    let items: [Item]
    let countries: [CountryChoice]
    let rows: [Row]
    let form: Form
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
