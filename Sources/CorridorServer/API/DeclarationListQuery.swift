import CorridorCore
import CorridorStore
import Foundation

/// The filters of the declarations list and the customs queue, read the same way from the API's
/// query and the page's: state, lane, entry point, emergency, organisation, country, overdue.
enum DeclarationListQuery {
    static func filter(_ query: QueryParameters) throws -> DeclarationRepository.ListFilter {
        func present(_ name: String) -> String? { query[name].flatMap { $0.trimmedCell.isEmpty ? nil : $0.trimmedCell } }
        var filter = DeclarationRepository.ListFilter(country: present("country"), org: present("org"))
        if let raw = present("state") {
            guard let state = DeclarationState(rawValue: raw) else {
                throw DomainError.invalid(
                    field: "state", "must be one of \(DeclarationState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.state = state
        }
        if let raw = present("lane") {
            guard let lane = Lane(rawValue: raw) else {
                throw DomainError.invalid(field: "lane", "must be one of \(Lane.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.lane = lane
        }
        filter.entryPoint = present("entry_point")
        if let raw = present("emergency_id") {
            guard let id = Int64(raw) else { throw DomainError.invalid(field: "emergency_id", "must be an emergency's id") }
            filter.emergencyId = id
        }
        if let raw = present("overdue") {
            guard ["true", "false", "1", "0"].contains(raw) else { throw DomainError.invalid(field: "overdue", "must be true or false") }
            filter.overdue = raw == "true" || raw == "1"
        }
        if let limit = try query.int("limit", in: 1...5_000) { filter.limit = limit }
        return filter
    }
}
