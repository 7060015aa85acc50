import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import ServiceLifecycle
import Testing

/// The running server anchors the audit log outside the database: a signed checkpoint at start,
/// at every interval, and at shutdown.
@Suite("Audit checkpoints while serving")
struct AuditCheckpointServiceTests {
    /// Waits (up to five seconds) until the folder holds a checkpoint of at least `seq`.
    static func waitForCheckpoint(_ folder: AuditCheckpointDirectory, atLeast seq: Int) async throws -> Bool {
        for _ in 0..<100 {
            if try folder.load().contains(where: { $0.seq >= seq }) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test("The application writes a checkpoint when it starts and one at shutdown covering the last request")
    func startAndShutdown() async throws {
        let fixture = try await WebFixture.make()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let folder = fixture.services.configuration.auditCheckpoints
        let atStart = try await fixture.count("audit_log")
        let app = buildApplication(fixture.services)
        let outcome = await attempt {
            try await app.test(.router) { client in
                #expect(try await Self.waitForCheckpoint(folder, atLeast: atStart))
                let session = try await fixture.session(fixture.north)
                let page = try await client.execute(
                    uri: "/people/\(fixture.child.id.uuidString)", method: .get,
                    headers: session.headers)
                #expect(page.status == .ok)
            }
        }
        let atEnd = try await fixture.count("audit_log")
        await fixture.store.database.shutdown()
        try outcome.get()
        #expect(atEnd > atStart)
        let checkpoints = try folder.load()
        #expect(checkpoints.contains { $0.seq == atStart }, "the start checkpoint")
        #expect(checkpoints.map(\.seq).max() == atEnd, "the shutdown checkpoint covers every entry")
        let key = try fixture.services.configuration.auditKeySource.load(createIfMissing: false)
        #expect(AuditCheckpoint.problem(in: checkpoints, key: key) == nil)
    }

    @Test("While running, a checkpoint follows the head at every interval; shutdown writes the last one")
    func periodic() async throws {
        let fixture = try await WebFixture.make()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let folder = fixture.services.configuration.auditCheckpoints
        let audit = fixture.store.audit
        let service = AuditCheckpointService(audit: audit, directory: folder, interval: .milliseconds(50))
        let group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "test")))
        let outcome = await attempt {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for round in 1...3 {
                    try await audit.record([AuditContext(system: "test").event(.read, "person", detail: "\(round)")])
                    let head = try await fixture.count("audit_log")
                    #expect(try await Self.waitForCheckpoint(folder, atLeast: head), "round \(round)")
                }
                try await audit.record([AuditContext(system: "test").event(.read, "person", detail: "last")])
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
        let head = try await fixture.count("audit_log")
        await fixture.store.database.shutdown()
        try outcome.get()
        #expect(try folder.load().map(\.seq).max() == head)
    }
}

/// The outcome of `body`, thrown or returned, so that clean-up can run before it is rethrown.
private func attempt<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
