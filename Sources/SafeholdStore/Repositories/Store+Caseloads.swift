import Foundation
import SQLKit
import SafeholdCore

/// Team caseloads weighed by the ruleset (`Ruleset.workforce.caseload`): each member's children with
/// the stage each is at (derived from the record's episodes, plans and looked-after periods), sibling
/// groups weighed together, and the children the team holds with no worker. Four queries per page
/// whatever the number of children: the teams, their members, the current allocations, and the open
/// episodes' plan steps with the sibling links among those children.
extension Store {
    /// One team's caseloads with every child named (each audited as listed): the team's own managers only.
    public func teamCaseload(_ team: UUID, context: AuditContext) async throws -> TeamCaseload {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard CaseloadAccess.caseloadView(actor, team: team) == .children else {
            try await audit.recordReads([context.event(.denied, "caseload", entityId: team, detail: "team caseload")])
            throw SafeholdError.forbidden("Only the team's own managers see its caseloads child by child.")
        }
        let loaded = try await list(
            "caseload", detail: "team caseload", context: context,
            people: { (t: TeamCaseload) in
                t.workers.flatMap { $0.children.map(\.personId) } + t.unallocated.map(\.personId)
            }
        ) { db, scope in try await self.loadCaseloads([team], scope: scope, on: db) }
        guard let first = loaded.first else { throw SafeholdError.notFound("There is no such team.") }
        return first
    }

