import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The administrator's list of user accounts: opening accounts, changing roles, deactivating, new
/// one-time passwords, and the requests that wait for a second administrator (`AccountRequest`).
struct UserAdminController {
    let store: Store
    let renderer: PageRenderer
    let passwords: Passwords
    let configuration: AppConfiguration

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.users.routerPath) { _, context in try await self.page(context) }
        group.post(SiteRoute.users.routerPath) { request, context in try await self.create(request, context) }
        group.post(SiteRoute.userActive) { request, context, id in try await self.setActive(request, context, id) }
        group.post(SiteRoute.userRole) { request, context, id in try await self.changeRole(request, context, id) }
        group.post(SiteRoute.userTeam) { request, context, id in try await self.changeTeam(request, context, id) }
        group.post(SiteRoute.userPasswordReset) { request, context, id in
            try await self.resetPassword(request, context, id)
        }
        group.post(SiteRoute.approveRequest) { request, context, id in try await self.approve(request, context, id) }
        group.post(SiteRoute.rejectRequest) { request, context, id in try await self.reject(request, context, id) }
    }

    /// A message at the top of the page: a one-time password (shown only to the administrator who may
    /// see it, only now), a request now waiting, or a refusal.
    struct Notice { var username: String?; var password: String?; var waiting: String?; var problem: String? }

    struct Row {
        let username: String; let name: String; let role: String; let team: String; let active: Bool; let isSelf: Bool
        let roles: [Option]; let activePath: String; let rolePath: String; let passwordPath: String
        /// The user's own agency, and the team choices for a joint or embedded team (any agency's).
        let agency: String; let embedded: Bool; let teams: [Option]; let teamPath: String
    }
    struct Pending {
        let summary: String; let requester: String; let requestedAt: String; let approvePath: String?
        let rejectPath: String; let mine: Bool
    }
    struct Model: Page {
        static let template = Template.users
        let chrome: Chrome; let rows: [Row]; let pending: [Pending]; let hasPending: Bool; let roles: [Option]
        let teams: [Option]; let notice: Notice?; let form: FormState; let hours: Int
    }

    func requireAdministrator(_ context: SafeholdContext) throws -> Identity {
        let identity = try context.requireIdentity()
        guard identity.user.role == .administrator else {
            throw SafeholdError.forbidden("Only an administrator manages user accounts.")
        }
        return identity
    }

    func page(
        _ context: SafeholdContext, form: FormData? = nil, notice: Notice? = nil, errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try requireAdministrator(context)
        let teams = try await store.teams()
        let names = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        let agencies = Dictionary(uniqueKeysWithValues: try await store.agencies().map { ($0.id, $0.name) })
        let teamAgency = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.agencyId) })
        let teamChoices = teams.map { ($0.id.text, "\($0.name) (\(agencies[$0.agencyId] ?? ""))") }
        let state = FormState(form, errors: errors)
        let rows = try await store.users().map { u in
            Row(
                username: u.username, name: u.displayName, role: u.role.label,
                team: u.teamId.flatMap { names[$0] } ?? "",
                active: u.active, isSelf: u.id == identity.user.id,
                roles: Option.list(Role.allCases.map { ($0.rawValue, $0.label) }, selected: [u.role.rawValue]),
                activePath: SiteRoute.userActive(u.id).path, rolePath: SiteRoute.userRole(u.id).path,
                passwordPath: SiteRoute.userPasswordReset(u.id).path, agency: agencies[u.agencyId] ?? "",
                embedded: u.teamId.map { teamAgency[$0] != u.agencyId } ?? false,
                teams: Option.list(teamChoices, selected: Set([u.teamId?.text].compactMap { $0 })),
                teamPath: SiteRoute.userTeam(u.id).path)
        }
        let pending = try await store.pendingAccountRequests().map { r in
            Pending(
                summary: r.summary, requester: r.requestedByName,
                requestedAt: Timestamp.string(r.requestedAt).prefix(16).replacingOccurrences(of: "T", with: " "),
                approvePath: r.requestedBy == identity.user.id || r.userId == identity.user.id
                    ? nil : SiteRoute.approveRequest(r.id).path,
                rejectPath: SiteRoute.rejectRequest(r.id).path, mine: r.requestedBy == identity.user.id)
        }
        return renderer.page(
            Model(
                chrome: Chrome(title: "User accounts", identity: identity), rows: rows, pending: pending,
                hasPending: !pending.isEmpty, roles: state.options("role", Role.self) { $0.label },
                teams: Option.list(
                    teams.map { ($0.id.text, $0.name) },
                    selected: Set([state.values["team"]].compactMap { $0 })),
                notice: notice, form: state, hours: Int(configuration.oneTimePasswordLifetime / 3_600)),
            status: status)
    }

    func create(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try requireAdministrator(context)
        let form = try await FormData.read(request, context: context)
        do {
            var v = Validation()
            let role = form["role"].flatMap(Role.init(rawValue:))
            if role == nil { v.add("role", "choose a role") }
            let team = try await store.teams().first { $0.id.text == form["team"] }
            if team == nil { v.add("team", "choose a team") }
            try v.check()
            let user = User(
                id: store.ids.next(), username: (form["username"] ?? "").lowercased(),
                displayName: form["displayName"] ?? "",
                role: role!, agencyId: team!.agencyId, teamId: team!.id)
            if user.role.needsSecondAdministrator {
                let request = try await store.requestAccountChange(.createUser, for: user, context: try context.audit())
                return try await page(context, notice: Notice(waiting: request.summary), status: .accepted)
            }
            let (password, hash, expires) = try await oneTimePassword()
            _ = try await store.createUser(
                user, passwordHash: hash, mustChangePassword: true, passwordExpiresAt: expires,
                context: try context.audit())
            return try await page(
                context, notice: Notice(username: user.username, password: password), status: .created)
        } catch SafeholdError.invalid(let errors) {
            return try await page(context, form: form, errors: errors, status: .unprocessableContent)
        } catch SafeholdError.conflict(let message) {
            return try await page(context, form: form, errors: [FieldError("username", message)], status: .conflict)
        }
    }

    /// A fresh one-time password, its hash, and when it stops working.
    func oneTimePassword() async throws -> (String, String, Date) {
        let password = Secrets.random(bytes: 12)
        return (
            password, try await passwords.hash(password),
            store.clock.now().addingTimeInterval(configuration.oneTimePasswordLifetime)
        )
    }
}
