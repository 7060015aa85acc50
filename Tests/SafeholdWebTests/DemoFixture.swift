import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The demo authority loaded into a fresh SQLite store on 24 November 2026 (as `serve --demo` loads it), for
/// tests of what the demo holds; the database is closed and its folder removed afterwards, whatever happens.
enum DemoFixture {
    /// The loaded store, the services around it and the demo's users by username.
    struct Demo {
        let services: AppServices
        let users: [String: User]
        var store: Store { services.store }

        /// An audit context for the demo user `username`.
        func ctx(_ username: String) throws -> AuditContext {
            AuditContext(actor: try #require(users[username], "no demo user \(username)").actor, ipAddress: nil)
        }
    }

    /// Fresh services on an empty SQLite store (nothing loaded), closed and removed afterwards.
    static func withServices(demo: Bool = false, _ body: (AppServices) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("safehold-demo-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        var config = AppConfiguration()
        config.dataDirectory = directory.path
        config.bcryptCost = 4
        config.demo = demo
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

    static func with(children: Int? = nil, _ body: (Demo) async throws -> Void) async throws {
        try await withServices(demo: true) { services in
            let loaded =
                if let children {
                    try await DemoAuthority.load(
                        into: services.store, passwords: services.passwords, secrets: services.secrets,
                        children: children)
                } else {
                    try await DemoAuthority.load(
                        into: services.store, passwords: services.passwords, secrets: services.secrets)
                }
            #expect(loaded)
            let users = Dictionary(uniqueKeysWithValues: try await services.store.users().map { ($0.username, $0) })
            try await body(Demo(services: services, users: users))
        }
    }
}
