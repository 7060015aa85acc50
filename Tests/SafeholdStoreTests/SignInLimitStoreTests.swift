import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Rows and sums that an attempt refused while waiting must leave exactly as they were.
func signInFootprint(_ env: TestEnv) async throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for table in ["sign_in_limits", "sessions", "audit_log"] { counts[table] = try await env.count(table) }
    counts["attempts"] = try await env.database.withConnection { db in
        try await db.raw("SELECT CAST(COALESCE(SUM(attempts), 0) AS BIGINT) AS n FROM sign_in_limits").first()!.decode(
            column: "n", as: Int.self)
    }
    return counts
}

@Suite("Growing sign-in delays per username and address")
struct SignInLimitStoreTests {
    @Test(
        "Five free attempts per username and address, then doubling waits; a refused attempt writes nothing",
        arguments: TestBackend.all)
    func pairCounterDoubles(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            for _ in 1...6 {
                #expect(try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob) == nil)
            }
            let lockout = try #require(try await w.env.recentAudit(1).first)
            #expect(lockout.event.action == .lockedOut)
            #expect(lockout.event.actorId == w.bob.id)
            #expect(lockout.event.ipAddress == "192.0.2.9")
            let before = try await signInFootprint(w.env)
            let until = try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob)
            #expect(until == testNow.addingTimeInterval(2))
            #expect(try await signInFootprint(w.env) == before)

            w.env.clock.advance(by: 2)
            #expect(try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob) == nil)
            #expect(
                try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob)
                    == testNow.addingTimeInterval(2 + 4), "the wait doubles")

            // Another address, and another user at this address, are not held up.
            #expect(try await w.store.beginSignInAttempt(username: "bob", address: "198.51.100.4", user: w.bob) == nil)
            #expect(try await w.store.beginSignInAttempt(username: "alice", address: "192.0.2.9", user: w.alice) == nil)

            // The counters are stored as hashes only: no username or address in the table.
            let keys = try await w.env.database.withConnection { db in
                try await db.raw("SELECT key_hash FROM sign_in_limits").all().map {
                    try $0.decode(column: "key_hash", as: String.self)
                }
            }
            #expect(keys.allSatisfy { $0.count == 64 && !$0.contains("bob") && !$0.contains("192.0.2.9") })
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test("A success clears the address's counter; a quiet day starts it again", arguments: TestBackend.all)
    func successAndQuietPeriod(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            for _ in 1...5 {
                _ = try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob)
            }
            try await w.store.signInSucceeded(username: "bob", address: "192.0.2.9")
            for _ in 1...6 {
                #expect(try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob) == nil)
            }
            #expect(try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob) != nil)
            w.env.clock.advance(by: 24 * 3_600 + 1)
            for _ in 1...6 {
                #expect(try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob) == nil)
            }
        }
    }

    @Test(
        "Guessing from many addresses meets the username counter, capped at a minute; a known address is exempt",
        arguments: TestBackend.all)
    func usernameCounter(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            try await w.store.signInSucceeded(username: "bob", address: "10.0.0.1")
            for n in 1...21 {
                #expect(
                    try await w.store.beginSignInAttempt(username: "bob", address: "203.0.113.\(n)", user: w.bob) == nil
                )
            }
            let before = try await signInFootprint(w.env)
            #expect(
                try await w.store.beginSignInAttempt(username: "bob", address: "203.0.113.99", user: w.bob)
                    == testNow.addingTimeInterval(1))
            #expect(try await signInFootprint(w.env) == before)
            #expect(
                try await w.store.beginSignInAttempt(username: "bob", address: "10.0.0.1", user: w.bob) == nil,
                "the address Bob signed in from before is not held up by guessing elsewhere")
            var longest: TimeInterval = 0
            for n in 100..<140 {
                if let until = try await w.store.beginSignInAttempt(
                    username: "bob", address: "203.0.113.\(n)", user: w.bob)
                {
                    longest = max(longest, until.timeIntervalSince(w.env.clock.now()))
                    w.env.clock.advance(by: until.timeIntervalSince(w.env.clock.now()))
                }
            }
            #expect(longest == 60, "the username's own wait never passes a minute")
        }
    }

    @Test(
        "A wait ends the user's half-finished sign-ins (from that address, or everywhere for the username counter)",
        arguments: TestBackend.all)
    func waitEndsPendingSessions(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let here = try await w.store.createSession(
                userId: w.bob.id, secondFactorDone: false, ipAddress: "192.0.2.9",
                context: w.ctx(w.bob))
            let there = try await w.store.createSession(
                userId: w.bob.id, secondFactorDone: false, ipAddress: "198.51.100.4",
                context: w.ctx(w.bob))
            let full = try await w.store.createSession(
                userId: w.bob.id, secondFactorDone: true, ipAddress: "192.0.2.9",
                context: w.ctx(w.bob))
            for _ in 1...5 {
                _ = try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob)
            }
            #expect(try await w.store.session(token: here) != nil, "within the allowance nothing ends")
            _ = try await w.store.beginSignInAttempt(username: "bob", address: "192.0.2.9", user: w.bob)
            #expect(try await w.store.session(token: here) == nil)
            #expect(try await w.store.session(token: there) != nil)
            #expect(try await w.store.session(token: full) != nil, "a guesser cannot sign the real user out")
            for n in 1...15 {
                _ = try await w.store.beginSignInAttempt(username: "bob", address: "203.0.113.\(n)", user: w.bob)
            }
            #expect(try await w.store.session(token: there) == nil)
            #expect(try await w.store.session(token: full) != nil)
        }
    }
}
