import ArgumentParser
import CorridorCore
import CorridorStore
import Foundation

/// Writes a synthetic HXL stock report: `rows` lines spread over `sites` sites in real countries,
/// 11 columns as an ERP export would carry them. Deterministic for a given size, so runs compare.
struct BenchGenerator {
    var rows: Int
    var sites: Int

    static let columns = [
        "#org+code", "#loc+code", "#loc+name", "#country+code", "#geo+lat", "#geo+lon",
        "#item+code", "#indicator+num", "#status", "#date+expiry", "#date+reported",
    ]

    func write(to url: URL, org: String, items: [String], countries: [Country], today: Day) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ValidationError("cannot create \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let places = countries.compactMap { c in c.lat.flatMap { lat in c.lon.map { (c.alpha2, lat, $0) } } }
        var generator = SplitMix64(seed: 2026)
        var buffer = "Organisation,Site code,Site,Country,Latitude,Longitude,Item,Quantity,Status,Expiry,Reported\n"
        buffer += Self.columns.joined(separator: ",") + "\n"
        let statuses = ["available", "available", "available", "reserved", "damaged"]
        for row in 0..<rows {
            let site = row % sites
            let place = places[site % places.count]
            // Sites sit within a few km of their country's label point, so none trips the bounding-box check.
            let lat = place.1 + Double(site % 97) * 0.0005, lon = place.2 + Double(site % 89) * 0.0005
            let expiry = generator.next() % 3 == 0 ? today.adding(days: 30 + Int(generator.next() % 700)).description : ""
            buffer += "\(org),S\(site),Warehouse \(site),\(place.0),\(String(format: "%.4f", lat)),\(String(format: "%.4f", lon)),"
            buffer += "\(items[Int(generator.next() % UInt64(items.count))]),\(1 + generator.next() % 5000),"
            buffer += "\(statuses[Int(generator.next() % 5)]),\(expiry),\(today.adding(days: -Int(generator.next() % 60)).description)\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer.utf8))
    }
}
