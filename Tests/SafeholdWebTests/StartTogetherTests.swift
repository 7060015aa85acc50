import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Servers started together on one empty database (`safehold serve --demo` three times at once): the first
/// start's work is done once, and none of them fails on the others' rows.
@Suite("Starting together")
struct StartTogetherTests {
    static func withServices(_ body: (AppServices) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("safehold-start-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        var config = AppConfiguration()
        config.dataDirectory = directory.path
        config.bcryptCost = 4
        let services = try await AppServices.make(
            config, clock: FixedClock(Timestamp.date("2026-11-24T09:00:00.000Z")!))
        do {
            try await body(services)
        } catch {
            await services.store.database.shutdown()
            throw error
        }
        await services.store.database.shutdown()
    }

    @Test("Two demo loads at once load the demo once; the second waits and finds it loaded")
    func demoLoadsOnce() async throws {
        try await Self.withServices { services in
            let loaded = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await DemoAuthority.load(
                            into: services.store, passwords: services.passwords, secrets: services.secrets,
                            children: 20)
                    }
                }
                var answers: [Bool] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            #expect(loaded.sorted { !$0 && $1 } == [false, true], "exactly one load did the work")
            let usernames = try await services.store.users().map(\.username)
            #expect(usernames.count == Set(usernames).count)
            #expect(usernames.contains("sw.north1"))
        }
    }

    @Test("Two first starts at once create one administrator and show one one-time password")
    func firstAdministratorOnce() async throws {
        try await Self.withServices { services in
            let passwords = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<2 { group.addTask { try await createFirstAdministrator(services) } }
                var answers: [String?] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            #expect(passwords.compactMap { $0 }.count == 1)
            #expect(try await services.store.userCount() == 1)
        }
    }
}
