import CorridorCore
import Foundation

extension DemoHistory {
    /// One past consignment: what was declared, and when it was lodged and arrived. What happens
    /// after the lane is drawn depends on the lane, so it is decided while replaying.
    struct Consignment {
        var input: DeclarationInput
        var org: String
        var created: Int64
        var lodged: Int64
        var arrived: Int64
        var laneAt: Int64
        var slowness: Double

        static let hour = 3600.0

        static func plan(
            _ random: inout SplitMix64, country: Country, emergency: PastEmergency, emergencyID: Int64, org: String,
            serial: Int, items: [String: Item], midnight: Int64
        ) -> Consignment {
            let point = pick(&random, country.points)
            let declared = midnight - Int64(emergency.declaredDaysAgo) * 86_400
            let ended = midnight - Int64(emergency.endedDaysAgo) * 86_400
            // Most relief comes in the first weeks of a response.
            let firstArrival = Double(declared + 2 * 86_400)
            let arrived = Int64(firstArrival + Double(ended - Int64(firstArrival)) * pow(random.unit(), 1.6))
            // Lodged before arrival most of the time: ships give days of notice, trucks little.
            let (preArrival, leadHours): (Double, Double) =
                switch point.mode {
                case .sea: (0.9, 24 + random.exponential(mean: 96))
                case .road, .rail: (0.55, 1 + random.exponential(mean: 12))
                case .air: (0.8, 3 + random.exponential(mean: 30))
                }
            var lodged =
                random.chance(preArrival)
                ? arrived - Int64(leadHours * hour)
                : arrived + Int64((0.5 + random.exponential(mean: 8 * point.slowness)) * hour)
            // A declaration can only name an emergency that was already declared.
            lodged = max(lodged, declared + 6 * Int64(hour))
            let created = max(declared + Int64(hour), lodged - Int64((0.3 + random.exponential(mean: 18)) * hour))
            lodged = max(lodged, created + 900)
            let laneAt = lodged + Int64((0.1 + random.exponential(mean: point.slowness)) * hour)

            var chosen: [String] = []
            for _ in 0..<(1 + random.below(3)) {
                let code = emergency.items[random.below(emergency.items.count)]
                if !chosen.contains(code), items[code] != nil { chosen.append(code) }
            }
            let lines = chosen.map { code in
                let item = items[code]!
                // A few tonnes by air, tens by sea or road; tablets and sachets by the hundred kilos.
                let tonnes = (point.mode == .air ? 1 + random.unit() * 9 : 8 + random.unit() * 30) / (item.weightKg < 0.01 ? 10 : 1)
                let quantity = max(1, (tonnes * 1000 / item.weightKg).rounded())
                let value = quantity * (unitValues[code] ?? 10)
                return DeclarationLineInput(
                    description: item.name, itemCode: code, hsCode: item.hsCode, quantity: String(Int(quantity)),
                    unit: item.unit, grossKg: (quantity * item.weightKg * 10).rounded() / 10,
                    value: String(format: "%.2f", value), currency: "USD",
                    origin: country.origins[random.below(country.origins.count)])
            }
            let document: String
            switch point.mode {
            case .air:
                // A fictitious air waybill with a valid check digit (the serial's first seven digits modulo 7).
                let prefix = 100 + random.below(900)
                let serial = 1_000_000 + random.below(9_000_000)
                document = "\(prefix)-\(serial)\(serial % 7)"
            case .sea: document = "MSCU\(1_000_000 + random.below(9_000_000))"
            case .road, .rail: document = "CMR \(country.iso)\(100_000 + random.below(900_000))"
            }
            let input = DeclarationInput(
                reference: "\(org)-\(country.iso)-\(serial)", consignee: "\(org) country office, \(country.iso)", destination: country.iso,
                entryPoint: point.code, emergencyId: emergencyID, transportMode: point.mode.rawValue, transportDocument: document,
                transportDocumentType: TransportDocumentType.usual(for: point.mode).rawValue, expectedArrival: day(arrived).description,
                packages: lines.count * 12, packagesKind: "pallets", lines: lines)
            return Consignment(
                input: input, org: org, created: created, lodged: lodged, arrived: arrived, laneAt: laneAt, slowness: point.slowness)
        }

        static func pick(_ random: inout SplitMix64, _ points: [Point]) -> Point {
            var ticket = random.below(points.reduce(0) { $0 + $1.weight })
            for point in points {
                if ticket < point.weight { return point }
                ticket -= point.weight
            }
            return points[0]
        }

