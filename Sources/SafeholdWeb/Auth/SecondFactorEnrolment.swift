import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Setting up a TOTP second factor: required at sign-in for the roles that need one, and open to
/// everyone else from their account page. The secret is made on the server and kept (sealed) in the
/// session row until a code proves it; the form carries only the code.
struct SecondFactorEnrolment {
    let store: Store
    let renderer: PageRenderer
    let throttle: LoginThrottle
    let secrets: SecretBox

    /// A half-finished sign-in (password given, second factor owed).
    static func pendingIdentity(_ context: SafeholdContext) throws -> Identity {
        guard let identity = context.identity, !identity.secondFactorDone, identity.sessionToken != nil else {
            throw SafeholdError.unauthenticated("Please sign in.")
        }
        return identity
    }

    /// Who may enrol now: a pending sign-in that must enrol, or a signed-in user with no second factor.
    /// Anyone else is sent where they belong.
    func enrollee(_ context: SafeholdContext) async throws -> (Identity, String, UserAccount)? {
        guard let identity = context.identity, let token = identity.sessionToken,
            let account = try await store.account(id: identity.user.id), account.user.active
        else {
            throw SafeholdError.unauthenticated("Please sign in.")
        }
        guard account.totpSecret == nil, identity.secondFactorDone || identity.needsSecondFactorEnrolment else {
            return nil
        }
        return (identity, token, account)
    }

    struct Model: Page {
        static let template = Template.enrol
        let chrome: Chrome; let required: Bool; let base32: String; let url: String; let error: String?
    }

    func page(_ context: SafeholdContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let enrollee = try await enrollee(context) else { return elsewhere(context) }
        let (identity, token, _) = enrollee
        let secret: String
        if let sealed = try await store.sessionWithAccount(token: token)?.0.pendingTOTPSecret,
            let open = secrets.open(sealed)
        {
            secret = open
        } else {
            secret = SecondFactor.newSecret()
            try await store.setPendingTOTPSecret(token: token, secret: try secrets.seal(secret))
        }
        return renderer.page(
            Model(
                chrome: Chrome(title: "Set up your second factor", identity: identity),
                required: !identity.secondFactorDone,
                base32: SecondFactor.base32(secret),
                url: SecondFactor.enrolmentURL(secret: secret, username: identity.user.username),
                error: error), status: status)
    }

    func enrol(
        _ request: Request, _ context: SafeholdContext,
        complete: (Identity, SafeholdContext) async throws -> Response
    ) async throws -> Response {
        guard let enrollee = try await enrollee(context) else { return elsewhere(context) }
        let (identity, token, account) = enrollee
        let form = try await FormData.read(request, context: context)
        try await throttle.attempt(from: context.remoteAddress)
        guard let sealed = try await store.sessionWithAccount(token: token)?.0.pendingTOTPSecret,
            let secret = secrets.open(sealed)
        else {
            return try await page(
                context, error: "Add this key to your app, then enter the code it shows.",
                status: .unprocessableContent)
        }
        let user = account.user
        if let until = try await store.beginSignInAttempt(
            username: user.username, address: context.remoteAddress, user: user)
        {
            return try await page(
                context, error: AuthController.wait(until: until, now: store.clock.now()),
                status: .tooManyRequests)
        }
        guard let step = SecondFactor.matchingStep(code: form.raw("code"), secret: secret, at: store.clock.now()),
            try await store.consumeSecondFactorStep(user.id, step: step)
        else {
            try await store.signInFailed(user, address: context.remoteAddress, step: "enrolment code")
            return try await page(
                context, error: "That code is not right. Add the key to your app again and enter the newest code.",
                status: .unprocessableContent)
        }
        try await store.signInSucceeded(username: user.username, address: context.remoteAddress)
        try await store.setTOTPSecret(
            user.id, secret: sealed, context: context.auditContext(of: user))
        if identity.secondFactorDone { return .redirect(to: SiteRoute.account.path, type: .normal) }
        return try await complete(identity, context)
    }

    private func elsewhere(_ context: SafeholdContext) -> Response {
        guard let identity = context.identity else { return .redirect(to: SiteRoute.login.path, type: .found) }
        return .redirect(
            to: (identity.secondFactorDone ? SiteRoute.account : SiteRoute.loginSecondFactor).path, type: .found)
    }
}
