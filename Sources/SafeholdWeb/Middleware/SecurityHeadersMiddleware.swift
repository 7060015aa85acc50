import HTTPTypes
import Hummingbird

/// Adds the security headers every response carries: a strict Content-Security-Policy with no
/// inline script, no framing, no MIME sniffing, no referrer leaking record ids; behind TLS also
/// `Strict-Transport-Security`, so a browser never again asks over plain HTTP.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var strictTransportSecurity: String { "max-age=31536000; includeSubDomains" }
    var behindTLS = false

    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=()"
        response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if behindTLS { response.headers[HTTPField.Name("Strict-Transport-Security")!] = Self.strictTransportSecurity }
        return response
    }
}
