import Foundation
import Logging
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import ServiceLifecycle
import Testing

/// The due-notice pass runs when the server starts, unless the configuration holds it back until the first
/// interval (the benchmark does, so that its pages are never measured under a pass).
@Suite("Due notices while serving")
struct DueNotificationServiceTests {
    /// Runs the service with a long interval until `done` says so (or ten seconds pass), then stops it gracefully.
    static func run(
        atStart: Bool, fixture: WebFixture, until done: @Sendable () async throws -> Bool
    ) async throws -> Bool {
        let service = DueNotificationService(store: fixture.store, interval: .seconds(3_600), atStart: atStart)
        let group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "test")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var reached = false
            for _ in 0..<200 where !reached {
                reached = try await done()
                if !reached { try await Task.sleep(for: .milliseconds(50)) }
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return reached
        }
    }

    @Test("At start the pass tells what is overdue; held back, it tells nothing until its first interval")
    func atStartOrNot() async throws {
        let fixture = try await WebFixture.make()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        // Four months on, every worker's supervision is overdue (none was ever recorded): there is something to tell.
        fixture.clock.advance(by: 120 * 86_400)
        let outcome = await Result {
            // Held back: still nothing told after half a second of serving (the interval is an hour).
            let waited = ContinuousClock.now
            let heldBack = try await Self.run(atStart: false, fixture: fixture) {
                ContinuousClock.now - waited >= .milliseconds(500)
            }
            #expect(heldBack)
            #expect(try await fixture.count("notifications") == 0, "nothing is told before the first interval")
            // At start: the pass runs at once and tells the holders.
            let told = try await Self.run(atStart: true, fixture: fixture) {
                try await fixture.count("notifications") > 0
            }
            #expect(told, "the pass at start told what is overdue")
        }
        await fixture.store.database.shutdown()
        try outcome.get()
    }
}

extension Result where Failure == any Error {
    /// The outcome of an async `body`, thrown or returned, so that clean-up can run before it is rethrown.
    fileprivate init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
