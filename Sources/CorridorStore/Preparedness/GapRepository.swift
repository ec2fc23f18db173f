import CorridorCore
import Foundation
import SQLKit

/// Scenario gap analyses against today's stock: candidates read in one grouped query, arrival
/// times from the planning figures and the customs times Corridor measured, then the core's
/// allocation. Scenarios are saved so they can be run again as stock changes.
public struct GapRepository: Sendable {
    let database: Database

    public struct SavedScenario: Sendable, Codable, Equatable {
        public var id: Int64
        public var name: String
        public var scenario: Scenario
        public var createdBy: String
        public var createdAt: Int64
    }

    public struct Report: Sendable, Codable, Equatable {
        public var scenario: SavedScenario?
        public var result: GapResult
        public var dispatches: [DispatchRepository.Dispatch]
        public var ranAt: Int64
    }

    // MARK: planning figures

    public func figures() async throws -> PlanningFigures {
        try await database.read { db in try await Self.figures(on: db) }
    }

    static func figures(on db: any SQLDatabase) async throws -> PlanningFigures {
        guard let row = try await db.raw("SELECT figures FROM planning_figures WHERE id = 1").first() else { return .standard }
        return try JSONDecoder().decode(PlanningFigures.self, from: Data(try row.string("figures").utf8))
    }

