import Foundation
import ArgumentParser
import CorridorCore
import CorridorServer
import CorridorStore
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server (migrates the database first).")

    @Option(help: "Address to listen on (default: $CORRIDOR_HOST or 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: $CORRIDOR_PORT or 8080; 0 picks a free one).") var port: Int?
    @Flag(help: "Load the demo data set (idempotent) and print its sign-in accounts.") var demo = false
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        try await db.withStore { store, opened in
            var config = opened
            if let host { config.host = host }
            if let port { config.port = port }
            if demo { try await Demo.load(into: store) }
            try await FirstAdmin.ensure(config: config, store: store)
            let app = try await buildApplication(config: config, store: store, logger: CLI.logger)
            print(
                "Corridor is starting on http://\(config.host == "0.0.0.0" ? "localhost" : config.host):\(config.port) (database \(config.database))"
            )
            fflush(nil)
            CLI.logger.info(
                "Corridor listening", metadata: ["url": "http://\(config.host):\(config.port)", "database": "\(config.database)"])
            try await app.runService()
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let config = try db.config()
        let database = try CLI.run { try Database(config.database, logger: CLI.logger) }
        let report = try await CLI.run { try await database.migrate() }
        await database.close()
        print(
            report.applied.isEmpty
                ? "Up to date (\(report.alreadyApplied) migrations applied earlier)."
                : "Applied migrations \(report.applied.map(String.init).joined(separator: ", ")).")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo data set (safe to run again).")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        try await db.withStore { store, _ in try await Self.load(into: store) }
    }

    static func load(into store: Store) async throws {
        let report = try await DemoLoader.load(into: store)
        print(
            "Demo data: \(report.organisationsAdded) organisations and \(report.usersAdded) users added, \(report.sites) sites, \(report.stockLines) stock lines imported."
        )
        print("Demo accounts (password for all: \(report.password)):")
        for credential in report.credentials {
            print("  \(credential.email.padding(toLength: 36, withPad: " ", startingAt: 0)) \(credential.roles)")
        }
        // Printed before the server's log lines, even when stdout is a pipe.
        fflush(nil)
    }
}

/// The first administrator can come from CORRIDOR_ADMIN_EMAIL / CORRIDOR_ADMIN_PASSWORD.
enum FirstAdmin {
    static func ensure(config: CorridorConfig, store: Store) async throws {
        guard let email = config.adminEmail else { return }
        guard let password = config.adminPassword else {
            throw CLI.Failure(description: "CORRIDOR_ADMIN_EMAIL is set but CORRIDOR_ADMIN_PASSWORD is not")
        }
        if try await store.users.find(email: email) != nil { return }
        do {
            _ = try await store.users.create(
                NewUser(email: email, name: "Administrator", password: password, roles: [.admin]), by: .console)
        } catch {
            // Servers started together on one database race to create the same first account;
            // the one that loses finds it made by the other.
            if try await store.users.find(email: email) != nil { return }
            throw error
        }
        print("Created administrator \(email).")
    }
}
