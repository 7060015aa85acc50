import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Sign in (password, then second factor), enrolment of a second factor, sign out. Every step checks
/// that the account is active and counts the attempt under the growing delays of `SignInLimit`.
struct AuthController {
    let store: Store
    let renderer: PageRenderer
    let passwords: Passwords
    let throttle: LoginThrottle
    let configuration: AppConfiguration
    let secrets: SecretBox
    static let loginCookie = "safehold_login"
    static let failure =
        "The username or password is not right, or the account is not active. Try again, or ask your administrator."

    func register(on router: RouterGroup<SafeholdContext>) {
        router.get(SiteRoute.login.routerPath) { _, context in self.loginPage(context, error: nil) }
        router.post(SiteRoute.login.routerPath) { request, context in try await self.login(request, context) }
        router.get(SiteRoute.loginSecondFactor.routerPath) { _, context in try self.codePage(context, error: nil) }
        router.post(SiteRoute.loginSecondFactor.routerPath) { request, context in
            try await self.submitCode(request, context)
        }
        let enrolment = SecondFactorEnrolment(store: store, renderer: renderer, throttle: throttle, secrets: secrets)
        router.get(SiteRoute.enrolSecondFactor.routerPath) { _, context in try await enrolment.page(context, error: nil)
        }
        router.post(SiteRoute.enrolSecondFactor.routerPath) { request, context in
            try await enrolment.enrol(request, context, complete: self.completeSignIn)
        }
        router.post(SiteRoute.logout.routerPath) { request, context in try await self.logout(request, context) }
    }

    struct LoginModel: Page {
        static let template = Template.login
        let chrome: Chrome; let loginToken: String; let error: String?; let username: String?
    }

    func loginPage(
        _ context: SafeholdContext, error: String?, username: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let token = Secrets.random(bytes: 16)
        var response = renderer.page(
            LoginModel(
                chrome: Chrome(title: "Sign in", identity: nil), loginToken: token,
                error: error, username: username), status: status)
        response.setCookie(cookie(Self.loginCookie, token, maxAge: 3600))
        return response
    }

    /// The sentence for an attempt refused because its counter is waiting.
    static func wait(until: Date, now: Date) -> String {
        let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        return "Too many attempts to sign in. Wait \(seconds) second\(seconds == 1 ? "" : "s") and try again."
    }

    func login(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let form = try await FormData.read(request, context: context, checkCSRF: false)
        guard let sent = form["_login"], let expected = request.cookies[Self.loginCookie]?.value,
            FormData.constantTimeEquals(sent, expected)
        else {
            return loginPage(context, error: "Your sign-in page had expired. Please try again.", status: .forbidden)
        }
        try await throttle.attempt(from: context.remoteAddress)
        let username = String((form["username"] ?? "").lowercased().prefix(100))
        let account = try await store.account(username: username)
        if let until = try await store.beginSignInAttempt(
            username: username, address: context.remoteAddress, user: account?.user,
            requestId: context.requestId)
        {
            return loginPage(
                context, error: Self.wait(until: until, now: store.clock.now()), username: username,
                status: .tooManyRequests)
        }
        let passwordMatches = try await passwords.verify(form.raw("password"), hash: account?.passwordHash)
        guard let account, passwordMatches, account.user.active else {
            if let account {
                try await store.signInFailed(
                    account.user, address: context.remoteAddress,
                    step: passwordMatches ? "password; account deactivated" : "password", requestId: context.requestId)
            }
            return loginPage(context, error: Self.failure, username: username, status: .unauthorized)
        }
        if let expires = account.passwordExpiresAt, expires <= store.clock.now() {
            try await store.signInFailed(
                account.user, address: context.remoteAddress, step: "one-time password expired",
                requestId: context.requestId)
            return loginPage(
                context, error: "Your one-time password has expired. Ask an administrator for a new one.",
                username: username, status: .unauthorized)
        }
        if let old = request.cookies[AuthenticationMiddleware.cookieName]?.value {
            try await store.endSession(token: old, context: nil)
        }
        let needsCode = account.totpSecret != nil || account.user.role.requiresSecondFactor
        // With a code still to come, the counters clear only when the code is right.
        if !needsCode { try await store.signInSucceeded(username: username, address: context.remoteAddress) }
        let audit = context.auditContext(of: account.user)
        let token = try await store.createSession(
            userId: account.user.id, secondFactorDone: !needsCode,
            ipAddress: context.remoteAddress, context: audit)
        let next =
            !needsCode
            ? SiteRoute.home : (account.totpSecret == nil ? SiteRoute.enrolSecondFactor : SiteRoute.loginSecondFactor)
        var response = Response.redirect(to: next.path, type: .found)
        response.setCookie(sessionCookie(token))
        response.setCookie(cookie(Self.loginCookie, "", maxAge: 0))
        return response
    }