    /// Each team's caseloads in figures (children, weighted total, over capacity per worker; unallocated
    /// children per team), naming no child: a team's managers for their team, administrators for any.
    public func caseloads(teams: [UUID], context: AuditContext) async throws -> [TeamCaseloadSummary] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        for team in teams where CaseloadAccess.caseloadView(actor, team: team) == nil {
            try await audit.recordReads([context.event(.denied, "caseload", entityId: team, detail: "caseload figures")]
            )
            throw SafeholdError.forbidden("Only the team's managers and administrators see its caseloads.")
        }
        return try await list("caseload", detail: "caseload figures", context: context, people: { _ in [] }) {
            db, scope in try await self.loadCaseloads(teams, scope: scope, on: db).map(\.summary)
        }
    }

    /// One team's caseloads in figures (see `caseloads(teams:)`).
    public func caseloads(team: UUID, context: AuditContext) async throws -> TeamCaseloadSummary? {
        try await caseloads(teams: [team], context: context).first
    }

    func loadCaseloads(_ teams: [UUID], scope: ListScope, on db: any SQLDatabase) async throws -> [TeamCaseload] {
        guard !teams.isEmpty else { return [] }
        let ids = teams.map(\.db)
        let teamRows = try await db.raw(
            """
            SELECT t.id, t.name, a.name AS agency_name FROM teams t JOIN agencies a ON a.id = t.agency_id
            WHERE t.id IN (\(binds: ids)) ORDER BY t.name
            """
        ).all()
        let members = try await db.raw(
            """
            SELECT u.id, u.display_name, u.role, u.team_id, a.name AS agency_name FROM users u
            JOIN agencies a ON a.id = u.agency_id WHERE u.team_id IN (\(binds: ids)) AND u.active = 1
            ORDER BY u.display_name
            """
        ).all()
        let held = try await db.raw(
            """
            SELECT a.id, a.person_id, a.team_id, a.worker_id, a.started_at, p.local_id, p.given_name, p.family_name,
                CASE WHEN \(scope.view) THEN 1 ELSE 0 END AS visible,
                CASE WHEN EXISTS (SELECT 1 FROM looked_after_periods l WHERE l.person_id = p.id AND l.ended_on IS NULL)
                    THEN 1 ELSE 0 END AS looked_after
            FROM allocations a JOIN persons p ON p.id = a.person_id
            WHERE a.team_id IN (\(binds: ids)) AND a.ended_at IS NULL AND p.kind IN ('child', 'unborn')
            ORDER BY p.family_name, p.given_name, p.id
            """
        ).all()
        let work = try await caseWork(teams: ids, on: db)
        let weighting = ruleset.workforce.caseload
        // Rows grouped by team once, and sibling pairs by child, so a page of every team stays linear in its rows.
        let heldByTeam = try Dictionary(grouping: held) { try $0.uuid("team_id") }
        let membersByTeam = try Dictionary(grouping: members) { try $0.uuid("team_id") }
        var pairsByChild: [UUID: [(UUID, UUID)]] = [:]
        for pair in work.siblings {
            pairsByChild[pair.0, default: []].append(pair)
            pairsByChild[pair.1, default: []].append(pair)
        }
        var result: [TeamCaseload] = []
        for teamRow in teamRows {
            let team = try teamRow.uuid("id")
            let teamHeld = heldByTeam[team] ?? [], teamMembers = membersByTeam[team] ?? []
            var byWorker: [UUID: [CaseloadChild]] = [:]
            var teamOnly: [UUID: CaseloadChild] = [:]
            var withWorker = Set<UUID>()
            // A child whose worker is no longer an active member (a record from before allocations were
            // checked) waits in the team for a worker like any unallocated child.
            let active = Set(try teamMembers.map { try $0.uuid("id") })
            for row in teamHeld {
                let person = try row.uuid("person_id")
                let name = [try row.optionalString("given_name"), try row.optionalString("family_name")]
                    .compactMap { $0 }.joined(separator: " ")
                let child = CaseloadChild(
                    personId: person, name: try row.flag("visible") ? name : nil, localId: try row.string("local_id"),
                    stage: CaseStage.derive(
                        lookedAfter: try row.flag("looked_after"), openPlans: work.plans[person] ?? [],
                        openEpisode: work.openEpisodes.contains(person)),
                    allocationId: try row.uuid("id"), since: try row.timestamp("started_at"))
                if let worker = try row.optionalUUID("worker_id"), active.contains(worker) {
                    if !(byWorker[worker]?.contains { $0.personId == person } ?? false) {
                        byWorker[worker, default: []].append(child)
                    }
                    withWorker.insert(person)
                } else if teamOnly[person] == nil {
                    teamOnly[person] = child
                }
            }
            var workers: [WorkerCaseload] = []
            for member in teamMembers {
                let role = try member.code("role", as: Role.self)
                let id = try member.uuid("id")
                let children = byWorker[id] ?? []
                guard CaseloadAccess.holdsCases(role) || !children.isEmpty else { continue }
                let stages = Dictionary(children.map { ($0.personId, $0.stage) }, uniquingKeysWith: { a, _ in a })
                let pairs = children.flatMap { pairsByChild[$0.personId] ?? [] }
                workers.append(
                    WorkerCaseload(
                        workerId: id, workerName: try member.string("display_name"), role: role,
                        agencyName: try member.string("agency_name"), children: children,
                        weighted: weighting.weigh(stages, siblingPairs: pairs), capacity: weighting.capacity))
            }
            let unallocated = teamHeld.compactMap { row -> CaseloadChild? in
                guard let person = try? row.uuid("person_id"), !withWorker.contains(person) else { return nil }
                return teamOnly.removeValue(forKey: person)
            }
            result.append(
                TeamCaseload(
                    teamId: team, teamName: try teamRow.string("name"), agencyName: try teamRow.string("agency_name"),
                    workers: workers, unallocated: unallocated))
        }
        return result
    }

    /// The open plans and open episodes of every child the teams hold, and the sibling pairs among them
    /// (a sibling link, or a parent they share), in one query.
    private func caseWork(
        teams ids: [String], on db: any SQLDatabase
    ) async throws -> (plans: [UUID: Set<PlanKind>], openEpisodes: Set<UUID>, siblings: [(UUID, UUID)]) {
        let rows = try await db.raw(Self.caseWorkQuery(teams: ids)).all()
        var siblings: [(UUID, UUID)] = []
        var episodes: [UUID: (child: UUID, facts: [(step: UUID, fact: PlanFact)])] = [:]
        let decoder = JSONDecoder()
        for row in rows {
            if try row.string("fact") == "r" {
                siblings.append((try row.uuid("a"), try row.uuid("b")))
                continue
            }
            let episode = try row.uuid("episode")
            if episodes[episode] == nil { episodes[episode] = (try row.uuid("a"), []) }
            if let step = try row.optionalUUID("step") {
                episodes[episode]?.facts.append((step, try row.stored("payload", PlanFact.stored, decoder: decoder)))
            }
        }
        var plans: [UUID: Set<PlanKind>] = [:]
        var open = Set<UUID>()
        for episode in episodes.values {
            open.insert(episode.child)
            plans[episode.child, default: []].formUnion(PlanFact.openPlans(episode.facts))
        }
        return (plans, open, siblings)
    }

    /// The statement `caseWork` runs: every open episode of the teams' children with its plan steps, and the sibling
    /// pairs among those children. Built here so a test can read its query plan.
    static func caseWorkQuery(teams ids: [String]) -> SQLQueryString {
        let siblingKinds = RelationshipKind.allCases.filter(\.isSibling).map(\.rawValue)
        let parentKinds = RelationshipKind.allCases.filter(\.isParent).map(\.rawValue)
        // Only conferences that end a plan matter to which plans are open; steps are stored as JSON with
        // sorted keys and no spaces, and a free-text field cannot hold this unescaped.
        let endsPlan = "%\"decision\":\"\(ConferenceDecision.endPlan.rawValue)\"%"
        // The plan steps are read through their own index (migration 32), whose condition the join repeats as written.
        // The held children are joined, never probed with two IN lists: SQLite plans
        // `person_id IN (held) AND related_person_id IN (held)` as a probe of every pair (quadratic).
        return
            """
            WITH held(id) AS (
                SELECT DISTINCT person_id FROM allocations WHERE team_id IN (\(binds: ids)) AND ended_at IS NULL)
            SELECT 's' AS fact, e.person_id AS a, CAST(NULL AS TEXT) AS b, e.id AS episode, s.id AS step, s.payload,
                s.position
            FROM held h JOIN episodes e ON e.person_id = h.id LEFT JOIN episode_steps s ON s.episode_id = e.id
                AND s.\(unsafeRaw: Migration032PlanSteps.planKinds)
                AND (s.kind IN ('plan_started', 'plan_ended')
                    OR (s.kind IN ('initial_conference', 'review_conference') AND s.payload LIKE \(bind: endsPlan)))
            WHERE e.closed_on IS NULL
            UNION ALL
            SELECT 'r', r.person_id, r.related_person_id, NULL, NULL, NULL, NULL
            FROM held h1 JOIN relationships r ON r.person_id = h1.id JOIN held h2 ON h2.id = r.related_person_id
            WHERE r.kind IN (\(binds: siblingKinds))
            UNION ALL
            SELECT 'r', r1.related_person_id, r2.related_person_id, NULL, NULL, NULL, NULL
            FROM held h1 JOIN relationships r1 ON r1.related_person_id = h1.id
                JOIN relationships r2 ON r2.person_id = r1.person_id AND r2.related_person_id <> r1.related_person_id
                JOIN held h2 ON h2.id = r2.related_person_id
            WHERE r1.kind IN (\(binds: parentKinds)) AND r2.kind IN (\(binds: parentKinds))
            ORDER BY 1, 4, 7
            """
    }
}
