import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The administrator's list of user accounts and the form that opens a new one.
struct UserAdminController {
    let store: Store
    let renderer: PageRenderer
    let passwords: Passwords

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.users.routerPath) { _, context in try await self.page(context, form: nil, created: nil, errors: []) }
        group.post(SiteRoute.users.routerPath) { request, context in try await self.create(request, context) }
    }

    struct Row { let username: String; let name: String; let role: String; let team: String; let active: Bool }
    struct Created { let username: String; let password: String }
    struct Model: Page {
        static let template = Template.users
        let chrome: Chrome; let rows: [Row]; let roles: [Option]; let teams: [Option]; let created: Created?; let form: FormState
    }

    func requireAdministrator(_ context: SafeholdContext) throws -> Identity {
        let identity = try context.requireIdentity()
        guard identity.user.role == .administrator else { throw SafeholdError.forbidden("Only an administrator manages user accounts.") }
        return identity
    }

    func page(_ context: SafeholdContext, form: FormData?, created: Created?, errors: [FieldError],
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let identity = try requireAdministrator(context)
        let teams = try await store.teams()
        let names = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        let state = FormState(form, errors: errors)
        let rows = try await store.users().map {
            Row(username: $0.username, name: $0.displayName, role: $0.role.label, team: $0.teamId.flatMap { names[$0] } ?? "", active: $0.active)
        }
        return renderer.page(Model(
            chrome: Chrome(title: "User accounts", identity: identity), rows: rows,
            roles: state.options("role", Role.self) { $0.label },
            teams: Option.list(teams.map { ($0.id.uuidString, $0.name) }, selected: Set([state.values["team"]].compactMap { $0 })),
            created: created, form: state), status: status)
    }

    func create(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try requireAdministrator(context)
        let form = try await FormData.read(request, context: context)
        do {
            var v = Validation()
            let role = form["role"].flatMap(Role.init(rawValue:))
            if role == nil { v.add("role", "choose a role") }
            let team = try await store.teams().first { $0.id.uuidString == form["team"] }
            if team == nil { v.add("team", "choose a team") }
            try v.check()
            let password = Secrets.random(bytes: 12)
            let user = User(id: store.ids.next(), username: (form["username"] ?? "").lowercased(), displayName: form["displayName"] ?? "",
                            role: role!, agencyId: team!.agencyId, teamId: team!.id)
            _ = try await store.createUser(user, passwordHash: try await passwords.hash(password), mustChangePassword: true,
                                           context: try context.audit())
            return try await page(context, form: nil, created: Created(username: user.username, password: password), errors: [],
                                  status: .created)
        } catch SafeholdError.invalid(let errors) {
            return try await page(context, form: form, created: nil, errors: errors, status: .unprocessableContent)
        } catch SafeholdError.conflict(let message) {
            return try await page(context, form: form, created: nil, errors: [FieldError("username", message)], status: .conflict)
        }
    }
}