    struct CodeModel: Page {
        static let template = Template.loginCode
        let chrome: Chrome; let error: String?
    }

    func codePage(_ context: SafeholdContext, error: String?, status: HTTPResponse.Status = .ok) throws -> Response {
        let identity = try SecondFactorEnrolment.pendingIdentity(context)
        return renderer.page(
            CodeModel(chrome: Chrome(title: "Enter your code", identity: identity), error: error),
            status: status)
    }

    func submitCode(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try SecondFactorEnrolment.pendingIdentity(context)
        let form = try await FormData.read(request, context: context)
        try await throttle.attempt(from: context.remoteAddress)
        guard let account = try await store.account(id: identity.user.id), account.user.active else {
            throw SafeholdError.unauthenticated("Please sign in.")
        }
        guard let sealed = account.totpSecret else {
            return .redirect(to: SiteRoute.enrolSecondFactor.path, type: .found)
        }
        let user = account.user
        if let until = try await store.beginSignInAttempt(
            username: user.username, address: context.remoteAddress, user: user, requestId: context.requestId)
        {
            return try codePage(
                context, error: Self.wait(until: until, now: store.clock.now()), status: .tooManyRequests)
        }
        guard let secret = secrets.open(sealed) else {
            throw SecretKeyFile.Refused(description: "a TOTP secret does not open")
        }
        guard let step = SecondFactor.matchingStep(code: form.raw("code"), secret: secret, at: store.clock.now()),
            try await store.consumeSecondFactorStep(user.id, step: step)
        else {
            try await store.signInFailed(
                user, address: context.remoteAddress, step: "code", requestId: context.requestId)
            return try codePage(
                context, error: "That code is not right. Check the time on your device and try the newest code.",
                status: .unauthorized)
        }
        try await store.signInSucceeded(username: user.username, address: context.remoteAddress)
        return try await completeSignIn(identity, context)
    }

    /// Rotates the session once the second factor is proven.
    func completeSignIn(_ identity: Identity, _ context: SafeholdContext) async throws -> Response {
        if let old = identity.sessionToken { try await store.endSession(token: old, context: nil) }
        let audit = context.auditContext(of: identity.user)
        let token = try await store.createSession(
            userId: identity.user.id, secondFactorDone: true,
            ipAddress: context.remoteAddress, context: audit)
        var response = Response.redirect(to: SiteRoute.home.path, type: .found)
        response.setCookie(sessionCookie(token))
        return response
    }

    func logout(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try await FormData.read(request, context: context)
        if let identity = context.identity, let token = identity.sessionToken {
            try await store.endSession(
                token: token, context: context.auditContext(of: identity.user))
        }
        var response = Response.redirect(to: SiteRoute.login.path, type: .found)
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }

    func sessionCookie(_ value: String, maxAge: Int? = nil) -> Cookie {
        cookie(AuthenticationMiddleware.cookieName, value, maxAge: maxAge)
    }

    func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: SiteRoute.home.path, secure: configuration.behindTLS,
            httpOnly: true,
            sameSite: .strict)
    }
}
