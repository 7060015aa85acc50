import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Sign in (password, then second factor), enrolment of a second factor, password change, sign out.
struct AuthController {
    let store: Store
    let renderer: PageRenderer
    let passwords: Passwords
    let throttle: LoginThrottle
    let configuration: AppConfiguration
    static let loginCookie = "safehold_login"
    static let failure = "The username or password is not right, or the account is locked for a while. Try again, or ask your administrator."

    func register(on router: RouterGroup<SafeholdContext>) {
        router.get(SiteRoute.login.routerPath) { _, context in self.loginPage(context, error: nil) }
        router.post(SiteRoute.login.routerPath) { request, context in try await self.login(request, context) }
        router.get(SiteRoute.loginSecondFactor.routerPath) { _, context in try self.codePage(context, error: nil) }
        router.post(SiteRoute.loginSecondFactor.routerPath) { request, context in try await self.submitCode(request, context) }
        router.get(SiteRoute.enrolSecondFactor.routerPath) { _, context in try self.enrolPage(context, secret: SecondFactor.newSecret(), error: nil) }
        router.post(SiteRoute.enrolSecondFactor.routerPath) { request, context in try await self.enrol(request, context) }
        router.post(SiteRoute.logout.routerPath) { request, context in try await self.logout(request, context) }
    }

    struct LoginModel: Page {
        static let template = Template.login
        let chrome: Chrome; let loginToken: String; let error: String?; let username: String?
    }

    func loginPage(_ context: SafeholdContext, error: String?, username: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let token = Secrets.random(bytes: 16)
        var response = renderer.page(LoginModel(chrome: Chrome(title: "Sign in", identity: nil), loginToken: token,
                                                          error: error, username: username), status: status)
        response.setCookie(cookie(Self.loginCookie, token, maxAge: 3600))
        return response
    }

    func login(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let form = try await FormData.read(request, context: context, checkCSRF: false)
        guard let sent = form["_login"], let expected = request.cookies[Self.loginCookie]?.value,
              FormData.constantTimeEquals(sent, expected) else {
            return loginPage(context, error: "Your sign-in page had expired. Please try again.", status: .forbidden)
        }
        try await throttle.attempt(from: context.remoteAddress)
        let username = (form["username"] ?? "").lowercased()
        let password = form.raw("password")
        let account = try await store.account(username: username)
        let passwordMatches = try await passwords.verify(password, hash: account?.passwordHash)
        guard let account, account.user.active else {
            return loginPage(context, error: Self.failure, username: username, status: .unauthorized)
        }
        if let until = account.lockedUntil, until > store.clock.now() {
            return loginPage(context, error: Self.failure, username: username, status: .unauthorized)
        }
        guard passwordMatches else {
            try await store.recordFailedLogin(account.user.id, lockAfter: configuration.lockoutThreshold,
                                              lockFor: configuration.lockoutDuration, ipAddress: context.remoteAddress)
            return loginPage(context, error: Self.failure, username: username, status: .unauthorized)
        }
        try await store.recordGoodPassword(account.user.id)
        if let old = request.cookies[AuthenticationMiddleware.cookieName]?.value {
            try await store.endSession(token: old, context: nil)
        }
        let needsCode = account.totpSecret != nil || account.user.role.requiresSecondFactor
        let audit = AuditContext(actor: account.user.actor, ipAddress: context.remoteAddress)
        let token = try await store.createSession(userId: account.user.id, secondFactorDone: !needsCode,
                                                  ipAddress: context.remoteAddress, context: audit)
        let next = !needsCode ? SiteRoute.home : (account.totpSecret == nil ? SiteRoute.enrolSecondFactor : SiteRoute.loginSecondFactor)
        var response = Response.redirect(to: next.path, type: .found)
        response.setCookie(sessionCookie(token))
        response.setCookie(cookie(Self.loginCookie, "", maxAge: 0))
        return response
    }

    struct CodeModel: Page {
        static let template = Template.loginCode
        let chrome: Chrome; let error: String?
    }

    func pendingIdentity(_ context: SafeholdContext) throws -> Identity {
        guard let identity = context.identity, !identity.secondFactorDone, identity.sessionToken != nil else {
            throw SafeholdError.unauthenticated("Please sign in.")
        }
        return identity
    }

