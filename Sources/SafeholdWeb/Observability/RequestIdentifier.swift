import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Request ids: the `X-Request-Id` a client or proxy sent when it is sane, otherwise one made here.
public enum RequestIdentifier {
    /// The header that carries the id both ways.
    public static let header = HTTPField.Name("X-Request-Id")!
    /// The longest id accepted; a longer one is replaced, never cut.
    public static let maximumLength = 64

    /// `sent` when it is 1 to 64 characters of `A-Z a-z 0-9 - _ .`; nil otherwise (it is then replaced, so
    /// nothing a client chooses beyond that reaches a log line or the audit log).
    public static func accept(_ sent: String?) -> String? {
        guard let sent, !sent.isEmpty, sent.utf8.count <= maximumLength,
            sent.utf8.allSatisfy({ byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                    true
                default: false
                }
            })
        else { return nil }
        return sent
    }

    /// A new id: 32 lower-case hex digits, 128 random bits.
    public static func make() -> String {
        var random = SystemRandomNumberGenerator()
        return hex(random.next()) + hex(random.next())
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Gives every request its id (`RequestIdentifier`): on the context, in the logger's metadata as
/// `request_id` (so every log line of the request carries it), and in the response's `X-Request-Id`.
struct RequestIdMiddleware: RouterMiddleware {
    typealias Context = SafeholdContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let id = RequestIdentifier.accept(request.headers[RequestIdentifier.header]) ?? context.requestId
        context.requestId = id
        context.logger[metadataKey: "request_id"] = .string(id)
        // Hummingbird's own id (`context.id`) becomes the same, so nothing logs a second one.
        context.logger[metadataKey: "hb.request.id"] = .string(id)
        var response = try await next(request, context)
        response.headers[RequestIdentifier.header] = id
        return response
    }
}
