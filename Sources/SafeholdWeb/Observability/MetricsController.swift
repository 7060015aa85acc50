import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /metrics`: the Prometheus text for a scraper that sends `Authorization: Bearer <SAFEHOLD_METRICS_TOKEN>`.
/// Without a configured token the route answers 404 like any unknown path; with one, a missing or wrong token
/// is a 401 with no metrics in it. The token is compared in constant time (`MetricsToken.admits`).
struct MetricsController {
    let metrics: AppMetrics
    let token: MetricsToken?

    func register(on router: Router<SafeholdContext>) {
        router.get(SiteRoute.metrics) { request, _ in
            guard let token else { throw HTTPError(.notFound) }
            guard token.admits(request.headers[.authorization]) else {
                return Response(
                    status: .unauthorized,
                    headers: [
                        .wwwAuthenticate: #"Bearer realm="metrics""#, .contentType: "text/plain; charset=utf-8",
                        .cacheControl: "no-store",
                    ],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "The metrics need their token.\n")))
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
    }
}

/// The bearer token `/metrics` asks for (`SAFEHOLD_METRICS_TOKEN`), kept as its SHA-256 digest.
public struct MetricsToken: Sendable {
    /// The shortest token accepted: 24 characters (`openssl rand -hex 16` gives 32).
    public static let minimumLength = 24

    private let digest: [UInt8]

    /// A token of at least `minimumLength` printable ASCII characters without spaces; throws otherwise.
    public init(_ token: String) throws {
        guard token.count >= Self.minimumLength, token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Refused(
                description: "SAFEHOLD_METRICS_TOKEN must be at least \(Self.minimumLength) printable characters "
                    + "without spaces (for example the output of 'openssl rand -hex 16').")
        }
        digest = Array(SHA256.hash(data: Data(token.utf8)))
    }

    /// Whether `authorization` is `Bearer <the token>`. Both sides are hashed first, so the comparison takes
    /// the same time whatever was sent and however much of it matched.
    func admits(_ authorization: String?) -> Bool {
        guard let authorization, authorization.count > 7,
            authorization.prefix(7).lowercased() == "bearer "
        else { return false }
        let sent = Array(SHA256.hash(data: Data(authorization.dropFirst(7).utf8)))
        return zip(sent, digest).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A token that cannot be used.
    public struct Refused: Error, CustomStringConvertible {
        public let description: String
    }
}
