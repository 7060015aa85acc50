import HTTPTypes
import Hummingbird

/// Sets the request's client address: the socket peer, or the forwarded address when the peer is a
/// trusted proxy (`TrustedProxies`). Runs before anything that limits or audits by address.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = SafeholdContext
    let proxies: TrustedProxies

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var context = context
        func header(_ name: String) -> String? {
            let values = request.headers[values: HTTPField.Name(name)!]
            return values.isEmpty ? nil : values.joined(separator: ",")
        }
        context.remoteAddress = proxies.clientAddress(
            peer: context.peerAddress, forwarded: header("Forwarded"),
            xForwardedFor: header("X-Forwarded-For"))
        return try await next(request, context)
    }
}
