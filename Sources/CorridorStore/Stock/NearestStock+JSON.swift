import CorridorCore
import CorridorFormats

/// Nearest stock is the API's most asked-for answer: it writes its own JSON, the bytes its
/// `Encodable` conformance gives, without going through it.
extension NearestStock: DirectJSONObject {
    public func writeMembers(to object: inout JSONMembers) throws {
        object.string("country", country)
        try object.number("distance_km", distanceKm)
        try object.number("lat", lat)
        object.string("latest_report", latestReport)
        try object.number("lon", lon)
        object.string("org", org)
        object.string("quantity", quantity.description)
        object.string("site_code", siteCode)
        object.string("site_name", siteName)
    }
}
