import ArgumentParser
import CorridorCore
import CorridorServer
import CorridorStore
import Foundation
import Logging

@main
struct Corridor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor",
        abstract: "Pre-positioned emergency stock, relief customs facilitation and preparedness.",
        subcommands: [
            Serve.self, Migrate.self, Demo.self, Users.self, Orgs.self, Tokens.self, Import.self, Export.self, Audit.self, Gap.self,
        ])
}

/// `--database` on every command that touches data; falls back to CORRIDOR_DATABASE_URL, then ./corridor.sqlite.
struct DatabaseOption: ParsableArguments {
    @Option(help: "sqlite:///path/file.sqlite or postgres://user:pass@host/db (default: $CORRIDOR_DATABASE_URL or ./corridor.sqlite)")
    var database: String?

    func config() throws -> CorridorConfig {
        var config = try CLI.run { try CorridorConfig.fromEnvironment() }
        if let database { config.database = try CLI.run { try DatabaseURL(database) } }
        return config
    }

    /// Opens the store, runs `body` with it and the configuration, and closes the store whether
    /// `body` succeeded or not; a domain error becomes the one-line reason a shell user reads.
    func withStore<T: Sendable>(_ body: (Store, CorridorConfig) async throws -> T) async throws -> T {
        let config = try config()
        return try await CLI.run {
            try await Store.using(config.database, settings: config.store, logger: CLI.logger) { store in try await body(store, config) }
        }
    }
}

/// Turns domain errors into the one-line reasons a shell user reads (ArgumentParser prints them
/// after "Error:" and exits non-zero).
enum CLI {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static let logger: Logger = {
        LoggingSystem.bootstrap { label in
            LineLogHandler(
                label: label,
                level: ProcessInfo.processInfo.environment["CORRIDOR_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info)
        }
        return Logger(label: "corridor")
    }()

    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw failure(error) }
    }

    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw failure(error) }
    }

    static func failure(_ error: any Error) -> Failure {
        if let domain = error as? DomainError {
            let details = domain.problems.map(\.located)
            return Failure(
                description: details.isEmpty || details == [domain.message]
                    ? domain.message : domain.message + ": " + details.joined(separator: "; "))
        }
        return Failure(description: String(describing: error))
    }
}
