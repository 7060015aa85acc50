import Foundation
import SafeholdStore

/// The reporting copy: a PostgreSQL streaming replica of the primary that serves the heavy whole-authority
/// reads (see docs/scaling.md, "Heavy reads").
extension AppConfiguration {
    /// Why a configuration cannot start.
    public struct Refused: Error, CustomStringConvertible {
        public let description: String
    }

    /// `application_name` of the primary's connections and of the reporting copy's, so that
    /// `pg_stat_activity` tells the two pools apart.
    public static let primaryApplicationName = "safehold"
    public static let readsApplicationName = "safehold-reads"

    /// Reads `SAFEHOLD_DATABASE_REPLICA_URL`.
    mutating func readReplicaSettings(_ r: SettingsReader) {
        if let v = r.text("SAFEHOLD_DATABASE_REPLICA_URL") { databaseReplicaURL = v }
    }

    /// Where the reporting copy is, nil when there is none; a replica without a PostgreSQL primary is refused
    /// (the embedded SQLite database has no replicas).
    public func replicaLocation() throws -> DatabaseLocation? {
        guard let databaseReplicaURL else { return nil }
        guard databaseURL != nil else {
            throw Refused(
                description: "A read replica (SAFEHOLD_DATABASE_REPLICA_URL or --database-replica) needs a PostgreSQL "
                    + "primary (SAFEHOLD_DATABASE_URL or --database); the embedded SQLite database has no replicas.")
        }
        guard databaseReplicaURL.hasPrefix("postgres://") || databaseReplicaURL.hasPrefix("postgresql://") else {
            throw Refused(description: "The read replica's URL must be a postgres:// URL.")
        }
        return .postgres(url: databaseReplicaURL, schema: databaseSchema, poolSize: databasePoolSize)
    }
}
