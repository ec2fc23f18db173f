import CorridorCore
import Foundation
import SQLKit

/// Release certificates: numbered per country and year at release, never reused. The counter row
/// is updated in the release's transaction, so concurrent releases queue on it rather than share
/// a number.
enum CertificateRecords {
    static func issue(declarationID: Int64, country: String, officer: String, at time: Int64, on db: any SQLDatabase) async throws
        -> ReleaseCertificate
    {
        let year = Day(ordinal: Int((Double(time) / 86_400).rounded(.down))).year
        guard
            let number = try await db.raw(
                """
                INSERT INTO certificate_counters (country, year, last_number) VALUES (\(bind: country), \(bind: year), 1)
                ON CONFLICT (country, year) DO UPDATE SET last_number = certificate_counters.last_number + 1
                RETURNING last_number
                """
            ).first()?.int("last_number")
        else { throw DomainError.conflict("no certificate number could be drawn") }
        try await db.raw(
            """
            INSERT INTO release_certificates (declaration_id, country, year, number, issued_at, officer)
            VALUES (\(bind: declarationID), \(bind: country), \(bind: year), \(bind: number), \(bind: time), \(bind: officer))
            """
        ).run()
        return ReleaseCertificate(country: country, year: year, number: number, issuedAt: time, officer: officer)
    }

    static func certificate(of declarationID: Int64, on db: any SQLDatabase) async throws -> ReleaseCertificate? {
        try await db.raw("SELECT * FROM release_certificates WHERE declaration_id = \(bind: declarationID)").first().map { row in
            ReleaseCertificate(
                country: try row.string("country"), year: try row.int("year"), number: try row.int("number"),
                issuedAt: try row.int64("issued_at"), officer: try row.string("officer"))
        }
    }
}
