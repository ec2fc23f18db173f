import CorridorCore
import Foundation
import SQLKit

/// A dispatch reserves an organisation's stock at a site for a consignment and drafts its relief
/// declaration in the destination country, so it can be lodged before the goods leave. Release by
/// customs takes the reserved stock out of the site; cancelling gives it back.
public struct DispatchRepository: Sendable {
    let database: Database

    public struct Input: Sendable, Codable, Equatable {
        public var siteId: Int64
        public var itemCode: String
        public var quantity: String
        public var entryPoint: String
        public var transportMode: String
        public var expectedArrival: String?
        public var reference: String?
        public var consignee: String?
        public var scenarioId: Int64?

        public init(
            siteId: Int64, itemCode: String, quantity: String, entryPoint: String, transportMode: String, expectedArrival: String? = nil,
            reference: String? = nil, consignee: String? = nil, scenarioId: Int64? = nil
        ) {
            (self.siteId, self.itemCode, self.quantity, self.entryPoint, self.transportMode) = (
                siteId, itemCode, quantity, entryPoint, transportMode
            )
            (self.expectedArrival, self.reference, self.consignee, self.scenarioId) = (expectedArrival, reference, consignee, scenarioId)
        }
    }

    public struct Dispatch: Sendable, Codable, Equatable {
        public var id: Int64
        public var org: String
        public var site: String
        public var itemCode: String
        public var quantity: Quantity
        public var destination: String
        public var entryPoint: String
        public var state: String
        public var declarationId: Int64
        public var scenarioId: Int64?
    }

    /// Reserves `quantity` of the organisation's available stock at the site (earliest expiry
    /// first) and drafts the declaration, all in one transaction.
    public func create(
        _ input: Input, org orgCode: String, by actor: Actor, today: Day = .today(),
        at time: Int64 = UnixTime.now()
    ) async throws -> (dispatch: Dispatch, declaration: DeclarationView) {
        let org = orgCode.uppercased()
        try Policy.authorize(actor, .dispatchStock, .organisation(code: org))
        guard case .success(let quantity) = Quantity.parse(input.quantity), quantity > .zero else {
            throw DomainError.invalid(field: "quantity", "must be a number above 0")
        }
        let id = try await database.transaction { db -> Int64 in
            guard let organisation = try await OrganisationRepository.find(code: org, on: db) else {
                throw DomainError.notFound("no organisation \(org)")
            }
            // A site the caller may not see in detail, where the organisation holds nothing, gets
            // the same answer as one that does not exist.
            let holds =
                try await db.raw(
                    """
                    SELECT 1 AS held FROM stock_lines WHERE site_id = \(bind: input.siteId) AND owner_org_id = \(bind: organisation.id) LIMIT 1
                    """
                ).first() != nil
            guard let site = try await SiteRepository.find(id: input.siteId, on: db),
                holds || StockVisibility(for: actor).seesDetail(of: site)
            else {
                throw DomainError.notFound("no site \(input.siteId)")
            }
            guard
                let item = try await db.raw("SELECT * FROM items WHERE code = \(bind: input.itemCode.uppercased())").first().map(
                    ItemRepository.item)
            else {
                throw DomainError.invalid(field: "item_code", "'\(input.itemCode)' is not a catalogue item")
            }
            guard
                let point = try await db.raw("SELECT country FROM entry_points WHERE locode = \(bind: input.entryPoint.uppercased())")
                    .first()
            else {
                throw DomainError.invalid(field: "entry_point", "'\(input.entryPoint)' is not a known entry point")
            }
            let destination = try point.string("country")
            let lines = try await db.raw(
                """
                SELECT id, quantity_milli, expiry FROM stock_lines
                WHERE site_id = \(bind: input.siteId) AND item_code = \(bind: item.code) AND owner_org_id = \(bind: organisation.id)
                  AND status = 'available' AND (expiry IS NULL OR expiry >= \(bind: today.description))
                ORDER BY CASE WHEN expiry IS NULL THEN 1 ELSE 0 END, expiry, id
                """
            ).all()
            let available = try lines.reduce(Quantity.zero) { $0 + Quantity(milli: try $1.int64("quantity_milli")) }
            guard quantity <= available else {
                throw DomainError.conflict(
                    "\(org) has \(available) \(item.unit) of \(item.code) available at \(site.code); \(quantity) asked",
                    [Problem(field: "quantity", problem: "at most \(available)")])
            }
            let emergency = try await db.raw("SELECT * FROM emergencies WHERE country = \(bind: destination) ORDER BY declared DESC").all()
                .map(CustomsSetupRepository.emergency).first { $0.isActive(on: today) }
            var value = Quantity.zero
            if let unitValue = item.valueUSD {
                guard let total = quantity.multiplied(by: unitValue) else {
                    throw DomainError.invalid(
                        field: "quantity", "\(quantity) \(item.unit) at \(unitValue) USD each is too large a value to declare")
                }
                value = total
            }
            let count = try await db.count("SELECT COUNT(*) AS n FROM dispatches WHERE org_id = \(bind: organisation.id)")
            let draft = DeclarationInput(
                reference: input.reference ?? "\(org)-DSP-\(count + 1)", consignee: input.consignee ?? "To be confirmed",
                destination: destination, entryPoint: input.entryPoint, emergencyId: emergency?.id, transportMode: input.transportMode,
                transportDocument: nil, expectedArrival: input.expectedArrival,
                lines: [
                    DeclarationLineInput(
                        description: item.name, itemCode: item.code, hsCode: item.hsCode, quantity: quantity.description,
                        unit: item.unit, grossKg: max(0.001, quantity.doubleValue * item.weightKg),
                        value: value.description,
                        currency: "USD", origin: site.country)
                ])
            let declarationID = try await DeclarationRepository.insertDraft(
                draft, org: organisation, by: actor, today: today, at: time, on: db)
            guard
                let dispatchID = try await db.raw(
                    """
                    INSERT INTO dispatches (org_id, site_id, item_code, quantity_milli, destination, entry_point, transport_mode, expected_arrival,
                        declaration_id, scenario_id, state, created_by, created_at)
                    VALUES (\(bind: organisation.id), \(bind: input.siteId), \(bind: item.code), \(bind: quantity.milli), \(bind: destination),
                            \(bind: input.entryPoint.uppercased()), \(bind: input.transportMode), \(bind: input.expectedArrival), \(bind: declarationID),
                            \(bind: input.scenarioId), 'reserved', \(bind: DeclarationAudit.actorName(actor)), \(bind: time))
                    RETURNING id
                    """
                ).first()?.int64("id")
            else { throw DomainError.internalFailure("the dispatch was not stored") }
            var left = quantity
            for line in lines where left > .zero {
                let lineID = try line.int64("id"), lineQuantity = Quantity(milli: try line.int64("quantity_milli"))
                if lineQuantity <= left {
                    try await db.raw(
                        "UPDATE stock_lines SET status = 'reserved', dispatch_id = \(bind: dispatchID) WHERE id = \(bind: lineID)"
                    ).run()
                    left = left - lineQuantity
                } else {
                    try await db.raw(
                        "UPDATE stock_lines SET quantity_milli = quantity_milli - \(bind: left.milli) WHERE id = \(bind: lineID)"
                    ).run()
                    try await db.raw(
                        """
                        INSERT INTO stock_lines (site_id, item_code, owner_org_id, reporter_org_id, quantity_milli, status, expiry, batch, reported_at,
                            report_id, dispatch_id)
                        SELECT site_id, item_code, owner_org_id, reporter_org_id, \(bind: left.milli), 'reserved', expiry, batch, reported_at, report_id,
                            \(bind: dispatchID)
                        FROM stock_lines WHERE id = \(bind: lineID)
                        """
                    ).run()
                    left = .zero
                }
            }
            return dispatchID
        }
        let dispatch = try await get(id: id, by: actor)!
        return (dispatch, try await DeclarationRepository(database: database).view(id: dispatch.declarationId, by: actor)!)
    }

