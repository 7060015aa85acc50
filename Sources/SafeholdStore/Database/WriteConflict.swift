import Foundation
import PostgresKit
import SafeholdCore

/// The one place where the database's own refusals of a concurrent write become a conflict a worker
/// understands: a unique violation (two requests inserting the same open episode or step position),
/// a serialization failure or deadlock on PostgreSQL, or a busy database on SQLite. Anything else
/// passes through unchanged (and becomes a logged 500).
enum WriteConflict {
    static func map(_ error: any Error) -> any Error {
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] {
            switch state {
            case "23505": return SafeholdError.conflict(sentence(error.serverInfo?[.constraintName] ?? ""))
            case "40001", "40P01": return SafeholdError.conflict(sentence(""))
            default: return error
            }
        }
        if let error = error as? SQLiteFailure {
            if error.isUniqueViolation { return SafeholdError.conflict(sentence(error.message)) }
            if error.isBusy { return SafeholdError.conflict(sentence("")) }
        }
        return error
    }

    /// What to tell the worker, by the table the violated constraint guards.
    static func sentence(_ constraint: String) -> String {
        if constraint.contains("episode_steps") {
            return "Someone else recorded a step on this episode at the same moment. "
                + "Reload the page and check before you record yours."
        }
        if constraint.contains("episodes") {
            return "This child already has an open episode of need: someone opened it at the same moment. "
                + "Reload the page to see it, and record the work on that episode."
        }
        return "Someone else changed this record at the same moment. Reload the page, check their change, "
            + "and make yours again."
    }
}
