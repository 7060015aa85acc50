import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Synchronization
import Testing

@Suite("A database that is not there: a 503 that says what happened, never a 500")
struct DatabaseUnavailableTests {
    /// A PostgreSQL address where nothing listens (port 1 on loopback refuses at once).
    private static let nowhere = DatabaseLocation.postgres(
        url: "postgres://safehold:safehold@127.0.0.1:1/safehold", schema: nil, poolSize: 1)

    @Test("A read or a write on a database that refuses connections is refused as unavailable, nothing saved")
    func refusedConnectionIsUnavailable() async throws {
        let database = try Database(Self.nowhere)
        let read = await refusal { try await database.withConnection { db in try await db.raw("SELECT 1").run() } }
        let write = await refusal { try await database.transaction { db in try await db.raw("SELECT 1").run() } }
        for error in [read, write] {
            guard case .unavailable(let message) = error else {
                Issue.record("expected unavailable, got \(String(describing: error))")
                continue
            }
            #expect(message.contains("nothing was saved"))
        }
        await database.shutdown()
    }

    @Test("A connection the server ends under a request is unavailable, and says to check what was saved")
    func lostConnectionIsUnavailable() async throws {
        guard let url = TestBackend.postgresURL else { return }
        let database = try Database(.postgres(url: url, schema: nil, poolSize: 1))
        let error = await refusal {
            try await database.withConnection { db in
                // The server itself ends this session, as a restart or an administrator would.
                try await db.raw("SELECT pg_terminate_backend(pg_backend_pid())").run()
            }
        }
        guard case .unavailable(let message) = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            await database.shutdown()
            return
        }
        #expect(message.contains("Reload the page"))
        await database.shutdown()
    }

    @Test("A transaction whose connection the server ends mid-statement is answered at once as unavailable")
    func transactionOnEndedConnectionAnswers() async throws {
        guard let url = TestBackend.postgresURL else { return }
        let database = try Database(.postgres(url: url, schema: nil, poolSize: 2))
        let outcome = Mutex<String?>(nil)
        // Unstructured, so that a transaction stuck for ever (as it was, waiting on its ROLLBACK) fails this test
        // instead of hanging the suite.
        Task {
            let answer: String
            do {
                try await database.transaction { db in
                    let pid = try #require(try await db.raw("SELECT pg_backend_pid() AS pid").first())
                        .decode(column: "pid", as: Int.self)
                    // Ended from another connection, tried again until it is: under the whole suite's load on two
                    // cores, opening that connection can itself time out.
                    Task {
                        try await Task.sleep(for: .milliseconds(300))
                        for _ in 0..<100 {
                            do {
                                try await database.withConnection { other in
                                    try await other.raw("SELECT pg_terminate_backend(\(literal: pid))").run()
                                }
                                return
                            } catch {
                                try await Task.sleep(for: .milliseconds(200))
                            }
                        }
                    }
                    try await db.raw("SELECT pg_sleep(120)").run()
                }
                answer = "committed"
            } catch SafeholdError.unavailable {
                answer = "unavailable"
            } catch {
                answer = String(reflecting: error)
            }
            outcome.withLock { $0 = answer }
        }
        let deadline = ContinuousClock.now + .seconds(90)
        while outcome.withLock({ $0 }) == nil && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(outcome.withLock { $0 } == "unavailable", "answered within 90 s (the statement alone sleeps 120)")
        await database.shutdown()
    }

    private func refusal(_ body: () async throws -> Void) async -> SafeholdError? {
        do {
            try await body()
            return nil
        } catch let error as SafeholdError {
            return error
        } catch {
            Issue.record("not a SafeholdError: \(String(reflecting: error))")
            return nil
        }
    }
}