    public func get(id: Int64, by actor: Actor) async throws -> Dispatch? {
        try await database.read { db in try await Self.load("d.id = \(bind: id)", on: db).first }
            .flatMap { actor.isAdmin || actor.isMember(of: $0.org) || actor.isCustomsOfficer(of: $0.destination) ? $0 : nil }
    }

    public func list(scenario: Int64? = nil, by actor: Actor) async throws -> [Dispatch] {
        let all = try await database.read { db in
            if let scenario { return try await Self.load("d.scenario_id = \(bind: scenario)", on: db) }
            return try await Self.load("1 = 1", on: db)
        }
        return all.filter {
            actor.isAdmin || actor.isMember(of: $0.org) || actor.isCustomsOfficer(of: $0.destination)
                || actor.isCoordinator(of: $0.destination)
        }
    }

    static func load(_ filter: SQLQueryString, on db: any SQLDatabase) async throws -> [Dispatch] {
        var sql: SQLQueryString = """
            SELECT d.*, o.code AS org_code, s.code AS site_code FROM dispatches d JOIN organisations o ON o.id = d.org_id JOIN sites s ON s.id = d.site_id
            WHERE
            """
        sql.appendLiteral(" ")
        sql.appendInterpolation(filter)
        sql.appendLiteral(" ORDER BY d.id")
        return try await db.raw(sql).all().map { row in
            Dispatch(
                id: try row.int64("id"), org: try row.string("org_code"), site: try row.string("site_code"),
                itemCode: try row.string("item_code"),
                quantity: Quantity(milli: try row.int64("quantity_milli")), destination: try row.string("destination"),
                entryPoint: try row.string("entry_point"), state: try row.string("state"), declarationId: try row.int64("declaration_id"),
                scenarioId: try row.optionalInt64("scenario_id"))
        }
    }
}
