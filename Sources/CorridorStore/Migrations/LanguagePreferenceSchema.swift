import Foundation
import SQLKit

/// The language a person chose for the pages, kept with their account.
enum LanguagePreferenceSchema {
    static let migration = Migration(version: 17, name: "users: the language the pages speak to them") { db, _ in
        try await db.raw("ALTER TABLE users ADD COLUMN language TEXT").run()
    }
}
