import CorridorCore
import CorridorFormats
import Foundation

/// Demo stock, loaded the way organisations load theirs: as HXL stock reports through the
/// importer. Dates are relative to today so alerts (expiring soon, stale reports) always show.
enum DemoStock {
    struct Line {
        var site: String
        var item: String
        var quantity: Int
        var expiresInDays: Int?
        var reportedDaysAgo: Int
    }

    static let lines: [String: [Line]] = [
        "WFP": [
            Line(site: "UNHRD-BRI", item: "SHE-TENT-FAM", quantity: 4_000, expiresInDays: nil, reportedDaysAgo: 6),
            Line(site: "UNHRD-BRI", item: "NFI-BLKT-HT", quantity: 60_000, expiresInDays: nil, reportedDaysAgo: 6),
            Line(site: "UNHRD-BRI", item: "HEA-IEHK-BASIC", quantity: 40, expiresInDays: 400, reportedDaysAgo: 6),
            Line(site: "UNHRD-BRI", item: "LOG-MSU-10X24", quantity: 35, expiresInDays: nil, reportedDaysAgo: 6),
            Line(site: "UNHRD-DXB", item: "SHE-TARP-4X6", quantity: 80_000, expiresInDays: nil, reportedDaysAgo: 3),
            Line(site: "UNHRD-DXB", item: "NFI-KIT-KITCHEN", quantity: 12_000, expiresInDays: nil, reportedDaysAgo: 3),
            Line(site: "UNHRD-DXB", item: "FOO-HEB", quantity: 25_000, expiresInDays: 60, reportedDaysAgo: 3),
            Line(site: "UNHRD-DXB", item: "TEL-VSAT", quantity: 12, expiresInDays: nil, reportedDaysAgo: 3),
            Line(site: "UNHRD-ACC", item: "NUT-RUTF", quantity: 30_000, expiresInDays: 300, reportedDaysAgo: 12),
            Line(site: "UNHRD-ACC", item: "HEA-LLIN", quantity: 150_000, expiresInDays: nil, reportedDaysAgo: 12),
            Line(site: "UNHRD-PTY", item: "WSH-KIT-HYGIENE", quantity: 20_000, expiresInDays: nil, reportedDaysAgo: 20),
            Line(site: "UNHRD-PTY", item: "WSH-JCAN-C10", quantity: 40_000, expiresInDays: nil, reportedDaysAgo: 20),
            Line(site: "UNHRD-SZB", item: "SHE-TENT-FAM", quantity: 2_500, expiresInDays: nil, reportedDaysAgo: 9),
            Line(site: "UNHRD-SZB", item: "WSH-TABS-NADCC", quantity: 2_000_000, expiresInDays: 700, reportedDaysAgo: 9),
            Line(site: "UNHRD-SZB", item: "LOG-GEN-20KVA", quantity: 25, expiresInDays: nil, reportedDaysAgo: 9),
            Line(site: "UNHRD-LPA", item: "FOO-HEB", quantity: 8_000, expiresInDays: 45, reportedDaysAgo: 30),
            Line(site: "UNHRD-LPA", item: "NFI-LAMP-SOLAR", quantity: 15_000, expiresInDays: nil, reportedDaysAgo: 30),
            Line(site: "WFP-NP-CHT", item: "FOO-RICE", quantity: 400_000, expiresInDays: 240, reportedDaysAgo: 14),
            Line(site: "WFP-NP-CHT", item: "FOO-PULSE-LENTILS", quantity: 60_000, expiresInDays: 300, reportedDaysAgo: 14),
            Line(site: "WFP-PH-CEB", item: "FOO-RICE", quantity: 250_000, expiresInDays: 200, reportedDaysAgo: 120),
        ],
        "IFRC": [
            Line(site: "IFRC-KUL", item: "SHE-KIT-SHELTER", quantity: 15_000, expiresInDays: nil, reportedDaysAgo: 10),
            Line(site: "IFRC-KUL", item: "NFI-BLKT-MT", quantity: 30_000, expiresInDays: nil, reportedDaysAgo: 10),
            Line(site: "IFRC-NBO", item: "WSH-JCAN-R20", quantity: 18_000, expiresInDays: nil, reportedDaysAgo: 25),
            Line(site: "IFRC-NBO", item: "SHE-TARP-4X6", quantity: 22_000, expiresInDays: nil, reportedDaysAgo: 25),
            Line(site: "IFRC-PTY", item: "WSH-KIT-HYGIENE", quantity: 9_000, expiresInDays: nil, reportedDaysAgo: 40),
        ],
        "UNICEF": [
            Line(site: "UNICEF-CPH", item: "EDU-KIT-SIAB", quantity: 3_000, expiresInDays: nil, reportedDaysAgo: 5),
            Line(site: "UNICEF-CPH", item: "NUT-RUTF", quantity: 60_000, expiresInDays: 500, reportedDaysAgo: 5),
            Line(site: "UNICEF-CPH", item: "HEA-KIT-CHOLERA", quantity: 120, expiresInDays: 30, reportedDaysAgo: 5),
        ],
        "NRCS": [
            Line(site: "NRCS-KTM", item: "SHE-TARP-4X6", quantity: 8_000, expiresInDays: nil, reportedDaysAgo: 21),
            Line(site: "NRCS-KTM", item: "NFI-BLKT-MT", quantity: 12_000, expiresInDays: nil, reportedDaysAgo: 21),
            Line(site: "NRCS-KTM", item: "WSH-JCAN-C10", quantity: 6_000, expiresInDays: nil, reportedDaysAgo: 21),
        ],
        "KRCS": [
            Line(site: "KRCS-NBO", item: "NFI-KIT-KITCHEN", quantity: 3_000, expiresInDays: nil, reportedDaysAgo: 16),
            Line(site: "KRCS-NBO", item: "WSH-TABS-NADCC", quantity: 300_000, expiresInDays: 50, reportedDaysAgo: 16),
        ],
        "OXFAM": [
            Line(site: "OXF-KE-GAR", item: "WSH-TANK-BLAD10", quantity: 40, expiresInDays: nil, reportedDaysAgo: 8),
            Line(site: "OXF-KE-GAR", item: "WSH-KIT-HYGIENE", quantity: 2_500, expiresInDays: nil, reportedDaysAgo: 8),
        ],
        "PRC": [
            Line(site: "PRC-MNL", item: "SHE-KIT-SHELTER", quantity: 5_000, expiresInDays: nil, reportedDaysAgo: 11),
            Line(site: "PRC-MNL", item: "FOO-RICE", quantity: 90_000, expiresInDays: 150, reportedDaysAgo: 11),
        ],
        "AFAD": [
            Line(site: "AFAD-ADA", item: "SHE-TENT-FAM", quantity: 20_000, expiresInDays: nil, reportedDaysAgo: 4),
            Line(site: "AFAD-ADA", item: "NFI-BLKT-HT", quantity: 100_000, expiresInDays: nil, reportedDaysAgo: 4),
        ],
        "INGD": [
            Line(site: "INGD-BEW", item: "SHE-TARP-4X6", quantity: 7_000, expiresInDays: nil, reportedDaysAgo: 33),
            Line(site: "INGD-BEW", item: "WSH-TABS-NADCC", quantity: 500_000, expiresInDays: 400, reportedDaysAgo: 33),
        ],
        "HAVEN": [
            Line(site: "HAVEN-PAP", item: "WSH-JCAN-R20", quantity: 1_200, expiresInDays: nil, reportedDaysAgo: 130)
        ],
        "MSF": [
            Line(site: "MSF-BRU-SUP", item: "HEA-KIT-CHOLERA", quantity: 80, expiresInDays: 200, reportedDaysAgo: 7),
            Line(site: "MSF-BRU-SUP", item: "HEA-IEHK-SUPPL", quantity: 20, expiresInDays: 250, reportedDaysAgo: 7),
        ],
    ]

    /// One HXL stock report per organisation, as its logistician would upload it.
    static func report(for org: String, today: Day) -> Data {
        let writer = HXLWriter(columns: [
            .init("Warehouse code", "#loc+code"), .init("Item code", "#item+code"), .init("Quantity", "#indicator+num"),
            .init("Expiry", "#date+expiry"), .init("Reported", "#date+reported"),
        ])
        var text = writer.head()
        for line in lines[org] ?? [] {
            text += writer.row([
                line.site, line.item, String(line.quantity),
                line.expiresInDays.map { today.adding(days: $0).description } ?? "",
                today.adding(days: -line.reportedDaysAgo).description,
            ])
        }
        return Data(text.utf8)
    }
}
