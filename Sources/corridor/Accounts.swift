import Foundation
import ArgumentParser
import CorridorCore
import CorridorStore

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage user accounts.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user with one role.")
        @Option(help: "E-mail address, used to sign in.") var email: String
        @Option(help: "Password (at least 10 characters).") var password: String
        @Option(help: "admin, org_member, customs_officer or coordinator.") var role: String
        @Option(help: "Organisation code (org_member).") var org: String?
        @Option(help: "ISO alpha-2 country (customs_officer; coordinator of one country — omit for global).") var country: String?
        @Option(help: "Full name.") var name: String = ""
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let parsed = try CLI.run { try Role.parse(kind: role, orgCode: org, country: country) }
            let user = try await db.withStore { store, _ in
                try await store.users.create(NewUser(email: email, name: name, password: password, roles: [parsed]), by: .console)
            }
            print("Created user \(user.email) (id \(user.id)) as \(parsed.label).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their roles.")
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let users = try await db.withStore { store, _ in try await store.users.all(by: .console) }
            for user in users { print("\(user.email)\t\(user.roles.map(\.label).joined(separator: ", "))") }
        }
    }
}

struct Orgs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage organisations.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an organisation.")
        @Option(help: "Short unique code, e.g. WFP.") var code: String
        @Option(help: "Full name.") var name: String
        @Option(help: "un_agency, ingo, nngo, red_cross_red_crescent, government, private or other.") var type: String
        @Option(help: "Headquarters country, ISO alpha-2.") var country: String
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let org = try await db.withStore { store, _ in
                try await store.organisations.create(NewOrganisation(code: code, name: name, type: type, hqCountry: country), by: .console)
            }
            print("Registered \(org.code) — \(org.name).")
        }
    }
}

struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a user and print it alone on stdout.")
        @Option(help: "E-mail of the user the token acts for.") var user: String
        @Option(help: "A name to recognise the token by.") var name: String = "command line"
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let created = try await db.withStore { store, _ in
                guard let owner = try await store.users.find(email: user) else {
                    throw DomainError.notFound("no user with e-mail \(user)")
                }
                return try await store.tokens.create(for: owner.id, name: name, by: .console)
            }
            print(created.secret)
        }
    }
}