    public func setFigures(_ figures: PlanningFigures, by actor: Actor) async throws -> PlanningFigures {
        try Policy.authorize(actor, .managePlanningFigures)
        let valid = try figures.validated()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(valid), as: UTF8.self)
        try await database.transaction { db in
            try await db.raw("DELETE FROM planning_figures WHERE id = 1").run()
            try await db.raw(
                """
                INSERT INTO planning_figures (id, figures, updated_by, updated_at)
                VALUES (1, \(bind: json), \(bind: DeclarationAudit.actorName(actor)), \(bind: UnixTime.now()))
                """
            ).run()
        }
        return valid
    }

    // MARK: scenarios

    public func save(_ scenario: Scenario, name: String?, by actor: Actor, today: Day = .today()) async throws -> Report {
        guard actor != .anonymous else { throw DomainError.unauthenticated("sign in to save a scenario") }
        try Policy.authorize(actor, .runScenario)
        let valid = try scenario.validated()
        let label =
            (name?.trimmedCell).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
            ?? "\(valid.people) people, \(valid.days) days, \(valid.country)"
        let id = try await database.transaction { db -> Int64 in
            guard try await ReferenceRepository.countryExists(valid.country, on: db) else {
                throw DomainError.invalid(field: "country", "'\(valid.country)' is not a known country")
            }
            let names = try await ReferenceRepository.countryNames(on: db)
            try valid.checkLocation(in: try ReferenceFiles.outlines()) { names[$0] }
            guard
                let id = try await db.raw(
                    """
                    INSERT INTO scenarios (country, lat, lon, people, days, hazard, name, created_by, created_at)
                    VALUES (\(bind: valid.country), \(bind: valid.lat), \(bind: valid.lon), \(bind: valid.people), \(bind: valid.days), \(bind: valid.hazard),
                            \(bind: label), \(bind: DeclarationAudit.actorName(actor)), \(bind: UnixTime.now()))
                    RETURNING id
                    """
                ).first()?.int64("id")
            else { throw DomainError.internalFailure("the scenario was not stored") }
            return id
        }
        return try await run(id: id, by: actor, today: today)!
    }

    public func scenarios() async throws -> [SavedScenario] {
        try await database.read { db in try await db.raw("SELECT * FROM scenarios ORDER BY id DESC LIMIT 200").all().map(Self.saved) }
    }

    /// Runs a saved scenario against today's stock.
    public func run(id: Int64, by actor: Actor, today: Day = .today()) async throws -> Report? {
        guard
            let saved = try await database.read({ db in
                try await db.raw("SELECT * FROM scenarios WHERE id = \(bind: id)").first().map(Self.saved)
            })
        else {
            return nil
        }
        let result = try await analyse(saved.scenario, by: actor, today: today)
        return Report(
            scenario: saved, result: result, dispatches: try await DispatchRepository(database: database).list(scenario: id, by: actor),
            ranAt: UnixTime.now())
    }

    static func saved(_ row: any SQLRow) throws -> SavedScenario {
        SavedScenario(
            id: try row.int64("id"), name: try row.string("name"),
            scenario: Scenario(
                country: try row.string("country"), lat: try row.double("lat"), lon: try row.double("lon"),
                people: try row.int("people"), days: try row.int("days"), hazard: try row.optionalString("hazard")),
            createdBy: try row.string("created_by"), createdAt: try row.int64("created_at"))
    }

    // MARK: analysis

    /// The gap analysis of a scenario for this caller: stock it may not see is not counted, and
    /// stock it may count but not see in detail is shown without site and lines.
    public func analyse(_ scenario: Scenario, by actor: Actor, today: Day = .today()) async throws -> GapResult {
        let scenario = try scenario.validated()
        let releaseTimes = try await DeclarationRepository(database: database).releaseTimes(country: scenario.country)
        return try await database.read { db in
            guard let country = try await ReferenceRepository.country(scenario.country, on: db) else {
                throw DomainError.notFound("no country \(scenario.country)")
            }
            let figures = try await Self.figures(on: db)
            let candidates = try await Self.candidates(
                for: scenario, region: country.region, subregion: country.subregion, figures: figures, actor: actor, today: today, on: db)
            let points = try await CustomsSetupRepository.entryPoints(country: scenario.country, on: db)
            let profile = try await CustomsProfileRepository.profile(scenario.country, on: db)
            let facilitates = try await db.raw("SELECT * FROM emergencies WHERE country = \(bind: scenario.country)").all()
                .map(CustomsSetupRepository.emergency).contains { $0.isActive(on: today) && $0.facilities.preArrivalLodgement }
            // Each located entry point with its customs time: the measured median, else the profile, else the default.
            let entryRoutes = points.compactMap { point -> EntryRoute? in
                guard let lat = point.lat, let lon = point.lon else { return nil }
                let measured = releaseTimes.entryPoints[point.code]
                return EntryRoute(
                    code: point.code, kind: point.kind, lat: lat, lon: lon,
                    customsHours: ArrivalEstimate.customsHours(
                        measuredMedian: measured?.medianHours, measuredCount: measured?.count ?? 0,
                        profileHours: profile?.defaultReleaseHours, emergencyFacilitates: facilitates, figures: figures))
            }
            let fallbackHours = ArrivalEstimate.customsHours(
                measuredMedian: nil, measuredCount: 0, profileHours: profile?.defaultReleaseHours, emergencyFacilitates: facilitates,
                figures: figures)
            let items = Dictionary(try await ItemRepository.all(on: db).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            return GapAnalysis.run(scenario, candidates: candidates, figures: figures, today: today, items: items) {
                ArrivalEstimate.plan($0, to: scenario, entryPoints: entryRoutes, fallbackCustomsHours: fallbackHours, figures: figures)
            }
        }
    }

    /// Available stock of the needed families, grouped by site, item and expiry, in the country,
    /// its region, and at global hubs.
    static func candidates(
        for scenario: Scenario, region: String, subregion: String, figures: PlanningFigures, actor: Actor, today: Day,
        on db: any SQLDatabase
    ) async throws -> [CandidateSource] {
        let families = Array(Set(figures.needs.map(\.family))).sorted()
        guard !families.isEmpty else { return [] }
        // Private stock counts only for those who see it in detail; stock shared as totals counts
        // for everyone, without its site and lines (`CandidateSource.disclosed`).
        let detail = StockQueries.detailVisible(StockVisibility(for: actor))
        var sql: SQLQueryString = """
            SELECT s.id AS site_id, s.code AS site_code, s.country AS site_country, c.region AS site_region, c.subregion AS site_subregion, s.lat, s.lon, owner.code AS owner_code,
                   l.item_code, i.family, i.coverage_people, i.coverage_days, i.unit, i.weight_kg, i.volume_m3, l.expiry, CAST(SUM(l.quantity_milli) AS BIGINT) AS q,
                   CASE WHEN 
            """
        sql.appendInterpolation(detail)
        sql.appendLiteral(" THEN 1 ELSE 0 END AS disclosed")
        sql.appendInterpolation(StockQueries.linesFrom)
        let visible = StockQueries.siteVisible(StockVisibility(for: actor))
        var familyList: SQLQueryString = "i.family IN ("
        familyList.appendInterpolation(binds: families)
        familyList.appendLiteral(")")
        sql.appendInterpolation(
            StockQueries.whereClause([
                "l.status = 'available'", familyList, "i.coverage_people IS NOT NULL", "i.coverage_days IS NOT NULL",
                "(l.expiry IS NULL OR l.expiry >= \(bind: today.description))", visible,
                "(s.country = \(bind: scenario.country) OR c.region = \(bind: region) OR s.tier = 'global_hub')",
            ]))
        sql.appendLiteral(
            """
             GROUP BY s.id, s.code, s.country, c.region, c.subregion, s.lat, s.lon, s.sharing, holder.code, owner.code, l.item_code, i.family, i.coverage_people,
                i.coverage_days, i.unit, i.weight_kg, i.volume_m3, l.expiry
            """)
        var index: Int64 = 0
        return try await db.raw(sql).all().map { row in
            index += 1
            let siteCountry = try row.string("site_country"), siteRegion = try row.string("site_region")
            return CandidateSource(
                id: index, siteCode: try row.string("site_code"), siteCountry: siteCountry,
                tier: SourceTier.of(siteCountry: siteCountry, siteRegion: siteRegion, country: scenario.country, region: region),
                itemCode: try row.string("item_code"), family: try row.string("family"), quantity: Quantity(milli: try row.int64("q")),
                coveragePeople: try row.double("coverage_people"), coverageDays: try row.double("coverage_days"),
                unit: try row.string("unit"), weightKg: try row.double("weight_kg"), volumeM3: try row.double("volume_m3"),
                lat: try row.double("lat"), lon: try row.double("lon"),
                expiry: try row.optionalString("expiry").flatMap { Day.parse($0) }, disclosed: try row.int("disclosed") == 1,
                siteId: try row.int64("site_id"), owner: try row.string("owner_code"),
                sameSubregion: try row.string("site_subregion") == subregion)
        }
    }
}
