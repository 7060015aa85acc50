import AsyncKit
import Logging
import NIOCore
import Synchronization

/// The SQLite connections of one database, lent to one task at a time. A free connection is handed over on the
/// borrower's own thread, with no hop to an event loop and back (what AsyncKit's pool costs on every request); a
/// connection given back goes straight to the longest waiter. A borrower waits at most `waitLimit` when every
/// connection is out, then gets AsyncKit's timeout error, which the store reports as a database not answering.
final class SQLitePool: Sendable {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<SQLiteConnectionItem, any Error>
        let timeout: Scheduled<Void>
    }

    private struct State {
        var idle: [SQLiteConnectionItem] = []
        var open = 0
        var waiters: [Waiter] = []
        var nextWaiter = 0
        var closed = false
    }

    let maxConnections: Int
    private let source: SQLiteSource
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let waitLimit: TimeAmount
    private let state = Mutex(State())

    init(
        source: SQLiteSource, maxConnections: Int, eventLoopGroup: any EventLoopGroup, logger: Logger,
        waitLimit: TimeAmount = .seconds(10)
    ) {
        self.source = source
        self.maxConnections = max(1, maxConnections)
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.waitLimit = waitLimit
    }

    private enum Next {
        case use(SQLiteConnectionItem)
        case open
        case wait
        case closed
    }

    /// A connection for the caller alone until `release`.
    func acquire() async throws -> SQLiteConnectionItem {
        let next: Next = state.withLock { state in
            if state.closed { return .closed }
            if let connection = state.idle.popLast() { return .use(connection) }
            if state.open < maxConnections {
                state.open += 1
                return .open
            }
            return .wait
        }
        switch next {
        case .use(let connection): return connection
        case .closed: throw ConnectionPoolError.shutdown
        case .open:
            do {
                return try await source.makeConnection(logger: logger, on: eventLoopGroup.any()).get()
            } catch {
                state.withLock { $0.open -= 1 }
                throw error
            }
        case .wait:
            return try await withCheckedThrowingContinuation { continuation in
                state.withLock { state in
                    if state.closed { return continuation.resume(throwing: ConnectionPoolError.shutdown) }
                    if let connection = state.idle.popLast() { return continuation.resume(returning: connection) }
                    let id = state.nextWaiter
                    state.nextWaiter += 1
                    let timeout = eventLoopGroup.any().scheduleTask(in: waitLimit) { self.giveUp(waiter: id) }
                    state.waiters.append(Waiter(id: id, continuation: continuation, timeout: timeout))
                }
            }
        }
    }

    /// Takes `connection` back: to the longest waiter if any, else kept for the next borrower; closed if the pool
    /// has been shut down.
    func release(_ connection: SQLiteConnectionItem) {
        enum Next {
            case keep
            case handOver(Waiter)
            case close
        }
        let next: Next = state.withLock { state in
            if state.closed {
                state.open -= 1
                return .close
            }
            if !state.waiters.isEmpty { return .handOver(state.waiters.removeFirst()) }
            state.idle.append(connection)
            return .keep
        }
        switch next {
        case .keep: break
        case .handOver(let waiter):
            waiter.timeout.cancel()
            waiter.continuation.resume(returning: connection)
        case .close: _ = connection.close()
        }
    }

    private func giveUp(waiter id: Int) {
        let waiter: Waiter? = state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: ConnectionPoolTimeoutError.connectionRequestTimeout)
    }

    /// Closes the free connections and refuses new borrowers; a connection still lent out is closed when it comes
    /// back.
    func shutdown() async {
        let (idle, waiters): ([SQLiteConnectionItem], [Waiter]) = state.withLock { state in
            state.closed = true
            defer {
                state.open -= state.idle.count
                state.idle = []
                state.waiters = []
            }
            return (state.idle, state.waiters)
        }
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(throwing: ConnectionPoolError.shutdown)
        }
        for connection in idle { try? await connection.close().get() }
    }
}
