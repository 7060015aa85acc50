import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Works out who is asking a page: the session cookie and nothing else. It sits on the page groups
/// only, so how a request authenticates follows from the route it matched, never from its path text;
/// the API's groups use `TokenAuthentication` instead. Expired sessions (idle or absolute timeout)
/// and sessions of deactivated accounts are ended here.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = SafeholdContext
    static let cookieName = "safehold_session"

    let store: Store
    let configuration: AppConfiguration

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.cookieName]?.value,
            let (session, account) = try await store.sessionWithAccount(token: token)
        {
            let now = store.clock.now()
            let expired =
                now.timeIntervalSince(session.lastSeenAt) > configuration.sessionIdleTimeout
                || now.timeIntervalSince(session.createdAt) > configuration.sessionAbsoluteTimeout
            if expired || !account.user.active {
                try await store.endSession(token: token, context: nil)
            } else {
                try await store.touchSession(token: token, lastSeen: session.lastSeenAt)
                context.identity = Identity(
                    user: account.user, sessionToken: token, csrfToken: session.csrfToken,
                    secondFactorDone: session.secondFactorDone, mustChangePassword: account.mustChangePassword,
                    needsSecondFactorEnrolment: account.user.role.requiresSecondFactor && account.totpSecret == nil)
                context.identity?.unreadNotifications = session.unreadNotifications
                context.identity?.idleTimeoutSeconds = Int(configuration.sessionIdleTimeout)
            }
        }
        return try await next(request, context)
    }
}

/// Lets a page request through only when someone is fully signed in; otherwise sends them to the step
/// they still owe (sign in, second factor, new password). Which page they asked for is the route the
/// router matched, not the raw path.
struct RequireSignIn: RouterMiddleware {
    typealias Context = SafeholdContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let identity = context.identity else {
            return .redirect(to: SiteRoute.login.path, type: .found)
        }
        if !identity.secondFactorDone {
            let owed = identity.needsSecondFactorEnrolment ? SiteRoute.enrolSecondFactor : SiteRoute.loginSecondFactor
            return .redirect(to: owed.path, type: .found)
        }
        if identity.mustChangePassword && context.endpointPath != SiteRoute.changePassword.pattern.description {
            return .redirect(to: SiteRoute.changePassword.path, type: .found)
        }
        return try await next(request, context)
    }
}
