import Foundation
import SQLKit

/// The lists on a child's page and chronology that are empty for most children (no body map, no police protection,
/// no disclosure), learnt in one statement (`Store.presentLists`) so that only those that hold something are read.
/// On PostgreSQL every statement is a round trip: a child's page ran about thirty and the chronology about twenty,
/// most of them answering nothing.
///
/// A list's probe asks for any row of the person in its table, a looser question than the list's own read (which
/// may leave out ended links, suspects, another team's protections): a list is skipped only when its read could
/// find nothing. A row written between the probe and the reads is as if written after the page was read.
struct PersonLists: OptionSet, Sendable {
    let rawValue: Int

    static let lookedAfter = PersonLists(rawValue: 1 << 0)
    static let planLookups = PersonLists(rawValue: 1 << 1)
    static let wishes = PersonLists(rawValue: 1 << 2)
    static let safetyMappings = PersonLists(rawValue: 1 << 3)
    static let safetyRatings = PersonLists(rawValue: 1 << 4)
    static let investigations = PersonLists(rawValue: 1 << 5)
    static let protections = PersonLists(rawValue: 1 << 6)
    static let serviceReferrals = PersonLists(rawValue: 1 << 7)
    static let escalations = PersonLists(rawValue: 1 << 8)
    static let riskLinks = PersonLists(rawValue: 1 << 9)
    static let oversight = PersonLists(rawValue: 1 << 10)
    static let bodyMaps = PersonLists(rawValue: 1 << 11)
    static let disclosures = PersonLists(rawValue: 1 << 12)
    static let informationRequests = PersonLists(rawValue: 1 << 13)
    static let documents = PersonLists(rawValue: 1 << 14)
    static let agencyReports = PersonLists(rawValue: 1 << 15)
    static let courtOrders = PersonLists(rawValue: 1 << 16)
    static let careProceedings = PersonLists(rawValue: 1 << 17)
    static let preProceedings = PersonLists(rawValue: 1 << 18)
    static let chronologyAnalysis = PersonLists(rawValue: 1 << 19)

    /// Every list: read them all (an adult's record, a caller that did not ask).
    static let all = PersonLists(probes.map(\.list))

    /// The lists of a child's chronology that are often empty (its contacts, steps and notes are read always).
    static let chronology: PersonLists = [
        .investigations, .protections, .agencyReports, .escalations, .oversight, .courtOrders, .careProceedings,
        .preProceedings, .bodyMaps, .chronologyAnalysis,
    ]

    /// Every list a child's record holds (the panels' lists are asked for with their panels).
    static let record: PersonLists = [
        .lookedAfter, .planLookups, .wishes, .safetyMappings, .safetyRatings, .investigations, .protections,
        .serviceReferrals, .escalations, .riskLinks,
    ]

    /// Each list's table and the column naming the person, each answered through that column's index.
    static let probes: [(list: PersonLists, table: String, column: String)] = [
        (.lookedAfter, "looked_after_periods", "person_id"), (.planLookups, "plan_lookups", "person_id"),
        (.wishes, "wishes_feelings", "person_id"), (.safetyMappings, "safety_mappings", "person_id"),
        (.safetyRatings, "safety_ratings", "person_id"), (.investigations, "investigation_people", "person_id"),
        (.protections, "police_protections", "person_id"), (.serviceReferrals, "service_referrals", "person_id"),
        (.escalations, "escalations", "person_id"), (.riskLinks, "risk_links", "child_id"),
        (.oversight, "oversight_entries", "person_id"), (.bodyMaps, "body_maps", "person_id"),
        (.disclosures, "disclosures", "person_id"), (.informationRequests, "information_requests", "person_id"),
        (.documents, "documents", "person_id"), (.agencyReports, "agency_reports", "person_id"),
        (.courtOrders, "court_orders", "person_id"), (.careProceedings, "care_proceedings", "person_id"),
        (.preProceedings, "pre_proceedings", "person_id"), (.chronologyAnalysis, "chronology_analysis", "person_id"),
    ]
}

extension Store {
    /// Which of `lists` hold a row for `person`: one statement of index look-ups.
    func presentLists(of person: UUID, among lists: PersonLists, on db: any SQLDatabase) async throws -> PersonLists {
        let asked = PersonLists.probes.filter { lists.contains($0.list) }
        guard !asked.isEmpty else { return [] }
        let columns: [SQLQueryString] = asked.enumerated().map { index, probe in
            """
            CASE WHEN EXISTS (SELECT 1 FROM \(unsafeRaw: probe.table) WHERE \(unsafeRaw: probe.column) = \
            \(bind: person.db)) THEN 1 ELSE 0 END AS l\(unsafeRaw: String(index))
            """
        }
        guard let row = try await db.raw("SELECT \(columns.joined(separator: ", "))").first() else { return lists }
        var present: PersonLists = []
        for (index, probe) in asked.enumerated() where try row.int("l\(index)") == 1 { present.insert(probe.list) }
        return present
    }
}
