import SQLKit
import SafeholdStore

extension Store {
    /// The people's indexes whose keys arrive in no order as people are loaded: their names and the names' sound
    /// keys, dates of birth, NHS numbers, UPNs and postcodes. (Ids are time-ordered, so the indexes that start from
    /// a person's, a team's or a worker's id grow at their end and are not among them.)
    public static let peopleLoadIndexes = [
        "persons_family", "persons_dob", "persons_nhs", "persons_upn", "person_names_family_norm",
        "person_names_given_norm", "person_names_sounds", "person_names_given_sounds", "person_postcodes_postcode",
    ]

    /// Runs a bulk load of people with `peopleLoadIndexes` built once at the end rather than row by row.
    ///
    /// At a million children each batch of 10,000 people dirtied most pages of those indexes, and every dirty page
    /// was written twice (to the log at the commit, into the file at the checkpoint). The indexes are dropped
    /// before `body` and built from the loaded rows after it, also when `body` fails. Their statements are kept in
    /// the database while they are missing (`DeferredIndexes`), so a load that stops part-way leaves them to the
    /// next `migrate`. Searches made during the load are answered correctly, only more slowly. Unique indexes are
    /// never dropped. On PostgreSQL this just runs `body`.
    public func loadingPeopleInBulk<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard database.dialect == .sqlite else { return try await body() }
        _ = try await database.transaction { db in try await DeferredIndexes.drop(Self.peopleLoadIndexes, on: db) }
        let result: T
        do {
            result = try await body()
        } catch {
            try? await buildDeferredIndexes()
            throw error
        }
        try await buildDeferredIndexes()
        return result
    }

    /// Builds the indexes a bulk load dropped (in one transaction, with a bulk load's cache).
    public func buildDeferredIndexes() async throws {
        try await database.bulkTransaction { db in try await DeferredIndexes.build(on: db) }
    }
}
