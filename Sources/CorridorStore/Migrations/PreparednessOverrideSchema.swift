import Foundation

/// An action checked against data follows the data; a status set against it keeps its reason.
enum PreparednessOverrideSchema {
    static let migration = Migration(
        version: 10, name: "preparedness: the reason for overriding a checked action",
        statements: ["ALTER TABLE preparedness_actions ADD COLUMN override_reason TEXT"])
}
