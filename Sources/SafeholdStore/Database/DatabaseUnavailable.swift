import AsyncKit
import Foundation
import NIOCore
import NIOPosix
import PostgresKit
import SafeholdCore

/// The one place where a database that is not there becomes a 503 a worker understands, instead of a 500: no
/// connection within the pool's wait, a connection refused or lost, a server shutting down or not yet accepting.
/// Anything else passes through unchanged.
enum DatabaseUnavailable {
    /// What a worker reads when no connection came: no statement ran, so nothing changed.
    static let notAnswering =
        "The database is not answering, so nothing was saved or shown. Try again in a minute; "
        + "if it keeps happening, tell your system administrator."

    /// What a worker reads when the connection broke under a request: a change may or may not have been saved.
    static let lost =
        "The connection to the database was lost while your request was under way. Reload the page to see whether "
        + "your change was saved before you make it again."

    /// Maps an error raised while waiting for a connection.
    static func mapAcquiring(_ error: any Error) -> any Error {
        if error is ConnectionPoolTimeoutError || isConnectionFailure(error) {
            return SafeholdError.unavailable(notAnswering)
        }
        return error
    }

    /// Maps an error raised on a connection already held.
    static func mapUsing(_ error: any Error) -> any Error {
        isConnectionFailure(error) ? SafeholdError.unavailable(lost) : error
    }

    /// Whether `error` says the connection itself is gone (refused, closed, or ended by the server).
    static func isConnectionFailure(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return true
            case .server:
                // 08: connection exception; 57P01-57P03: the server is shutting down or not accepting yet.
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
            default:
                return false
            }
        }
        return error is NIOConnectionError || error is ChannelError
            || (error as? IOError).map { [ECONNREFUSED, ECONNRESET, EPIPE].contains($0.errnoCode) } ?? false
    }
}
