import Foundation
import Hummingbird
import SafeholdCore

/// Refuses, with a 400 and before any handler or authentication runs, a request whose path is not
/// written the one way the route table writes paths. The router would otherwise treat `//api/v1/me`,
/// `/api//v1/me` or `/people/x/` as the route they resemble; refusing them means a path can never be
/// one thing to a check on its text and another to the router.
struct CanonicalPath: RouterMiddleware {
    typealias Context = SafeholdContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        if let problem = Self.problem(request.uri.path) {
            throw HTTPError(
                .badRequest, message: "This address is not written the way Safehold writes addresses: \(problem).")
        }
        return try await next(request, context)
    }

    /// Characters a path segment may hold: those RFC 3986 leaves unreserved. No percent-encoding at
    /// all, so no encoded slash, dot, backslash or NUL can reach the router.
    static let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Why `path` is not canonical, or nil when it is.
    static func problem(_ path: String) -> String? {
        guard path.first == "/" else { return "it does not start with /" }
        if path == "/" { return nil }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            if segment.isEmpty { return "it has an empty segment (// or a trailing /)" }
            if segment == "." || segment == ".." { return "it has a . or .. segment" }
            if segment.last == "." { return "a segment ends with a dot" }
            if !segment.allSatisfy(allowed.contains) { return "it holds an encoded or reserved character" }
        }
        return nil
    }
}
