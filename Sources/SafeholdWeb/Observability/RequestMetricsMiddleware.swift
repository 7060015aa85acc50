import CoreMetrics
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Counts and times every request by its route template (`/people/{id}`, never the path with its ids: no
/// record id reaches the metrics, and the label takes as many values as the route table has routes; a
/// path no route matched counts as `unmatched`); with `SAFEHOLD_LOG_REQUESTS` on, it also writes one log line
/// per request with the template, the status and the time taken (the logger's metadata adds the request id).
///
/// The metrics: `safehold_http_requests_total{method,route,status}` and
/// `safehold_http_request_duration_seconds{method,route}`.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = SafeholdContext

    static let unmatched = "unmatched"
    static let methods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options]
    static let probes: Set<String> = [
        SiteRoute.health.path, SiteRoute.healthLive.path, SiteRoute.healthReady.path, SiteRoute.metrics.path,
    ]
    let factory: any MetricsFactory
    /// Whether each request leaves a log line.
    let logRequests: Bool
    private let cache = RouteMetricsCache()

    init(factory: any MetricsFactory, logRequests: Bool) {
        self.factory = factory
        self.logRequests = logRequests
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // The error boundaries answer everything; whatever still escapes becomes Hummingbird's response.
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            observe(request, context, status: status, since: start)
            throw error
        }
        observe(request, context, status: response.status, since: start)
        return response
    }

    private func observe(
        _ request: Request, _ context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant
    ) {
        let elapsed = ContinuousClock.now - start
        // Hummingbird names a path no route matched "NotFound"; here it is `unmatched`.
        let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? Self.unmatched
        // A client may send any method token: the label keeps the standard ones and calls the rest `other`.
        let method = Self.methods.contains(request.method) ? request.method.rawValue : "other"
        let metrics = cache.metrics(method: method, route: route, status: Int(status.code), factory: factory)
        let (seconds, attoseconds) = elapsed.components
        metrics.requests.increment()
        metrics.duration.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        guard logRequests else { return }
        let milliseconds = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        // Probes and scrapes come every few seconds: their lines only when debugging.
        context.logger.log(
            level: Self.probes.contains(route) ? .debug : .info, "request",
            metadata: [
                "method": .string(method), "route": .string(route), "status": .stringConvertible(status.code),
                "duration_ms": .string(String(format: "%.1f", milliseconds)),
            ])
    }
}

/// The counter and histogram of each route, method and status, made once (a factory lookup takes the
/// registry's lock).
final class RouteMetricsCache: @unchecked Sendable {
    struct Key: Hashable { let method: String, route: String, status: Int }
    struct Metrics { let requests: Counter, duration: CoreMetrics.Timer }

    private let lock = NSLock()
    private var made: [Key: Metrics] = [:]

    func metrics(method: String, route: String, status: Int, factory: any MetricsFactory) -> Metrics {
        let key = Key(method: method, route: route, status: status)
        return lock.withLock {
            if let metrics = made[key] { return metrics }
            let metrics = Metrics(
                requests: Counter(
                    label: "safehold_http_requests_total",
                    dimensions: [("method", method), ("route", route), ("status", String(status))], factory: factory),
                duration: CoreMetrics.Timer(
                    label: "safehold_http_request_duration_seconds",
                    dimensions: [("method", method), ("route", route)], factory: factory))
            made[key] = metrics
            return metrics
        }
    }
}
