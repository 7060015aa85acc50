import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Works out who is asking the API: an `Authorization: Bearer` token and nothing else. A session
/// cookie is ignored here, so no web page can make a signed-in browser call the API. It sits on the
/// API's route group, so it applies to whatever reaches an API route, however its path was written.
struct TokenAuthentication: RouterMiddleware {
    typealias Context = SafeholdContext

    let store: Store

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var context = context
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            // Spaces and tabs around the token are dropped in Swift, not through Foundation's bridged trimming,
            // which cost more than the rest of this check.
            var token = header.dropFirst("Bearer ".count)
            while token.first == " " || token.first == "\t" { token.removeFirst() }
            while token.last == " " || token.last == "\t" { token.removeLast() }
            if let account = try await store.userForAPIToken(String(token)) {
                context.identity = Identity(
                    user: account.user, sessionToken: nil, csrfToken: nil, secondFactorDone: true,
                    mustChangePassword: false, needsSecondFactorEnrolment: false)
            }
        }
        return try await next(request, context)
    }
}

/// Lets an API request through only with a valid token; otherwise 401 in JSON.
struct RequireToken: RouterMiddleware {
    typealias Context = SafeholdContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard context.identity != nil else {
            throw SafeholdError.unauthenticated("Send a valid API token as 'Authorization: Bearer <token>'.")
        }
        return try await next(request, context)
    }
}
