import Foundation
import SafeholdStore
import Testing

@Suite("Exclusive locks")
struct ExclusiveLockTests {
    /// Counts holders inside the lock and the most there ever were at once.
    actor Holders {
        private(set) var inside = 0
        private(set) var most = 0
        private(set) var entered = 0

        func enter() {
            inside += 1
            entered += 1
            most = max(most, inside)
        }

        func leave() { inside -= 1 }
    }

    @Test(
        "Holders of one lock take turns, across two pools on PostgreSQL (two servers) and in one pool on SQLite",
        arguments: TestBackend.all)
    func holdersTakeTurns(_ backend: TestBackend) async throws {
        try await withFreshStore(backend) { env in
            let second = try Database(env.location)
            let pools = backend == .postgres ? [env.database, second] : [env.database]
            let holders = Holders()
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for n in 0..<4 {
                        let pool = pools[n % pools.count]
                        group.addTask {
                            try await pool.exclusively(lock: 7_465_812_099) {
                                await holders.enter()
                                try await Task.sleep(for: .milliseconds(150))
                                await holders.leave()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            } catch {
                await second.shutdown()
                throw error
            }
            await second.shutdown()
            #expect(await holders.entered == 4)
            #expect(await holders.most == 1, "two holders were inside the lock at once")
        }
    }

    @Test("A holder that throws releases the lock: the next one gets it", arguments: TestBackend.all)
    func throwingHolderReleases(_ backend: TestBackend) async throws {
        struct Refused: Error {}
        try await withFreshStore(backend) { env in
            let second = try Database(env.location)
            let next = backend == .postgres ? second : env.database
            do {
                await #expect(throws: Refused.self) {
                    try await env.database.exclusively(lock: 7_465_812_098) { () async throws -> Int in
                        throw Refused()
                    }
                }
                let got = try await next.exclusively(lock: 7_465_812_098) { 42 }
                #expect(got == 42)
            } catch {
                await second.shutdown()
                throw error
            }
            await second.shutdown()
        }
    }
}
