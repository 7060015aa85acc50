import Foundation
import Logging
import SQLKit
import SafeholdCore
import Synchronization

/// The reporting copy: a PostgreSQL streaming replica (`SAFEHOLD_DATABASE_REPLICA_URL`) that serves the
/// heavy whole-authority reads, the census record, the performance dashboard's events, the workforce
/// dashboard's standings and person search's name candidates, so they do not load the primary.
///
/// Only reads that write nothing in the same transaction move here. Who may see what is decided on the
/// primary (the policy's grants and allocations are read there) and every audit entry is written there.
/// A replica lags its primary a little: `replicaLag()` says how much, and the pages that show its
/// figures say so. When the replica cannot be reached the reads go to the primary instead (with a warning).
extension Store {
    /// Whether a separate reporting copy is configured.
    public var hasReadCopy: Bool { readDatabase !== database }

    /// Runs a read-only `body` on the reporting copy; if that fails (the replica is down or refuses), logs a
    /// warning and runs it on the primary. `body` must only read: it may run twice.
    func withReadConnection<T: Sendable>(
        _ what: String, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        guard hasReadCopy, readCopyBreaker.allows(now: Date()) else {
            return try await database.withConnection(body)
        }
        do {
            return try await readDatabase.withConnection(body)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            readCopyBreaker.failed(now: Date())
            database.logger.warning(
                "The reporting copy could not serve the \(what) read; reading the primary instead",
                metadata: ["error": "\(String(reflecting: error))"])
            return try await database.withConnection(body)
        }
    }

    /// How far behind the primary the reporting copy's figures may be, in seconds: nil without a separate
    /// copy or when it cannot be reached (the reads then come from the primary); 0 when it has replayed
    /// everything it has received, or is not (or no longer) a standby.
    public func replicaLag() async -> TimeInterval? {
        guard hasReadCopy, readDatabase.dialect == .postgres else { return nil }
        do {
            return try await readDatabase.withConnection { db in
                try await db.raw(
                    """
                    SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0
                        WHEN pg_last_wal_receive_lsn() IS NOT NULL
                            AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
                    END::float8 AS lag
                    """
                ).first().map { try $0.decode(column: "lag", as: Double.self) }
            }
        } catch {
            database.logger.warning(
                "The reporting copy's lag could not be read", metadata: ["error": "\(String(reflecting: error))"])
            return nil
        }
    }
}

extension Store {
    /// Closes every connection: the reporting copy's, then the primary's.
    public func shutdown() async {
        if hasReadCopy { await readDatabase.shutdown() }
        await database.shutdown()
    }
}

/// After the reporting copy fails, the heavy reads go straight to the primary for a while (instead of each
/// waiting for the pool to give up on the replica), then try it again.
final class ReadCopyBreaker: Sendable {
    private let openUntil = Mutex<Date?>(nil)
    let pause: TimeInterval

    init(pause: TimeInterval = 30) { self.pause = pause }

    func allows(now: Date) -> Bool { openUntil.withLock { ($0 ?? .distantPast) <= now } }
    func failed(now: Date) { openUntil.withLock { $0 = now.addingTimeInterval(pause) } }
}
