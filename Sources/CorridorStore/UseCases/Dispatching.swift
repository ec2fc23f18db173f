import CorridorCore
import Foundation
import SQLKit

/// Dispatching stock for a scenario: reserving an organisation's stock at a site and drafting the
/// relief declaration that carries it, and cancelling that before release. Release settles the
/// reserved stock (`DeclarationSteps`).
public struct Dispatching: Sendable {
    let database: Database

    public typealias Input = DispatchRepository.Input
    public typealias Dispatch = DispatchRepository.Dispatch

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
                let point = try await db.raw("SELECT country FROM entry_points WHERE code = \(bind: input.entryPoint.uppercased())")
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
            try await StockTotals.refresh(site: input.siteId, item: item.code, on: db)
            return dispatchID
        }
        let dispatch = try await DispatchRepository(database: database).get(id: id, by: actor)!
        return (dispatch, try await DeclarationRepository(database: database).view(id: dispatch.declarationId, by: actor)!)
    }

    /// Cancels a dispatch before release: its declaration is cancelled and the stock is available again.
    public func cancel(id: Int64, by actor: Actor, at time: Int64 = UnixTime.now()) async throws -> DispatchRepository.Dispatch {
        let dispatches = DispatchRepository(database: database)
        guard let dispatch = try await dispatches.get(id: id, by: actor) else { throw DomainError.notFound("no dispatch \(id)") }
        try Policy.authorize(actor, .dispatchStock, .organisation(code: dispatch.org))
        try await database.transaction { db in
            guard let declaration = try await DeclarationRepository.view(id: dispatch.declarationId, by: actor, on: db) else {
                throw DomainError.notFound("no declaration for dispatch \(id)")
            }
            guard declaration.state.isBeforeRelease else {
                throw DomainError.conflict("the consignment was \(declaration.state.rawValue); a dispatch is cancelled before release")
            }
            _ = try await DeclarationSteps.take(
                id: declaration.id, .cancel, by: actor, today: .today(), at: time,
                input: { (declaration.version, "dispatch \(id) cancelled") }, on: db)
        }
        return try await dispatches.get(id: id, by: actor)!
    }
}
