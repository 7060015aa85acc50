import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Servers started together on one empty database (`safehold serve --demo` three times at once): the first
/// start's work is done once, and none of them fails on the others' rows.
@Suite("Starting together")
struct StartTogetherTests {
    @Test("Two demo loads at once load the demo once; the second waits and finds it loaded")
    func demoLoadsOnce() async throws {
        try await DemoFixture.withServices { services in
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
        try await DemoFixture.withServices { services in
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
