import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import SafeholdCore
import Synchronization
import Testing

@testable import SafeholdStore

/// The SQLite pool: a free connection is reused, a borrower waits for one given back, and a borrower that waits too
/// long, or comes after shutdown, is refused rather than left waiting.
@Suite struct SQLitePoolTests {
    private static func withPool(
        max: Int, waitLimit: TimeAmount = .seconds(10), _ body: (SQLitePool) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-pool-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let threads = NIOThreadPool(numberOfThreads: 2)
        threads.start()
        let pool = SQLitePool(
            source: SQLiteSource(path: folder.appendingPathComponent("pool.sqlite").path, threadPool: threads),
            maxConnections: max, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "test"), waitLimit: waitLimit)
        do {
            try await body(pool)
        } catch {
            await pool.shutdown()
            try await threads.shutdownGracefully()
            throw error
        }
        await pool.shutdown()
        try await threads.shutdownGracefully()
    }

    @Test("A connection given back is the one the next borrower gets: no new connection is opened")
    func freeConnectionIsReused() async throws {
        try await Self.withPool(max: 4) { pool in
            let first = try await pool.acquire()
            pool.release(first)
            let second = try await pool.acquire()
            #expect(first === second)
            pool.release(second)
        }
    }

    @Test("With every connection lent out, a borrower waits and gets the first one given back")
    func borrowerWaitsForTheFirstGivenBack() async throws {
        try await Self.withPool(max: 1) { pool in
            let held = try await pool.acquire()
            let got = Mutex<SQLiteConnectionItem?>(nil)
            let waiting = Task {
                let connection = try await pool.acquire()
                got.withLock { $0 = connection }
                pool.release(connection)
            }
            try await Task.sleep(for: .milliseconds(50))
            #expect(got.withLock { $0 } == nil)
            pool.release(held)
            try await waiting.value
            #expect(got.withLock { $0 } === held)
        }
    }

    @Test("A borrower that waits past the limit is refused with the pool's timeout, which reads as not answering")
    func waitPastTheLimitIsRefused() async throws {
        try await Self.withPool(max: 1, waitLimit: .milliseconds(100)) { pool in
            let held = try await pool.acquire()
            await #expect(throws: ConnectionPoolTimeoutError.self) { _ = try await pool.acquire() }
            let mapped = DatabaseUnavailable.mapAcquiring(ConnectionPoolTimeoutError.connectionRequestTimeout)
            #expect((mapped as? SafeholdError).map { "\($0)" }?.contains("not answering") == true)
            pool.release(held)
            // The refused borrower left no claim behind: the connection given back is free for the next one.
            let next = try await pool.acquire()
            #expect(next === held)
            pool.release(next)
        }
    }

    @Test("After shutdown a borrower is refused, and a connection given back late is closed")
    func shutdownRefusesAndClosesLateReturns() async throws {
        try await Self.withPool(max: 2) { pool in
            let lent = try await pool.acquire()
            await pool.shutdown()
            await #expect(throws: ConnectionPoolError.self) { _ = try await pool.acquire() }
            pool.release(lent)
            try await Task.sleep(for: .milliseconds(100))
            #expect(lent.isClosed)
        }
    }
}
