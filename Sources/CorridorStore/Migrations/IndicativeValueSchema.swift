import Foundation

/// Indicative values are money, so they are kept exact: thousandths of a dollar in an integer, as
/// quantities and declared values are (migration 6 had them in a binary floating-point column).
enum IndicativeValueSchema {
    static let migration = Migration(
        version: 9, name: "items: indicative value in exact thousandths of a dollar",
        statements: [
            "ALTER TABLE items ADD COLUMN value_usd_milli BIGINT",
            "UPDATE items SET value_usd_milli = CAST(ROUND(value_usd * 1000) AS BIGINT) WHERE value_usd IS NOT NULL",
            "ALTER TABLE items DROP COLUMN value_usd",
        ])
}
