import CorridorCore
import Foundation

/// A declaration as its declarant and the customs administration see it.
public struct DeclarationView: Sendable, Equatable, Codable {
    public struct Line: Sendable, Equatable, Codable {
        public var lineNo: Int
        public var description: String
        public var itemCode: String?
        public var hsCode: String
        public var quantity: Quantity
        public var unit: String
        public var grossKg: Double
        public var value: Quantity
        public var currency: String
        public var origin: String
        public var reExportBy: String?
    }

    public struct Document: Sendable, Equatable, Codable {
        public var document: String
        public var label: String
        public var status: String
        public var fileName: String?
        public var sha256: String?
    }

    public var id: Int64
    public var reference: String
    public var org: String
    public var consignee: String
    public var destination: String
    public var entryPoint: String
    public var emergencyId: Int64?
    public var transportMode: String
    public var transportDocument: String?
    public var expectedArrival: String?
    public var state: DeclarationState
    public var lane: Lane?
    public var laneReasons: [String]
    public var version: Int64
    public var lines: [Line]
    public var documents: [Document]
    /// Steps the caller may take now.
    public var allowedSteps: [DeclarationStep]
}
