import Foundation
import SQLKit
import SafeholdCore

/// Person search by name, in two steps: the names that sound like the query are read and scored from the
/// names index alone (`similarNames`), then only the best-scoring people are read, each through the access
/// policy, until the page is full (`rankNames`).
///
/// At a million children a common name has hundreds of holders ("Amelia Ashdown" had 696): reading every
/// one of their records and checking the policy on each cost most of a search. Now the records read are
/// about twice a page's worth, whatever the number of holders.
extension Store {
    /// One name (current, former or alias) that sounds like or begins with the query's words.
    struct SimilarName: Sendable {
        let personId: UUID
        let given: String
        let family: String
    }

    /// How many people's records `rankNames` reads at a time.
    static let rankBatch = 100

    /// The names that sound like or begin with `tokens`, at most 5,000, read from the names index alone
    /// (before any access rule, which `rankNames` applies).
    static func similarNames(
        _ tokens: [String], dialect: SQLDialect, on db: any SQLDatabase
    ) async throws -> [SimilarName] {
        try await db.raw(similarNamesQuery(tokens, dialect: dialect)).all().map {
            SimilarName(
                personId: try $0.uuid("person_id"), given: try $0.string("given_norm"),
                family: try $0.string("family_norm"))
        }
    }

    static func similarNamesQuery(_ tokens: [String], dialect: SQLDialect) -> SQLQueryString {
        """
        SELECT n.person_id, n.given_norm, n.family_norm FROM person_names n
        WHERE \(Self.nameCondition(tokens, dialect: dialect)) LIMIT 5000
        """
    }

    /// The names (`n`, a `person_names` row) that sound like or begin with the query's words. One word also finds
    /// the names that begin with it, read as a range of each name's index (migration 33): from the word itself up
    /// to, not including, the word with its last letter's successor ("smi" to "smj"), in code point order.
    static func nameCondition(_ tokens: [String], dialect: SQLDialect) -> SQLQueryString {
        let keys = Array(Set(tokens.map(NameMatching.soundex)))
        if tokens.count == 1 {
            let word = tokens[0]
            // A single letter is scored only as a whole name (`NameMatching.closeScore`): its sound key finds those.
            guard word.count >= 2, let end = NameMatching.prefixEnd(word) else {
                return "(n.family_sx = \(bind: keys[0]) OR n.given_sx = \(bind: keys[0]))"
            }
            let collated: SQLQueryString = dialect == .postgres ? " COLLATE \"C\"" : ""
            return """
                (n.family_sx = \(bind: keys[0]) OR n.given_sx = \(bind: keys[0])
                 OR (n.family_norm\(collated) >= \(bind: word) AND n.family_norm\(collated) < \(bind: end))
                 OR (n.given_norm\(collated) >= \(bind: word) AND n.given_norm\(collated) < \(bind: end)))
                """
        }
        return "(n.family_sx IN (\(binds: keys)) AND n.given_sx IN (\(binds: keys)))"
    }

    /// The best `limit` people among `names`, as the actor may see them, best match first (then by the
    /// matched family name, then by id).
    ///
    /// A person's best name gives the most they can score. Someone the actor may not open scores on their
    /// current name only, so that a search cannot reveal a former name or alias behind the name it shows; that
    /// score is never more. So people are read in order of their best name's score, `rankBatch` at a time,
    /// and reading stops once the page is full and the next person could not displace its last entry.
    func rankNames(
        _ names: [SimilarName], tokens: [String], dateOfBirth: LocalDate?, view: SQLQueryString,
        find: SQLQueryString, limit: Int, auditor: Bool, batch: Int = Store.rankBatch, on db: any SQLDatabase
    ) async throws -> [PersonSummary] {
        let words = tokens.map(NameMatching.Word.init)
        var best: [UUID: RankKey] = [:]
        for name in names {
            let score = NameMatching.score(words, given: name.given, family: name.family)
            guard score > 0 else { continue }
            let key = RankKey(score: score, family: name.family, id: name.personId)
            if best[name.personId].map({ key.precedes($0) }) ?? true { best[name.personId] = key }
        }
        let ranked = best.values.sorted { $0.precedes($1) }
        let dobCondition: SQLQueryString =
            dateOfBirth.map { "AND p.date_of_birth = \(bind: $0.description) AND \(view)" } ?? ""
        // A date of birth rules out most names, so every candidate is read in one go.
        let step = dateOfBirth == nil ? max(batch, 1) : max(ranked.count, 1)
        var page: [(key: RankKey, summary: PersonSummary)] = []
        var next = 0
        while next < ranked.count {
            if page.count >= limit, let last = page.last, !ranked[next].precedes(last.key) { break }
            let slice = ranked[next..<min(next + step, ranked.count)]
            next += slice.count
            let keys = Dictionary(uniqueKeysWithValues: slice.map { ($0.id, $0) })
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.summaryColumns), CASE WHEN \(view) THEN 1 ELSE 0 END AS can_view
                FROM persons p WHERE p.id IN (\(binds: slice.map(\.id.db))) AND \(find) \(dobCondition)
                """
            ).all()
            for row in rows {
                let summary = try Self.summary(row)
                guard let upper = keys[summary.id] else { continue }
                let score =
                    summary.canView
                    ? upper.score
                    : NameMatching.score(words, given: summary.givenName ?? "", family: summary.familyName)
                guard score > 0 else { continue }
                page.append((RankKey(score: score, family: upper.family, id: summary.id), summary))
            }
            page.sort { $0.key.precedes($1.key) }
            if page.count > limit { page.removeLast(page.count - limit) }
        }
        return page.map {
            $0.summary.canView ? $0.summary : (auditor ? $0.summary.forAuditor : $0.summary.nameOnly)
        }
    }

    /// Where a person stands in search results: higher score first, then family name, then id.
    struct RankKey: Sendable {
        let score: Double
        let family: String
        let id: UUID

        func precedes(_ other: RankKey) -> Bool {
            if score != other.score { return score > other.score }
            if family != other.family { return family < other.family }
            return id.sortsBefore(other.id)
        }
    }
}
