import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The signed-in user's own account: changing the password, issuing API tokens.
struct AccountController {
    let store: Store
    let renderer: PageRenderer
    let passwords: Passwords

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.changePassword.routerPath) { _, context in try self.passwordPage(context, error: nil) }
        group.post(SiteRoute.changePassword.routerPath) { request, context in try await self.changePassword(request, context) }
        group.get(SiteRoute.apiTokens.routerPath) { _, context in try self.tokensPage(context, token: nil, error: nil) }
        group.post(SiteRoute.apiTokens.routerPath) { request, context in try await self.createToken(request, context) }
    }

    struct PasswordModel: Page {
        static let template = Template.password
        let chrome: Chrome; let mustChange: Bool; let error: String?
    }

    func passwordPage(_ context: SafeholdContext, error: String?, status: HTTPResponse.Status = .ok) throws -> Response {
        let identity = try context.requireIdentity()
        return renderer.page(PasswordModel(chrome: Chrome(title: "Change your password", identity: identity),
                                                       mustChange: identity.mustChangePassword, error: error), status: status)
    }

    func changePassword(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        guard let account = try await store.account(id: identity.user.id),
              try await passwords.verify(form.raw("current"), hash: account.passwordHash) else {
            return try passwordPage(context, error: "Your current password is not right.", status: .unprocessableContent)
        }
        let new = form.raw("new")
        if let problem = User.passwordProblem(new) {
            return try passwordPage(context, error: "The new password \(problem).", status: .unprocessableContent)
        }
        guard new == form.raw("confirm") else {
            return try passwordPage(context, error: "The two new passwords do not match.", status: .unprocessableContent)
        }
        guard new != form.raw("current") else {
            return try passwordPage(context, error: "Choose a password different from the current one.", status: .unprocessableContent)
        }
        try await store.setPassword(identity.user.id, hash: try await passwords.hash(new), context: try context.audit())
        return .redirect(to: SiteRoute.home.path, type: .normal)
    }

    struct TokensModel: Page {
        static let template = Template.tokens
        let chrome: Chrome; let token: String?; let error: String?
    }

    func tokensPage(_ context: SafeholdContext, token: String?, error: String?, status: HTTPResponse.Status = .ok) throws -> Response {
        let identity = try context.requireIdentity()
        return renderer.page(TokensModel(chrome: Chrome(title: "API tokens", identity: identity), token: token, error: error),
                             status: status)
    }

    func createToken(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            let token = try await store.createAPIToken(userId: identity.user.id, name: form["name"] ?? "", context: try context.audit())
            return try tokensPage(context, token: token, error: nil, status: .created)
        } catch let error as SafeholdError {
            return try tokensPage(context, token: nil, error: error.message, status: .unprocessableContent)
        }
    }
}
