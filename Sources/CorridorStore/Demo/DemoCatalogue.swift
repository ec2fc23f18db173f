import Foundation
import CorridorCore

/// The demo world: real organisations, the six UNHRD hubs at their real coordinates, and
/// warehouses in the six countries the customs demo uses (NP, KE, PH, HT, TR, MZ).
enum DemoCatalogue {
    static let password = "corridor-demo"

    static let organisations: [NewOrganisation] = [
        .init(code: "WFP", name: "World Food Programme", type: "un_agency", hqCountry: "IT"),
        .init(code: "UNICEF", name: "United Nations Children's Fund", type: "un_agency", hqCountry: "US"),
        .init(code: "UNHCR", name: "UN High Commissioner for Refugees", type: "un_agency", hqCountry: "CH"),
        .init(code: "WHO", name: "World Health Organization", type: "un_agency", hqCountry: "CH"),
        .init(code: "IOM", name: "International Organization for Migration", type: "un_agency", hqCountry: "CH"),
        .init(
            code: "IFRC", name: "International Federation of Red Cross and Red Crescent Societies", type: "red_cross_red_crescent",
            hqCountry: "CH"),
        .init(code: "ICRC", name: "International Committee of the Red Cross", type: "red_cross_red_crescent", hqCountry: "CH"),
        .init(code: "KRCS", name: "Kenya Red Cross Society", type: "red_cross_red_crescent", hqCountry: "KE"),
        .init(code: "NRCS", name: "Nepal Red Cross Society", type: "red_cross_red_crescent", hqCountry: "NP"),
        .init(code: "MSF", name: "Médecins Sans Frontières", type: "ingo", hqCountry: "CH"),
        .init(code: "SCI", name: "Save the Children International", type: "ingo", hqCountry: "GB"),
        .init(code: "OXFAM", name: "Oxfam International", type: "ingo", hqCountry: "KE"),
        .init(code: "CARE", name: "CARE International", type: "ingo", hqCountry: "CH"),
        .init(code: "WVI", name: "World Vision International", type: "ingo", hqCountry: "GB"),
        .init(code: "AKAH", name: "Aga Khan Agency for Habitat", type: "ingo", hqCountry: "CH"),
        .init(code: "PRC", name: "Philippine Red Cross", type: "red_cross_red_crescent", hqCountry: "PH"),
        .init(code: "KADIN", name: "Kenya Association of Disaster Intervention Networks", type: "nngo", hqCountry: "KE"),
        .init(code: "CDRA", name: "Community Disaster Response Alliance Nepal", type: "nngo", hqCountry: "NP"),
        .init(code: "HAVEN", name: "Haiti Aid Volunteers Emergency Network", type: "nngo", hqCountry: "HT"),
        .init(
            code: "NDRRMA", name: "National Disaster Risk Reduction and Management Authority (Nepal)", type: "government", hqCountry: "NP"),
        .init(code: "NDOC", name: "National Disaster Operations Centre (Kenya)", type: "government", hqCountry: "KE"),
        .init(code: "AFAD", name: "Disaster and Emergency Management Presidency (Türkiye)", type: "government", hqCountry: "TR"),
        .init(
            code: "INGD", name: "Instituto Nacional de Gestão e Redução do Risco de Desastres (Mozambique)", type: "government",
            hqCountry: "MZ"),
        .init(code: "DHL-GARD", name: "DHL Get Airports Ready for Disaster", type: "private", hqCountry: "DE"),
        .init(code: "ABD", name: "Airlink Disaster Logistics", type: "private", hqCountry: "US"),
        .init(code: "LOGCLUSTER", name: "Global Logistics Cluster", type: "other", hqCountry: "IT"),
    ]

    struct DemoSite {
        var org: String
        var code: String
        var name: String
        var country: String
        var lat: Double
        var lon: Double
        var tier: Site.Tier
        var capacity: Double?
        var sharing: Site.Sharing
    }

