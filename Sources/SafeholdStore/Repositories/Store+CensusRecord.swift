import Foundation
import SQLKit
import SafeholdCore

/// Reads what a year's census is built from in five queries, whatever the number of children: the episodes
/// open at any point in the year, their steps (only the kinds the census reads, up to the year's end), the
/// referrals decided as needing no further action in the year, the children concerned, and every child
/// protection plan start of those children (for NumberOfPreviousCPP). The caller decides access and audits.
///
/// A whole authority is a hundred thousand rows and more, so the database does the sifting: a step's payload
/// is read only for the kinds that need more than the step's date, and of a child's details only the members
/// the return carries are read out of the JSON (the names, addresses and aliases never leave the database).
extension Store {
    /// The record for `year`. The five reads are independent (none needs another's rows), so they run side by
    /// side, each on a connection of its own, and each decodes its own rows.
    func loadCensusRecord(_ year: CensusYear) async throws -> CensusRecord {
        let start = year.start.description, end = year.end.description
        let inYear: SQLQueryString =
            "e.referral_date <= \(bind: end) AND (e.closed_on IS NULL OR e.closed_on >= \(bind: start))"
        let nfa: SQLQueryString =
            "c.decision = 'referral_nfa' AND c.received_on >= \(bind: start) AND c.received_on <= \(bind: end)"
        // The steps are the longest read: split by the last character of the episode's id (random hex), so the
        // two halves run on two connections and two cores, each episode wholly in one half.
        async let firstSteps = withReadConnection("census") { db in
            try await self.censusSteps(inYear, end: end, half: "<", on: db)
        }
        async let secondSteps = withReadConnection("census") { db in
            try await self.censusSteps(inYear, end: end, half: ">=", on: db)
        }
        async let referrals = withReadConnection("census") { db in
            try await db.raw(
                """
                SELECT c.id, cc.person_id, c.received_on, c.source FROM contacts c
                JOIN contact_children cc ON cc.contact_id = c.id WHERE \(nfa)
                """
            ).all().map { row in
                CensusRecord.Referral(
                    contactId: try row.uuid("id"), personId: try row.uuid("person_id"),
                    receivedOn: try row.date("received_on"), source: try row.string("source"))
            }
        }
        async let children = withReadConnection("census") { db in
            try await self.censusChildren(inYear, nfa, on: db)
        }
        async let starts = withReadConnection("census") { db in
            try await self.censusProtectionPlanStarts(inYear, end: end, on: db)
        }
        let episodeRows = try await withReadConnection("census") { db in
            try await db.raw(
                """
                SELECT e.id, e.person_id, e.referral_date, e.referral_source, e.primary_need, e.closed_on,
                    e.closure_reason
                FROM episodes e WHERE \(inYear)
                """
            ).all()
        }
        let stepsByEpisode = try await firstSteps.merging(try await secondSteps) { $0 + $1 }
        let episodes = try episodeRows.map { row in
            let id = try row.uuid("id")
            return CensusRecord.Episode(
                id: id, personId: try row.uuid("person_id"), referralDate: try row.date("referral_date"),
                referralSource: try row.string("referral_source"), primaryNeed: try row.optionalString("primary_need"),
                closedOn: try row.optionalDate("closed_on"), closureReason: try row.optionalString("closure_reason"),
                steps: stepsByEpisode[id] ?? [])
        }
        return CensusRecord(
            children: try await children, episodes: episodes, referrals: try await referrals,
            protectionPlanStarts: try await starts)
    }

    /// The steps of one half of the year's episodes (`half` compares the last character of the episode's id with
    /// "8"), by episode in the order recorded: only the kinds the census reads, and the payload only of those
    /// whose date is not all it needs.
    private func censusSteps(
        _ inYear: SQLQueryString, end: String, half: String, on db: any SQLDatabase
    ) async throws -> [UUID: [CensusRecord.Step]] {
        precondition(half == "<" || half == ">=")
        let rows = try await db.raw(
            """
            SELECT s.id, s.episode_id, s.kind, s.occurred_on,
                CASE WHEN s.authorised_at IS NULL THEN 0 ELSE 1 END AS authorised,
                CASE WHEN s.kind IN (\(unsafeRaw: Self.censusDateOnlyKinds)) THEN NULL ELSE s.payload END AS payload
            FROM episode_steps s
            JOIN episodes e ON e.id = s.episode_id
            WHERE \(inYear) AND upper(substr(e.id, 36, 1)) \(unsafeRaw: half) '8'
              AND s.occurred_on <= \(bind: end) AND s.kind IN (\(unsafeRaw: Self.censusStepKinds))
            ORDER BY s.episode_id, s.position
            """
        ).all()
        return try Self.censusSteps(rows[...])
    }

