import SQLKit

/// The SQLite that Corridor builds on overwrites deleted content with zeros (secure delete). For a
/// table a bulk import drops or empties whole, that writes the whole table again, as zeros, to
/// the log. `FAST` leaves the freed pages as they are on the file's free list, where later writes
/// reuse them; rows deleted from pages that stay are still zeroed.
enum SQLiteFreedPages {
    /// Runs `body` with secure delete at `FAST`, then sets it back, whether `body` throws or not.
    static func leftUnzeroed<T>(on db: any SQLDatabase, _ body: () async throws -> T) async throws -> T {
        let setting = try await db.raw("PRAGMA secure_delete").first()?.decode(column: "secure_delete", as: Int.self) ?? 1
        try await db.raw("PRAGMA secure_delete = FAST").run()
        let result: T
        do {
            result = try await body()
        } catch {
            try? await db.raw("PRAGMA secure_delete = \(unsafeRaw: String(setting))").run()
            throw error
        }
        try await db.raw("PRAGMA secure_delete = \(unsafeRaw: String(setting))").run()
        return result
    }
}
