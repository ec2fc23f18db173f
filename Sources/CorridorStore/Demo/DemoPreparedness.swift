import CorridorCore
import Foundation

/// Demo preparedness for the six demo countries: customs profiles and a checklist in progress, so
/// the preparedness pages and the gap analysis have content. Profiles say they are demo records.
enum DemoPreparedness {
    static let countries = ["NP", "KE", "PH", "HT", "TR", "MZ"]

    /// Disaster-management laws by their published titles; nothing else in these profiles is an official record.
    static let laws: [String: String] = [
        "NP": "Disaster Risk Reduction and Management Act 2017",
        "PH": "Philippine Disaster Risk Reduction and Management Act of 2010 (RA 10121)",
        "MZ": "Lei n.º 10/2020 de Gestão e Redução do Risco de Desastres",
    ]

    static func load(into store: Store, today: Day) async throws {
        guard try await store.customsProfiles.get(country: "NP")?.recorded == false else { return }
        for (index, country) in countries.enumerated() {
            _ = try await store.customsProfiles.put(
                CustomsProfile(
                    country: country, idrlLaw: laws[country],
                    procedure: "Demo record: relief consignments lodged before arrival in Corridor; green lane released on arrival.",
                    requiredDocuments: "Packing list, transport document, donation certificate; special cargo per the checklist.",
                    focalPoints: "Demo: customs relief desk at the main airport.", defaultReleaseHours: Double(24 + index * 12)),
                by: .console)
            let statuses: [(String, String)] = [
                ("MPA-1.1", "done"), ("MPA-2.1", "done"), ("MPA-2.2", index % 2 == 0 ? "done" : "in_progress"), ("MPA-3.1", "in_progress"),
                ("MPA-4.2", "in_progress"), ("APA-SC-3", index < 3 ? "done" : "not_started"), ("APA-SC-4", "in_progress"),
                ("APA-SC-5", index % 3 == 0 ? "done" : "in_progress"), ("APA-SC-8", "not_applicable"),
            ]
            for (code, status) in statuses {
                _ = try await store.preparedness.update(
                    country: country, code: code,
                    PreparednessUpdate(
                        status: status, ownerOrg: code.hasPrefix("APA") ? "WFP" : nil,
                        due: status == "done" ? nil : today.adding(days: 30 + index * 7).description), by: .console)
            }
        }
    }
}
