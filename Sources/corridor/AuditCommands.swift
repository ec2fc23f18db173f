import ArgumentParser
import CorridorCore
import CorridorStore
import Foundation

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit trails.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every declaration's audit chain; exit non-zero naming the first broken event.")
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let broken = try await db.withStore { store, _ in try await DeclarationAudit.verifyAll(store.database) }
            guard let first = broken.first else {
                print("Every audit chain verifies.")
                return
            }
            throw CLI.Failure(
                description:
                    "audit chain broken: declaration \(first.declarationID), event \(first.sequence) (\(first.action) by \(first.actor)); \(broken.count) declaration(s) affected"
            )
        }
    }
}
