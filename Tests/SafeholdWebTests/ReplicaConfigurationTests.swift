import Foundation
import SafeholdStore
import SafeholdWeb
import Testing

/// `SAFEHOLD_DATABASE_REPLICA_URL`: read from the environment, PostgreSQL only, and the page's staleness line.
@Suite struct ReplicaConfigurationTests {
    @Test func aReplicaWithTheEmbeddedSQLiteDatabaseIsAStartUpError() async throws {
        var c = try AppConfiguration.fromEnvironment(["SAFEHOLD_DATABASE_REPLICA_URL": "postgres://u:p@127.0.0.1:1/db"])
        #expect(c.databaseReplicaURL == "postgres://u:p@127.0.0.1:1/db")
        c.dataDirectory =
            FileManager.default.temporaryDirectory.appendingPathComponent("safehold-replica-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: c.dataDirectory) }
        let refusal = await #expect(throws: AppConfiguration.Refused.self) { _ = try await AppServices.make(c) }
        #expect(refusal?.description.contains("needs a PostgreSQL primary") == true)
        #expect(!FileManager.default.fileExists(atPath: c.dataDirectory + "/safehold.sqlite"), "nothing was opened")
    }

    @Test func aReplicaOfAPostgreSQLPrimaryIsItsReportingCopy() throws {
        var c = AppConfiguration()
        c.databaseURL = "postgres://u:p@127.0.0.1:5432/db"
        #expect(try c.replicaLocation() == nil)
        c.databaseReplicaURL = "postgres://u:p@127.0.0.1:5433/db"
        #expect(try c.replicaLocation() == .postgres(url: "postgres://u:p@127.0.0.1:5433/db", poolSize: 4))
        c.databaseReplicaURL = "mysql://elsewhere"
        #expect(throws: AppConfiguration.Refused.self) { try c.replicaLocation() }
    }
}
