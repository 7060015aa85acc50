import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
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