        static func day(_ time: Int64) -> Day { Day(ordinal: Int(time / 86_400)) }

        /// Hours from the lane (or arrival, whichever is later) to release: documentary checks and
        /// examinations take longer, and now and then a permit or a weekend stretches any lane.
        static func clearanceHours(_ lane: Lane, slowness: Double, _ random: inout SplitMix64) -> Double {
            let base =
                switch lane {
                case .green: 0.25 + random.exponential(mean: 2 * slowness)
                case .blue: 0.25 + random.exponential(mean: 1.5 * slowness)
                case .yellow: 2 + random.exponential(mean: 12 * slowness)
                case .red: 8 + random.exponential(mean: 36 * slowness)
                }
            return base + (random.chance(0.07) ? 24 + random.exponential(mean: 48) : 0)
        }

        /// Takes the steps through the repository, each at its own past time; stops where the
        /// next step would lie in the future, leaving the consignment in progress.
        func replay(on store: Store, declarant: Actor, customs: Actor, random: inout SplitMix64) async throws {
            let now = UnixTime.now() - 600
            let declarations = store.declarations, steps = store.steps
            var d = try await declarations.create(input, org: org, by: declarant, today: Self.day(created), at: created)
            // Customs waives a document once the declaration is lodged: a draft is the declarant's own.
            var waived: [RequiredDocument] = []
            for document in d.documents.compactMap({ RequiredDocument(rawValue: $0.document) }) {
                if document == .donationCertificate, random.chance(0.1) {
                    waived.append(document)
                } else {
                    // A small stand-in file: the demo keeps real bytes and their hash, not megabytes of them.
                    let file = DocumentUpload(
                        fileName: "\(document.rawValue).pdf", contentType: "application/pdf",
                        bytes: Data("%PDF-1.4 demo \(document.label) for \(input.reference) \(random.next())".utf8))
                    d = try await declarations.setDocument(
                        id: d.id, document: document, status: .provided, file: file, by: declarant, at: created)
                }
            }
            d = try await steps.take(id: d.id, .lodge, version: d.version, by: declarant, today: Self.day(lodged), at: lodged)
            for document in waived {
                d = try await declarations.setDocument(
                    id: d.id, document: document, status: .waived, reason: "waived under the emergency's simplified procedure", by: customs,
                    at: lodged)
            }
            if random.chance(0.015) {
                _ = try await steps.take(
                    id: d.id, .cancel, version: d.version, message: "The consignment was redirected to another emergency.", by: declarant,
                    today: Self.day(laneAt), at: laneAt)
                return
            }
            if arrived <= laneAt { d = try await steps.recordArrival(id: d.id, at: arrived, by: customs) }
            d = try await steps.take(id: d.id, .assignLane, version: d.version, by: customs, today: Self.day(laneAt), at: laneAt)
            if arrived > laneAt {
                guard arrived < now else { return }
                d = try await steps.recordArrival(id: d.id, at: arrived, by: customs)
            }
            let lane = d.lane ?? .green
            let start = max(arrived, laneAt)
            var release = start + Int64(Self.clearanceHours(lane, slowness: slowness, &random) * Self.hour)
            if lane >= .yellow, random.chance(0.04) {
                guard release < now else { return }
                _ = try await steps.take(
                    id: d.id, .reject, version: d.version,
                    message: "Goods do not match the packing list; lodge a new declaration.", by: customs,
                    today: Self.day(release), at: release)
                return
            }
            if random.chance(lane >= .yellow ? 0.35 : 0.04) {
                let query = start + (release - start) / 3
                let answer = query + Int64((1 + random.exponential(mean: 16)) * Self.hour)
                release = answer + Int64((0.5 + random.exponential(mean: 3 * slowness)) * Self.hour)
                guard answer < now else { return }
                d = try await steps.take(
                    id: d.id, .query, version: d.version, message: "Please confirm the quantities against the packing list.",
                    by: customs, today: Self.day(query), at: query)
                d = try await steps.take(
                    id: d.id, .answer, version: d.version, message: "Quantities confirmed; the packing list is attached.",
                    by: declarant, today: Self.day(answer), at: answer)
            }
            guard release < now else { return }
            d = try await steps.take(id: d.id, .release, version: d.version, by: customs, today: Self.day(release), at: release)
            let closed = release + Int64(2 + random.below(10)) * 86_400
            if closed < now - 30 * 86_400, random.chance(0.75) {
                _ = try await steps.take(id: d.id, .close, version: d.version, by: customs, today: Self.day(closed), at: closed)
            }
        }
    }
}

extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
