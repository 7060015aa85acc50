import Foundation
import SQLKit
import SafeholdCore

/// A child's census facts read out of their stored details by the database (`->>` on both SQLite and
/// PostgreSQL): eight members as columns instead of the whole document decoded for each of 20,000 children.
extension Store {
    /// The members, as `fact_<member in lower case>` columns of the details document `p.d` (PostgreSQL folds
    /// an unquoted column name to lower case).
    static let censusFactColumns = [
        "kind", "dateOfBirth", "expectedDateOfBirth", "dateOfDeath", "sex", "ethnicity", "disabilities", "upn",
    ].map { "p.d ->> '\($0)' AS fact_\($0.lowercased())" }.joined(separator: ", ")

    /// The facts of one row of `censusFactColumns`; a member that does not read is corruption, as it is when
    /// the whole document is decoded.
    static func censusPersonFacts(_ row: any SQLRow, decoder: JSONDecoder) throws -> CensusPersonFacts {
        guard let kind = try row.optionalCode("fact_kind", as: PersonKind.self) else {
            throw StoreError.corrupt("details hold no kind")
        }
        return CensusPersonFacts(
            kind: kind, dateOfBirth: try row.optionalDate("fact_dateofbirth"),
            expectedDateOfBirth: try row.optionalDate("fact_expecteddateofbirth"),
            dateOfDeath: try row.optionalDate("fact_dateofdeath"), sex: try row.optionalCode("fact_sex"),
            ethnicity: try row.optionalString("fact_ethnicity"),
            disabilities: try row.optionalString("fact_disabilities").map { try strings($0, decoder: decoder) },
            upn: try row.optionalString("fact_upn"))
    }

    /// A JSON array of strings as the database gives it (PostgreSQL puts a space after each comma).
    private static func strings(_ json: String, decoder: JSONDecoder) throws -> [String] {
        if let plain = JSONEnvelope.plainStrings(json) { return plain }
        do {
            return try decoder.decode([String].self, from: Data(json.utf8))
        } catch {
            throw StoreError.corrupt("details hold disabilities that are not a list of codes: \(json)")
        }
    }
}
