import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SafeholdStore

/// Whether this instance should be sent traffic.
public enum Readiness: Sendable, Equatable {
    case ready
    /// Why not, in a few words and nothing internal (the detail goes to the log).
    case notReady(String)
}

/// `/health/live` (the process answers: always 200) and `/health/ready` (`ReadinessProbe`: 200 when ready,
/// otherwise 503 with the reason). `/health` stays the fixed "ok" it always was.
struct HealthController {
    let probe: ReadinessProbe

    func register(on router: Router<SafeholdContext>) {
        router.get(SiteRoute.healthLive) { _, _ in Self.answer(.ok, "live") }
        router.get(SiteRoute.healthReady) { _, context in
            switch await probe.check(logger: context.logger) {
            case .ready: return Self.answer(.ok, "ready")
            case .notReady(let reason): return Self.answer(.serviceUnavailable, "not ready: \(reason)")
            }
        }
    }

    static func answer(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

/// Whether the database is fit to serve: a `SELECT 1` answers within `timeout`, and the database's applied
/// migrations are exactly this build's list (none pending, none unknown to it). A check past its deadline is
/// answered at once and left to finish (or fail) on its own, holding its connection until then.
public struct ReadinessProbe: Sendable {
    public let database: Database
    /// How long the database may take before the instance counts as not ready.
    public var timeout: Duration

    public init(database: Database, timeout: Duration = .seconds(3)) {
        self.database = database
        self.timeout = timeout
    }

    /// Asks the database, then compares its migrations with this build's; the error itself goes to `logger`.
    public func check(logger: Logger) async -> Readiness {
        let database = self.database
        do {
            let applied = try await Deadline.within(timeout) {
                try await database.ping()
                return try await Migrator(database: database).appliedVersions()
            }
            let known = Migrator.knownVersions
            if applied == known { return .ready }
            let pending = known.filter { !applied.contains($0) }
            if !pending.isEmpty { return .notReady("migrations \(pending) are pending") }
            return .notReady("the database has migrations this build does not know")
        } catch is Deadline.Passed {
            logger.warning("readiness: the database did not answer in time")
            return .notReady("the database did not answer in time")
        } catch {
            logger.warning("readiness: the database did not answer", metadata: ["error": "\(error)"])
            return .notReady("the database does not answer")
        }
    }
}

/// Runs work with a deadline that holds even when the work ignores cancellation (a connection attempt to an
/// unreachable database): the caller is answered at the deadline, and the work is cancelled and left to end.
enum Deadline {
    struct Passed: Error {}

    static func within<T: Sendable>(
        _ limit: Duration, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let once = Once()
        return try await withCheckedThrowingContinuation { continuation in
            let worker = Task {
                let result: Result<T, any Error>
                do { result = .success(try await work()) } catch { result = .failure(error) }
                if once.claim() { continuation.resume(with: result) }
            }
            Task {
                try? await Task.sleep(for: limit)
                if once.claim() {
                    continuation.resume(throwing: Passed())
                    worker.cancel()
                }
            }
        }
    }

    /// Lets the first of the two sides answer.
    final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var claimed = false

        /// True for the first caller only.
        func claim() -> Bool {
            lock.withLock {
                defer { claimed = true }
                return !claimed
            }
        }
    }
}
