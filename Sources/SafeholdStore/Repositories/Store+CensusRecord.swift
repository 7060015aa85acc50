import Foundation
import SQLKit
import SafeholdCore

/// Reads what a year's census is built from in five queries, whatever the number of children: the episodes
/// open at any point in the year, their steps (only the kinds the census reads, up to the year's end), the
/// referrals decided as needing no further action in the year, the children concerned, and every child
/// protection plan start of those children (for NumberOfPreviousCPP). The caller decides access and audits.
extension Store {
    func loadCensusRecord(_ year: CensusYear, on db: any SQLDatabase) async throws -> CensusRecord {
        let start = year.start.description, end = year.end.description
        let inYear: SQLQueryString =
            "e.referral_date <= \(bind: end) AND (e.closed_on IS NULL OR e.closed_on >= \(bind: start))"
        let nfa: SQLQueryString =
            "c.decision = 'referral_nfa' AND c.received_on >= \(bind: start) AND c.received_on <= \(bind: end)"
        let decoder = JSONDecoder()
        let stepRows = try await db.raw(
            """
            SELECT s.id, s.episode_id, s.kind, s.occurred_on, s.payload, s.authorised_at FROM episode_steps s
            JOIN episodes e ON e.id = s.episode_id
            WHERE \(inYear) AND s.occurred_on <= \(bind: end) AND s.kind IN (\(unsafeRaw: Self.censusStepKinds))
            ORDER BY s.episode_id, s.position
            """
        ).all()
        var steps: [UUID: [CensusRecord.Step]] = [:]
        for row in stepRows {
            steps[try row.uuid("episode_id"), default: []].append(
                CensusRecord.Step(
                    id: try row.uuid("id"), authorised: try row.optionalString("authorised_at") != nil,
                    fact: try Self.censusFact(row, decoder: decoder)))
        }
        let episodes = try await db.raw(
            """
            SELECT e.id, e.person_id, e.referral_date, e.referral_source, e.primary_need, e.closed_on, e.closure_reason
            FROM episodes e WHERE \(inYear)
            """
        ).all().map { row in
            let id = try row.uuid("id")
            return CensusRecord.Episode(
                id: id, personId: try row.uuid("person_id"), referralDate: try row.date("referral_date"),
                referralSource: try row.string("referral_source"), primaryNeed: try row.optionalString("primary_need"),
                closedOn: try row.optionalDate("closed_on"), closureReason: try row.optionalString("closure_reason"),
                steps: steps[id] ?? [])
        }
        let referrals = try await db.raw(
            """
            SELECT c.id, cc.person_id, c.received_on, c.source FROM contacts c
            JOIN contact_children cc ON cc.contact_id = c.id WHERE \(nfa)
            """
        ).all().map { row in
            CensusRecord.Referral(
                contactId: try row.uuid("id"), personId: try row.uuid("person_id"),
                receivedOn: try row.date("received_on"), source: try row.string("source"))
        }
        let children = try await db.raw(
            """
            SELECT p.id, p.local_id, p.details FROM persons p
            WHERE p.id IN (SELECT e.person_id FROM episodes e WHERE \(inYear))
               OR p.id IN (SELECT cc.person_id FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id
                           WHERE \(nfa))
            """
        ).all().map { row in
            CensusRecord.Child(
                personId: try row.uuid("id"), localId: try row.string("local_id"),
                facts: try row.json("details", as: CensusPersonFacts.self, decoder: decoder))
        }
        let plans = try await db.raw(
            """
            SELECT s.id, s.person_id, s.occurred_on, s.payload FROM episode_steps s
            WHERE s.kind = 'plan_started' AND s.occurred_on <= \(bind: end)
              AND s.person_id IN (SELECT e.person_id FROM episodes e WHERE \(inYear))
            """
        ).all()
        var starts: [UUID: [LocalDate]] = [:]
        for row in plans {
            let fact = try row.json("payload", as: PlanFact.self, decoder: decoder)
            guard case .started(.childProtection) = fact else { continue }
            starts[try row.uuid("person_id"), default: []].append(try row.date("occurred_on"))
        }
        return CensusRecord(children: children, episodes: episodes, referrals: referrals, protectionPlanStarts: starts)
    }

    /// A step's census fact; the kinds whose date is all the census reads are not decoded (a strategy
    /// discussion's participants and notes are most of a history's bytes).
    static func censusFact(_ row: any SQLRow, decoder: JSONDecoder) throws -> CensusStepFact {
        switch try row.string("kind") {
        case "assessment_started": .assessmentStarted(on: try row.date("occurred_on"))
        case "strategy_discussion": .strategyDiscussion(on: try row.date("occurred_on"))
        case "closed": .closed(on: try row.date("occurred_on"))
        default: try CensusStepFact.stored(try row.string("payload"), decoder: decoder)
        }
    }

    /// The step kinds the census reads (visits and core groups are left in the database).
    static let censusStepKinds = [
        "assessment_started", "assessment_completed", "strategy_discussion", "s47_started", "s47_completed",
        "initial_conference", "review_conference", "plan_started", "plan_ended", "closed",
    ].map { "'\($0)'" }.joined(separator: ", ")
}