    /// Steps by episode from rows in episode order: each episode's id is read once, not once for each step.
    private static func censusSteps(_ rows: ArraySlice<any SQLRow>) throws -> [UUID: [CensusRecord.Step]] {
        let decoder = JSONDecoder()
        var steps: [UUID: [CensusRecord.Step]] = [:]
        var episode: (text: String, id: UUID)?
        for row in rows {
            let text = try row.string("episode_id")
            if episode?.text != text { episode = (text, try row.uuid("episode_id")) }
            guard let id = episode?.id else { continue }
            steps[id, default: []].append(
                CensusRecord.Step(
                    id: try row.uuid("id"), authorised: try row.flag("authorised"),
                    fact: try censusFact(row, decoder: decoder)))
        }
        return steps
    }

    /// The children the year's episodes and no-further-action referrals concern, with their census facts.
    private func censusChildren(
        _ inYear: SQLQueryString, _ nfa: SQLQueryString, on db: any SQLDatabase
    ) async throws -> [CensusRecord.Child] {
        let decoder = JSONDecoder()
        return try await db.raw(
            """
            SELECT p.id, p.local_id, \(unsafeRaw: Self.censusFactColumns) FROM (
                SELECT p.id, p.local_id, \(unsafeRaw: database.dialect == .postgres ? "p.details::jsonb" : "p.details")
                    AS d
                FROM persons p
                WHERE p.id IN (SELECT e.person_id FROM episodes e WHERE \(inYear))
                   OR p.id IN (SELECT cc.person_id FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id
                               WHERE \(nfa))
            ) p
            """
        ).all().map { row in
            CensusRecord.Child(
                personId: try row.uuid("id"), localId: try row.string("local_id"),
                facts: try Self.censusPersonFacts(row, decoder: decoder))
        }
    }

    /// Every child protection plan start, in any year, of the children with an episode in the year.
    private func censusProtectionPlanStarts(
        _ inYear: SQLQueryString, end: String, on db: any SQLDatabase
    ) async throws -> [UUID: [LocalDate]] {
        let rows = try await db.raw(
            """
            SELECT s.person_id, s.occurred_on, s.payload FROM episode_steps s
            WHERE s.kind = 'plan_started' AND s.occurred_on <= \(bind: end)
              AND s.person_id IN (SELECT e.person_id FROM episodes e WHERE \(inYear))
            """
        ).all()
        let decoder = JSONDecoder()
        var starts: [UUID: [LocalDate]] = [:]
        for row in rows {
            guard try Self.startsProtectionPlan(try row.string("payload"), decoder: decoder) else { continue }
            starts[try row.uuid("person_id"), default: []].append(try row.date("occurred_on"))
        }
        return starts
    }

    /// A step's census fact; the kinds whose date is all the census reads come without their payload (a
    /// strategy discussion's participants and notes are most of a history's bytes).
    static func censusFact(_ row: any SQLRow, decoder: JSONDecoder) throws -> CensusStepFact {
        switch try row.string("kind") {
        case "assessment_started": .assessmentStarted(on: try row.date("occurred_on"))
        case "strategy_discussion": .strategyDiscussion(on: try row.date("occurred_on"))
        case "closed": .closed(on: try row.date("occurred_on"))
        default: try CensusStepFact.stored(try row.string("payload"), decoder: decoder)
        }
    }

    /// Whether a plan's start (its stored step) is a child protection plan's (`PlanFact.stored`).
    static func startsProtectionPlan(_ payload: String, decoder: JSONDecoder) throws -> Bool {
        do {
            guard case .started(.childProtection) = try PlanFact.stored(payload, decoder: decoder) else { return false }
            return true
        } catch let error as DecodingError {
            throw StoreError.corrupt("payload holds JSON that is not a PlanFact: \(error)")
        }
    }

    /// The step kinds the census reads (visits and core groups are left in the database).
    static let censusStepKinds = [
        "assessment_started", "assessment_completed", "strategy_discussion", "s47_started", "s47_completed",
        "initial_conference", "review_conference", "plan_started", "plan_ended", "closed",
    ].map { "'\($0)'" }.joined(separator: ", ")

    /// The kinds of which the census reads only the date (`censusFact`): their payload is not read.
    static let censusDateOnlyKinds = ["assessment_started", "strategy_discussion", "closed"].map { "'\($0)'" }
        .joined(separator: ", ")
}
