import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The signed-in user's own account: its summary and second factor, changing the password, API tokens.
struct AccountController {
    let store: Store
    let renderer: PageRenderer
    let passwords: Passwords
    let configuration: AppConfiguration

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.account.routerPath) { _, context in try await self.accountPage(context) }
        group.get(SiteRoute.changePassword.routerPath) { _, context in try self.passwordPage(context, error: nil) }
        group.get(SiteRoute.sessionCheck.routerPath) { _, context in try self.sessionCheck(context) }
        group.post(SiteRoute.changePassword.routerPath) { request, context in
            try await self.changePassword(request, context)
        }
        group.get(SiteRoute.apiTokens.routerPath) { _, context in
            try await self.tokensPage(context, token: nil, error: nil)
        }
        group.post(SiteRoute.apiTokens.routerPath) { request, context in try await self.createToken(request, context) }
        group.post(SiteRoute.revokeToken) { request, context, id in try await self.revokeToken(request, context, id) }
        group.post(SiteRoute.notificationEmail.routerPath) { request, context in
            let form = try await FormData.read(request, context: context)
            do {
                let address = try EmailAddress.validated(form["email"])
                try await self.store.setNotificationEmail(address, context: try context.audit())
                return Response.redirect(to: SiteRoute.account.path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.accountPage(context, form: form, errors: errors, status: .unprocessableContent)
            }
        }
    }

    /// Answers a page's "Stay signed in": reaching here means the session is live (the sign-in middleware
    /// has touched it, so the idle time starts again). A session that ended never gets here: it is sent to
    /// the sign-in page, which the page's script tells apart by its type.
    func sessionCheck(_ context: SafeholdContext) throws -> Response {
        let identity = try context.requireIdentity()
        return try APIResponse.json(SessionState(signedIn: true, idleSeconds: identity.idleTimeoutSeconds ?? 0))
    }

    struct SessionState: Encodable {
        let signedIn: Bool
        let idleSeconds: Int
    }

    struct AccountModel: Page {
        static let template = Template.account
        let chrome: Chrome; let username: String; let role: String; let hasSecondFactor: Bool
        let form: FormState; let emailAction: String
    }

    func accountPage(
        _ context: SafeholdContext, form: FormData? = nil, errors: [FieldError] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let account = try await store.account(id: identity.user.id)
        let email = try await store.notificationEmail(of: identity.user.id)
        return renderer.page(
            AccountModel(
                chrome: Chrome(title: "Your account", identity: identity), username: identity.user.username,
                role: identity.user.role.label, hasSecondFactor: account?.totpSecret != nil,
                form: FormState(form, errors: errors, defaults: ["email": email ?? ""]),
                emailAction: SiteRoute.notificationEmail.path),
            status: status)
    }

    struct PasswordModel: Page {
        static let template = Template.password
        let chrome: Chrome; let mustChange: Bool; let error: String?
    }

    func passwordPage(
        _ context: SafeholdContext, error: String?,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let identity = try context.requireIdentity()
        return renderer.page(
            PasswordModel(
                chrome: Chrome(title: "Change your password", identity: identity),
                mustChange: identity.mustChangePassword, error: error), status: status)
    }

    /// Changes the password after checking the current one; that check counts as a sign-in attempt,
    /// so it cannot be used to guess the password faster than the sign-in page allows.
    func changePassword(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let user = identity.user
        if let until = try await store.beginSignInAttempt(
            username: user.username, address: context.remoteAddress, user: user)
        {
            return try passwordPage(
                context, error: AuthController.wait(until: until, now: store.clock.now()),
                status: .tooManyRequests)
        }
        guard let account = try await store.account(id: user.id),
            try await passwords.verify(form.raw("current"), hash: account.passwordHash)
        else {
            try await store.signInFailed(user, address: context.remoteAddress, step: "current password")
            return try passwordPage(
                context, error: "Your current password is not right.", status: .unprocessableContent)
        }
        try await store.signInSucceeded(username: user.username, address: context.remoteAddress)
        let new = form.raw("new")
        if let problem = User.passwordProblem(new) {
            return try passwordPage(context, error: "The new password \(problem).", status: .unprocessableContent)
        }
        guard new == form.raw("confirm") else {
            return try passwordPage(
                context, error: "The two new passwords do not match.", status: .unprocessableContent)
        }
        guard new != form.raw("current") else {
            return try passwordPage(
                context, error: "Choose a password different from the current one.", status: .unprocessableContent)
        }
        try await store.setPassword(
            user.id, hash: try await passwords.hash(new), keepSession: identity.sessionToken,
            context: try context.audit())
        return .redirect(to: SiteRoute.home.path, type: .normal)
    }

    struct TokenRow {
        let name: String; let created: String; let expires: String; let lastUsed: String; let state: String
        let revokePath: String?
    }
    struct TokensModel: Page {
        static let template = Template.tokens
        let chrome: Chrome; let token: String?; let error: String?; let rows: [TokenRow]; let hasRows: Bool;
        let days: Int
    }

    func tokensPage(
        _ context: SafeholdContext, token: String?, error: String?, status: HTTPResponse.Status = .ok
    )
        async throws -> Response
    {
        let identity = try context.requireIdentity()
        let now = store.clock.now()
        let rows = try await store.apiTokens(userId: identity.user.id).map { t in
            TokenRow(
                name: t.name,
                created: Timestamp.string(t.createdAt).prefix(16).replacingOccurrences(of: "T", with: " "),
                expires: Timestamp.string(t.expiresAt).prefix(10).description,
                lastUsed: t.lastUsedAt.map { Timestamp.string($0).prefix(16).replacingOccurrences(of: "T", with: " ") }
                    ?? "never",
                state: t.revokedAt != nil ? "Revoked" : (t.expiresAt <= now ? "Expired" : "Live"),
                revokePath: t.isLive(at: now) ? SiteRoute.revokeToken(t.id).path : nil)
        }
        return renderer.page(
            TokensModel(
                chrome: Chrome(title: "API tokens", identity: identity), token: token, error: error,
                rows: rows, hasRows: !rows.isEmpty, days: Int(configuration.apiTokenLifetime / 86_400)), status: status)
    }

    func createToken(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            let token = try await store.createAPIToken(
                userId: identity.user.id, name: form["name"] ?? "",
                lifetime: configuration.apiTokenLifetime, context: try context.audit())
            return try await tokensPage(context, token: token, error: nil, status: .created)
        } catch let error as SafeholdError {
            return try await tokensPage(context, token: nil, error: error.message, status: .unprocessableContent)
        }
    }

    func revokeToken(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        _ = try await FormData.read(request, context: context)
        try await store.revokeAPIToken(id, userId: identity.user.id, context: try context.audit())
        return .redirect(to: SiteRoute.apiTokens.path, type: .normal)
    }
}
