import Foundation
import NIOCore
import SQLiteNIO
import SafeholdSQLiteShim
import Synchronization
import VaporCSQLite

/// One open SQLite connection that keeps its prepared statements: a statement run again (every request runs the same
/// few dozen) is reset and bound, not compiled again. Not thread-safe on its own: the pool lends it to one task at a
/// time, and that task runs it either on its own thread or on the database's threads, never both at once.
final class SQLiteHandle: @unchecked Sendable {
    /// How many prepared statements a connection keeps; past that it drops them all and starts again (statements
    /// built for a varying number of values, such as a bulk insert's last chunk, would otherwise pile up).
    static let statementCacheSize = 256

    private var db: OpaquePointer?
    private var statements: [String: Prepared] = [:]
    /// When the read running on a caller's thread must stop (`DispatchTime` nanoseconds; 0: nothing to stop).
    /// The watchdog reads it from its own thread, so it is set and cleared under this lock, and the interrupt is sent
    /// under it too: an interrupt can only reach the statement it was meant for.
    private let deadline = Mutex<UInt64>(0)

    /// A compiled statement and the names of its columns, shared by every row it returns, as they were when it had
    /// been compiled again `compilations` times.
    private struct Prepared {
        let statement: OpaquePointer
        let columns: SQLiteColumns
        let compilations: Int32
    }

    /// `SQLITE_STMTSTATUS_REPREPARE`: how many times SQLite has compiled a statement again (a schema change).
    private static let repreparedCount: Int32 = 5