    static let sites: [DemoSite] = [
        .init(
            org: "WFP", code: "UNHRD-BRI", name: "UNHRD Brindisi", country: "IT", lat: 40.66, lon: 17.95, tier: .globalHub,
            capacity: 45_000, sharing: .public),
        .init(
            org: "WFP", code: "UNHRD-DXB", name: "UNHRD Dubai", country: "AE", lat: 25.0, lon: 55.1, tier: .globalHub, capacity: 38_000,
            sharing: .public),
        .init(
            org: "WFP", code: "UNHRD-ACC", name: "UNHRD Accra", country: "GH", lat: 5.61, lon: -0.17, tier: .globalHub, capacity: 12_000,
            sharing: .public),
        .init(
            org: "WFP", code: "UNHRD-PTY", name: "UNHRD Panamá", country: "PA", lat: 8.92, lon: -79.60, tier: .globalHub, capacity: 20_000,
            sharing: .public),
        .init(
            org: "WFP", code: "UNHRD-SZB", name: "UNHRD Subang (Kuala Lumpur)", country: "MY", lat: 3.13, lon: 101.55, tier: .globalHub,
            capacity: 15_000, sharing: .public),
        .init(
            org: "WFP", code: "UNHRD-LPA", name: "UNHRD Las Palmas", country: "ES", lat: 28.14, lon: -15.42, tier: .globalHub,
            capacity: 10_000, sharing: .public),
        .init(
            org: "IFRC", code: "IFRC-KUL", name: "IFRC Asia Pacific Regional Logistics Unit", country: "MY", lat: 2.94, lon: 101.71,
            tier: .regionalHub, capacity: 9_000, sharing: .public),
        .init(
            org: "IFRC", code: "IFRC-NBO", name: "IFRC Africa Regional Logistics Hub", country: "KE", lat: -1.32, lon: 36.92,
            tier: .regionalHub, capacity: 6_000, sharing: .public),
        .init(
            org: "IFRC", code: "IFRC-PTY", name: "IFRC Americas Regional Logistics Unit", country: "PA", lat: 8.97, lon: -79.58,
            tier: .regionalHub, capacity: 7_500, sharing: .public),
        .init(
            org: "UNICEF", code: "UNICEF-CPH", name: "UNICEF Supply Division Copenhagen", country: "DK", lat: 55.70, lon: 12.60,
            tier: .globalHub, capacity: 25_000, sharing: .public),
        .init(
            org: "NRCS", code: "NRCS-KTM", name: "Nepal Red Cross warehouse Kathmandu", country: "NP", lat: 27.70, lon: 85.34,
            tier: .national, capacity: 2_400, sharing: .public),
        .init(
            org: "WFP", code: "WFP-NP-CHT", name: "WFP Humanitarian Staging Area Chitwan", country: "NP", lat: 27.68, lon: 84.43,
            tier: .national, capacity: 3_000, sharing: .aggregate),
        .init(
            org: "KRCS", code: "KRCS-NBO", name: "Kenya Red Cross Nairobi warehouse", country: "KE", lat: -1.30, lon: 36.83,
            tier: .national, capacity: 3_500, sharing: .public),
        .init(
            org: "OXFAM", code: "OXF-KE-GAR", name: "Oxfam Garissa field store", country: "KE", lat: -0.45, lon: 39.65, tier: .field,
            capacity: 400, sharing: .private),
        .init(
            org: "PRC", code: "PRC-MNL", name: "Philippine Red Cross logistics centre", country: "PH", lat: 14.59, lon: 120.98,
            tier: .national, capacity: 4_000, sharing: .public),
        .init(
            org: "WFP", code: "WFP-PH-CEB", name: "WFP Cebu forward logistics base", country: "PH", lat: 10.32, lon: 123.98,
            tier: .national, capacity: 2_000, sharing: .aggregate),
        .init(
            org: "HAVEN", code: "HAVEN-PAP", name: "HAVEN Port-au-Prince depot", country: "HT", lat: 18.57, lon: -72.29, tier: .national,
            capacity: 600, sharing: .public),
        .init(
            org: "AFAD", code: "AFAD-ADA", name: "AFAD Adana logistics warehouse", country: "TR", lat: 37.00, lon: 35.32, tier: .national,
            capacity: 8_000, sharing: .public),
        .init(
            org: "INGD", code: "INGD-BEW", name: "INGD Beira regional warehouse", country: "MZ", lat: -19.83, lon: 34.84, tier: .national,
            capacity: 2_500, sharing: .public),
        .init(
            org: "MSF", code: "MSF-BRU-SUP", name: "MSF Supply Brussels", country: "BE", lat: 50.85, lon: 4.36, tier: .globalHub,
            capacity: 18_000, sharing: .aggregate),
    ]

    /// One account per role the system knows, so a visitor can try each view.
    static let users: [(email: String, name: String, roles: [Role])] = [
        ("admin@corridor.example", "Corridor Administrator", [.admin]),
        ("coordinator@corridor.example", "Global Logistics Cluster Coordinator", [.coordinator(country: nil)]),
        ("coordinator.np@corridor.example", "Nepal Logistics Sector Coordinator", [.coordinator(country: "NP")]),
        ("customs.np@corridor.example", "Nepal Customs Officer", [.customsOfficer(country: "NP")]),
        ("customs.ke@corridor.example", "Kenya Revenue Authority Customs Officer", [.customsOfficer(country: "KE")]),
        ("customs.ph@corridor.example", "Philippines Bureau of Customs Officer", [.customsOfficer(country: "PH")]),
        ("customs.ht@corridor.example", "Haiti AGD Customs Officer", [.customsOfficer(country: "HT")]),
        ("customs.tr@corridor.example", "Türkiye Customs Officer", [.customsOfficer(country: "TR")]),
        ("customs.mz@corridor.example", "Mozambique Customs Officer", [.customsOfficer(country: "MZ")]),
        ("logistics@wfp.example", "WFP Logistics Officer", [.orgMember(orgCode: "WFP")]),
        ("logistics@unicef.example", "UNICEF Supply Officer", [.orgMember(orgCode: "UNICEF")]),
        ("logistics@ifrc.example", "IFRC Logistics Delegate", [.orgMember(orgCode: "IFRC")]),
        ("logistics@nrcs.example", "Nepal Red Cross Logistics Officer", [.orgMember(orgCode: "NRCS")]),
        ("logistics@msf.example", "MSF Supply Officer", [.orgMember(orgCode: "MSF")]),
        ("logistics@oxfam.example", "Oxfam Logistics Coordinator", [.orgMember(orgCode: "OXFAM")]),
    ]
}
