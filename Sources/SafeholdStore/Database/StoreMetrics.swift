import CoreMetrics
import Dispatch
import Foundation

/// What the store measures about itself, through the swift-metrics factory it is given (never the global
/// `MetricsSystem`, so every store in a process, every test's among them, reports to its own registry):
///
/// - `safehold_db_connections_in_use` and `safehold_db_connections_waiting`: pooled connections held now,
///   and callers waiting for one; `safehold_db_connections_max` is the pool's size;
/// - `safehold_db_connection_acquire_seconds`: how long a caller waited for a connection;
/// - `safehold_db_statements_total`: statements the store sent to the database (on PostgreSQL each is a round trip,
///   transaction control included; SQLite's read snapshots' own `BEGIN` and `COMMIT` are not counted);
/// - `safehold_db_write_lock_wait_seconds` (SQLite only): how long a transaction waited for the one writer;
/// - `safehold_db_reads_moved_total` (SQLite only): reads that ran past their time on a request's own thread and
///   were run again on the database's threads (`SQLiteSession`);
/// - `safehold_audit_append_seconds`: appending entries to the chain (head lock, head read, inserts), and
///   `safehold_audit_entries_total` the entries appended;
/// - `safehold_audit_queue_entries`: audited reads' entries submitted to the group commit and not yet
///   durable (waiting for the next batch or being written), and `safehold_audit_batch_entries` the size of
///   each group commit. Writes append their entries inside their own transaction and never queue.
public struct StoreMetrics: Sendable {
    let connectionsInUse: Meter
    let connectionsWaiting: Meter
    let connectionsMax: Meter
    let acquire: CoreMetrics.Timer
    let statements: Counter
    let writeLockWait: CoreMetrics.Timer
    let readsMoved: Counter
    let auditAppend: CoreMetrics.Timer
    let auditEntries: Counter
    let auditQueue: Meter
    let auditBatch: Recorder

    /// Metrics made by `factory`; `NOOPMetricsHandler.instance` (the default) measures nothing.
    public init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        connectionsInUse = Meter(label: "safehold_db_connections_in_use", factory: factory)
        connectionsWaiting = Meter(label: "safehold_db_connections_waiting", factory: factory)
        connectionsMax = Meter(label: "safehold_db_connections_max", factory: factory)
        acquire = Timer(label: "safehold_db_connection_acquire_seconds", factory: factory)
        statements = Counter(label: "safehold_db_statements_total", factory: factory)
        writeLockWait = Timer(label: "safehold_db_write_lock_wait_seconds", factory: factory)
        readsMoved = Counter(label: "safehold_db_reads_moved_total", factory: factory)
        auditAppend = Timer(label: "safehold_audit_append_seconds", factory: factory)
        auditEntries = Counter(label: "safehold_audit_entries_total", factory: factory)
        auditQueue = Meter(label: "safehold_audit_queue_entries", factory: factory)
        auditBatch = Recorder(label: "safehold_audit_batch_entries", factory: factory)
    }

    /// Nanoseconds on a monotonic clock, for intervals.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Records the time since `start` (from `now()`) on `timer`.
    static func record(_ timer: CoreMetrics.Timer, since start: UInt64) {
        timer.recordNanoseconds(Int64(clamping: now() &- start))
    }
}