    func codePage(_ context: SafeholdContext, error: String?, status: HTTPResponse.Status = .ok) throws -> Response {
        let identity = try pendingIdentity(context)
        return renderer.page(CodeModel(chrome: Chrome(title: "Enter your code", identity: identity), error: error), status: status)
    }

    func submitCode(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try pendingIdentity(context)
        let form = try await FormData.read(request, context: context)
        try await throttle.attempt(from: context.remoteAddress)
        guard let account = try await store.account(id: identity.user.id), let secret = account.totpSecret else {
            return .redirect(to: SiteRoute.enrolSecondFactor.path, type: .found)
        }
        guard let step = SecondFactor.matchingStep(code: form.raw("code"), secret: secret, at: store.clock.now()),
              try await store.consumeSecondFactorStep(account.user.id, step: step) else {
            try await store.recordFailedLogin(account.user.id, lockAfter: configuration.lockoutThreshold,
                                              lockFor: configuration.lockoutDuration, ipAddress: context.remoteAddress)
            return try codePage(context, error: "That code is not right. Check the time on your device and try the newest code.", status: .unauthorized)
        }
        return try await completeSignIn(identity, context)
    }

    struct EnrolModel: Page {
        static let template = Template.enrol
        let chrome: Chrome; let secret: String; let base32: String; let url: String; let error: String?
    }

    func enrolPage(_ context: SafeholdContext, secret: String, error: String?, status: HTTPResponse.Status = .ok) throws -> Response {
        let identity = try pendingIdentity(context)
        guard identity.needsSecondFactorEnrolment else { return .redirect(to: SiteRoute.loginSecondFactor.path, type: .found) }
        return renderer.page(EnrolModel(chrome: Chrome(title: "Set up your second factor", identity: identity), secret: secret,
                                                 base32: SecondFactor.base32(secret),
                                                 url: SecondFactor.enrolmentURL(secret: secret, username: identity.user.username),
                                                 error: error), status: status)
    }

    func enrol(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try pendingIdentity(context)
        guard identity.needsSecondFactorEnrolment else { return .redirect(to: SiteRoute.loginSecondFactor.path, type: .found) }
        let form = try await FormData.read(request, context: context)
        let secret = form.raw("secret")
        guard secret.count == 20, secret.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw SafeholdError.invalid([FieldError("secret", "is not a secret Safehold issued")])
        }
        guard let step = SecondFactor.matchingStep(code: form.raw("code"), secret: secret, at: store.clock.now()),
              try await store.consumeSecondFactorStep(identity.user.id, step: step) else {
            return try enrolPage(context, secret: secret, error: "That code is not right. Add the key to your app again and enter the newest code.",
                                 status: .unprocessableContent)
        }
        let audit = AuditContext(actor: identity.actor, ipAddress: context.remoteAddress)
        try await store.setTOTPSecret(identity.user.id, secret: secret, context: audit)
        return try await completeSignIn(identity, context)
    }

    /// Rotates the session once the second factor is proven.
    func completeSignIn(_ identity: Identity, _ context: SafeholdContext) async throws -> Response {
        if let old = identity.sessionToken { try await store.endSession(token: old, context: nil) }
        let audit = AuditContext(actor: identity.actor, ipAddress: context.remoteAddress)
        let token = try await store.createSession(userId: identity.user.id, secondFactorDone: true,
                                                  ipAddress: context.remoteAddress, context: audit)
        var response = Response.redirect(to: SiteRoute.home.path, type: .found)
        response.setCookie(sessionCookie(token))
        return response
    }

    func logout(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try await FormData.read(request, context: context)
        if let identity = context.identity, let token = identity.sessionToken {
            try await store.endSession(token: token, context: AuditContext(actor: identity.actor, ipAddress: context.remoteAddress))
        }
        var response = Response.redirect(to: SiteRoute.login.path, type: .found)
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }

    func sessionCookie(_ value: String, maxAge: Int? = nil) -> Cookie {
        cookie(AuthenticationMiddleware.cookieName, value, maxAge: maxAge)
    }

    func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: SiteRoute.home.path, secure: configuration.secureCookies, httpOnly: true, sameSite: .strict)
    }
}
