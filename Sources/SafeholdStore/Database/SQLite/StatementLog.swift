import Foundation

/// The text of every statement run on SQLite by a task that set `SQLiteSession.log`, in order: tests read what an
/// operation ran, to count its statements and to read each one's query plan.
final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []

    init() {}

    func append(_ sql: String) { lock.withLock { texts.append(sql) } }

    /// What was run so far.
    var statements: [String] { lock.withLock { texts } }
}

extension SQLiteSession {
    /// Where the statements of the current task (and the tasks it starts) are written down; nil, the default,
    /// writes nothing.
    @TaskLocal static var log: StatementLog?
}
