import Foundation
import CorridorCore
import CorridorStore
import Hummingbird

/// Users, the caller's own account, and API tokens.
struct AccountController {
    let store: Store

    struct RoleDTO: Codable, Sendable {
        var role: String
        var org: String?
        var country: String?
        init(_ role: Role) { (self.role, org, country) = (role.kind.rawValue, role.orgCode, role.country) }
    }

    struct UserDTO: ResponseEncodable, Sendable {
        var id: Int64
        var email: String
        var name: String
        var roles: [RoleDTO]
        var disabled: Bool
        init(_ user: User) {
            (id, email, name, roles, disabled) = (user.id, user.email, user.name, user.roles.map(RoleDTO.init), user.disabled)
        }
    }

    struct NewUserInput: Decodable {
        var email: String
        var name: String?
        var password: String
        var roles: [RoleDTO]
    }

    struct NewTokenInput: Decodable { var name: String }

    struct CreatedToken: ResponseEncodable, Sendable {
        var token: String
        var info: APITokenInfo
    }

    func addRoutes(to group: RouterGroup<CorridorRequestContext>) {
        group.get("me") { _, context in
            try Policy.authorize(context.actor, .readOwnAccount)
            guard let user = context.user else { throw DomainError.unauthenticated("sign in first") }
            return UserDTO(user)
        }
        group.get("users") { _, context in
            ItemList(items: try await store.users.all(by: context.actor).map(UserDTO.init))
        }
        group.post("users") { request, context in
            try Policy.authorize(context.actor, .createUser)
            let input = try await request.decodeJSON(NewUserInput.self, context: context)
            var roles: [Role] = []
            var problems = ProblemList()
            for (index, dto) in input.roles.enumerated() {
                do { roles.append(try Role.parse(kind: dto.role, orgCode: dto.org, country: dto.country)) } catch {
                    for problem in (error as? DomainError)?.problems ?? [] {
                        problems.add(Problem(field: "roles[\(index)].\(problem.field ?? "role")", problem: problem.phrase))
                    }
                }
            }
            try problems.check()
            let user = try await store.users.create(
                NewUser(email: input.email, name: input.name ?? "", password: input.password, roles: roles), by: context.actor)
            return EditedResponse(status: .created, response: UserDTO(user))
        }
        group.get("tokens") { _, context in
            guard let id = context.actor.userID else { throw DomainError.unauthenticated("sign in first") }
            return ItemList(items: try await store.tokens.list(of: id, by: context.actor))
        }
        group.post("tokens") { request, context in
            guard let id = context.actor.userID else {
                try Policy.authorize(context.actor, .createToken)
                throw DomainError.unauthenticated("sign in first")
            }
            let input = try await request.decodeJSON(NewTokenInput.self, context: context)
            let created = try await store.tokens.create(for: id, name: input.name, by: context.actor)
            return EditedResponse(status: .created, response: CreatedToken(token: created.secret, info: created.info))
        }
        group.delete("tokens/{id}") { request, context in
            let raw = try request.required("id", context)
            guard let id = Int64(raw) else { throw DomainError.invalid(field: "id", "'\(raw)' is not a token id") }
            if context.actor == .anonymous { throw DomainError.unauthenticated("sign in first") }
            return try await store.tokens.revoke(id: id, by: context.actor)
        }
    }
}

extension APITokenInfo: ResponseEncodable {}
