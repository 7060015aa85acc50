import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Works out who is asking: a bearer token on `/api`, otherwise the session cookie. Expired sessions
/// (idle or absolute timeout) are ended here.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = SafeholdContext
    static let cookieName = "safehold_session"

    let store: Store
    let configuration: AppConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if request.uri.path.hasPrefix(SiteRoute.API.root) {
            if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
                let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
                if let account = try await store.userForAPIToken(token) {
                    context.identity = Identity(user: account.user, sessionToken: nil, csrfToken: nil, secondFactorDone: true,
                                                mustChangePassword: false, needsSecondFactorEnrolment: false)
                }
            }
            return try await next(request, context)
        }
        if let token = request.cookies[Self.cookieName]?.value, let (session, account) = try await store.sessionWithAccount(token: token) {
            let now = store.clock.now()
            let expired = now.timeIntervalSince(session.lastSeenAt) > configuration.sessionIdleTimeout
                || now.timeIntervalSince(session.createdAt) > configuration.sessionAbsoluteTimeout
            if expired {
                try await store.endSession(token: token, context: nil)
            } else if account.user.active {
                try await store.touchSession(token: token, lastSeen: session.lastSeenAt)
                context.identity = Identity(
                    user: account.user, sessionToken: token, csrfToken: session.csrfToken,
                    secondFactorDone: session.secondFactorDone, mustChangePassword: account.mustChangePassword,
                    needsSecondFactorEnrolment: account.user.role.requiresSecondFactor && account.totpSecret == nil)
            }
        }
        return try await next(request, context)
    }
}

/// Lets a request through only when someone is fully signed in; otherwise sends them to the step
/// they still owe (sign in, second factor, new password). API requests get 401 instead.
struct RequireSignIn: RouterMiddleware {
    typealias Context = SafeholdContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isAPI = request.uri.path.hasPrefix(SiteRoute.API.root)
        guard let identity = context.identity else {
            if isAPI { throw SafeholdError.unauthenticated("Send a valid API token as 'Authorization: Bearer <token>'.") }
            return .redirect(to: SiteRoute.login.path, type: .found)
        }
        if !identity.secondFactorDone {
            return .redirect(to: (identity.needsSecondFactorEnrolment ? SiteRoute.enrolSecondFactor : .loginSecondFactor).path, type: .found)
        }
        if identity.mustChangePassword && request.uri.path != SiteRoute.changePassword.path {
            return .redirect(to: SiteRoute.changePassword.path, type: .found)
        }
        return try await next(request, context)
    }
}