    /// Opens (creating if missing) the file at `path` and applies `pragmas` in order.
    init(path: String, pragmas: [String]) throws {
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var handle: OpaquePointer?
        let opened = Self.initialize.withLockIfNeeded { sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) }
        guard opened == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close(handle)
            throw SQLiteFailure(code: opened, message: "cannot open the database at \(path): \(message)")
        }
        db = handle
        do {
            // Without it SQLite recompiles a kept statement each time a new value is bound to a parameter the
            // planner looked at, which is most of them (any parameter in a query on a table with a partial index):
            // measured, a third of an audited read's time went to recompiling.
            let stable = safehold_sqlite_enable_qpsg(UnsafeMutableRawPointer(handle))
            guard stable == SQLITE_OK else { throw failure(stable, on: handle) }
            for pragma in pragmas { _ = try run(pragma, [], deadline: 0) }
        } catch {
            close()
            throw error
        }
        SQLiteWatchdog.shared.watch(self)
    }

    deinit { close() }

    var isClosed: Bool { db == nil }

    /// Finalizes every kept statement and closes the connection.
    func close() {
        guard let db else { return }
        SQLiteWatchdog.shared.forget(self)
        for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.statement) }
        statements = [:]
        sqlite_nio_sqlite3_close(db)
        self.db = nil
    }

    /// Runs one statement with `binds` and returns its rows. With a `deadline` (`DispatchTime` nanoseconds), a
    /// statement still running then stops with `SQLITE_INTERRUPT` (`SQLiteFailure.isInterrupt`) and returns nothing.
    func run(_ sql: String, _ binds: [SQLiteData], deadline: UInt64) throws -> SQLiteRows {
        guard let db else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "the connection is closed") }
        guard let prepared = try prepared(sql, on: db) else { return SQLiteRows(columns: .empty, values: []) }
        let statement = prepared.statement
        if deadline != 0 { self.deadline.withLock { $0 = deadline } }
        let arena = BindArena(binds)
        defer {
            if deadline != 0 { self.deadline.withLock { $0 = 0 } }
            // A statement left unreset would hold its read open and keep the WAL from being checkpointed.
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
            // Only now does SQLite no longer read the bound text and blobs.
            arena.release()
        }
        try bind(binds, in: arena, to: statement, on: db)
        var columns = prepared.columns
        var values: [SQLiteData] = []
        var first = true
        while true {
            let stepped = sqlite_nio_sqlite3_step(statement)
            if first {
                first = false
                // A schema change under a kept statement (a migration) makes SQLite compile it again on its first
                // step, and its columns may have changed with it: read their names again.
                let compilations = sqlite_nio_sqlite3_stmt_status(statement, Self.repreparedCount, 0)
                if compilations != prepared.compilations {
                    columns = try SQLiteColumns(statement)
                    statements[sql] = Prepared(statement: statement, columns: columns, compilations: compilations)
                }
            }
            if stepped == SQLITE_DONE { break }
            guard stepped == SQLITE_ROW else { throw failure(stepped, on: db) }
            let width = Int32(columns.names.count)
            if values.isEmpty { values.reserveCapacity(Int(width) * 4) }
            for column in 0..<width { values.append(try value(statement, column)) }
        }
        return SQLiteRows(columns: columns, values: values)
    }

    /// Interrupts the read running on a caller's thread if it is past its deadline (the watchdog's thread).
    func interruptIfOverdue(now: UInt64) {
        deadline.withLock { deadline in
            guard deadline != 0, now > deadline, let db else { return }
            sqlite_nio_sqlite3_interrupt(db)
            deadline = 0
        }
    }

    /// Whether a transaction is open on the connection (SQLite is not in autocommit mode).
    var inTransaction: Bool { db.map { sqlite_nio_sqlite3_get_autocommit($0) == 0 } ?? false }

    /// Whether `sql` only reads (compiling it if needed): a read may be stopped and run again, a write may not.
    func isReadOnly(_ sql: String) throws -> Bool {
        guard let db else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "the connection is closed") }
        guard let prepared = try prepared(sql, on: db) else { return true }
        return sqlite_nio_sqlite3_stmt_readonly(prepared.statement) != 0
    }

    private func prepared(_ sql: String, on db: OpaquePointer) throws -> Prepared? {
        if let prepared = statements[sql] { return prepared }
        var statement: OpaquePointer?
        let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
        let compiled = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, flags, &statement, nil)
        guard compiled == SQLITE_OK else { throw failure(compiled, on: db) }
        guard let statement else { return nil }  // only a comment or white space
        if statements.count >= Self.statementCacheSize {
            for kept in statements.values { sqlite_nio_sqlite3_finalize(kept.statement) }
            statements.removeAll(keepingCapacity: true)
        }
        let prepared = Prepared(
            statement: statement, columns: try SQLiteColumns(statement),
            compilations: sqlite_nio_sqlite3_stmt_status(statement, Self.repreparedCount, 0))
        statements[sql] = prepared
        return prepared
    }

    /// Binds `binds` in order; text and blobs are read in place from `arena` (`SQLITE_STATIC`), which holds copies
    /// of them and outlives the statement's run.
    private func bind(
        _ binds: [SQLiteData], in arena: BindArena, to statement: OpaquePointer, on db: OpaquePointer
    ) throws {
        var offset = 0
        for (index, bind) in zip(Int32(1)..., binds) {
            let bound: Int32
            switch bind {
            case .integer(let value): bound = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))
            case .float(let value): bound = sqlite_nio_sqlite3_bind_double(statement, index, value)
            case .null: bound = sqlite_nio_sqlite3_bind_null(statement, index)
            case .text, .blob:
                let bytes = arena.bytes(at: offset, of: bind)
                offset += bytes.count
                bound =
                    if case .text = bind {
                        sqlite_nio_sqlite3_bind_text64(
                            statement, index, bytes.baseAddress, UInt64(bytes.count), Self.static,
                            UInt8(SQLITE_UTF8))
                    } else {
                        sqlite_nio_sqlite3_bind_blob64(
                            statement, index, bytes.baseAddress, UInt64(bytes.count), Self.static)
                    }
            }
            guard bound == SQLITE_OK else { throw failure(bound, on: db) }
        }
    }

    private func value(_ statement: OpaquePointer, _ column: Int32) throws -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_NULL: return .null
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else {
                throw SQLiteFailure(code: SQLITE_NOMEM, message: "no memory for a text value")
            }
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        default:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let blob = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: blob, count: length))
            }
            return .blob(buffer)
        }
    }

    private func failure(_ code: Int32, on db: OpaquePointer) -> SQLiteFailure {
        SQLiteFailure(
            code: sqlite_nio_sqlite3_extended_errcode(db), message: String(cString: sqlite_nio_sqlite3_errmsg(db)))
    }

    /// SQLite reads bound text and blobs where they are, until the statement is reset and its values cleared.
    private static let `static` = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    /// `sqlite3_initialize` must run once before the first open from any thread.
    private static let initialize = OnceLock()
}

/// Runs the first call of `withLockIfNeeded` after `sqlite3_initialize`, and every call after it directly.
private final class OnceLock: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func withLockIfNeeded<T>(_ body: () -> T) -> T {
        lock.lock()
        if !done {
            sqlite_nio_sqlite3_initialize()
            done = true
        }
        lock.unlock()
        return body()
    }
}
