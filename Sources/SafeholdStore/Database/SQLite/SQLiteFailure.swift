import VaporCSQLite

/// SQLite's refusal of a statement: its extended result code and its message. The store's own connection raises
/// only this, so the places that read a refusal (`WriteConflict`, `DatabaseUnavailable`, the migrator) read one type.
public struct SQLiteFailure: Error, CustomStringConvertible, Sendable {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY_TIMEOUT`, ...).
    public let code: Int32
    public let message: String

    public var description: String { "SQLite error \(code): \(message)" }

    /// The primary result code (the low byte of the extended one).
    public var primaryCode: Int32 { code & 0xFF }

    /// Another connection holds the lock this statement needed, past the busy wait.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// A UNIQUE or PRIMARY KEY constraint refused the row.
    public var isUniqueViolation: Bool {
        primaryCode == SQLITE_CONSTRAINT && message.contains("UNIQUE")
    }

    /// The statement was stopped by the progress handler (it ran past its time on the caller's thread).
    var isInterrupt: Bool { primaryCode == SQLITE_INTERRUPT }
}
