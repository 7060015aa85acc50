import Foundation
import SQLKit
import SafeholdCore

/// An escalation as one reader may see it: the raiser is shown the escalation and the child's name;
/// the child's social care team also answers it.
public struct EscalationView: Sendable {
    public let escalation: Escalation
    public let standing: EscalationStanding
    /// Whether the reader may open the child's record (a link to it is shown only then).
    public let canViewChild: Bool
}

extension Store {
    /// One escalation, for its raiser or those who answer it; anyone else gets the one 404.
    public func escalation(_ id: UUID, context: AuditContext) async throws -> EscalationView {
        try await act(on: .escalation(id), .view, "escalation", context: context) { db, access in
            guard let facts = try await self.escalationFacts(id, children: access.children, on: db),
                let standing = self.policy.standing(access.actor, facts.escalation)
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            return EscalationView(
                escalation: try await self.loadEscalation(id, on: db), standing: standing,
                canViewChild: self.policy.decide(access.actor, .view, facts.escalation.child).isAllowed)
        }
    }

    /// The escalations the user raised or answers (sent to their team, or about a child they hold),
    /// open first, newest first; each one audited against its child.
    public func escalations(context: AuditContext, limit: Int = 200) async throws -> [Escalation] {
        try await list("escalation", detail: "my escalations", context: context, people: { [$0.personId] }) {
            db, scope in
            let holder = scope.only(self.policy.escalationHolderScope(for: scope.actor))
            let team: SQLQueryString =
                scope.actor.role.isChildrensSocialCare && scope.actor.teamId != nil
                ? "(e.team_id = \(bind: scope.actor.teamId!.db) AND p.restricted = 0)" : "1 = 0"
            let ids = try await db.raw(
                """
                SELECT e.id FROM escalations e JOIN persons p ON p.id = e.person_id
                WHERE e.raised_by = \(bind: scope.actor.userId.db) OR \(team) OR \(holder)
                ORDER BY CASE WHEN e.outcome IS NULL THEN 0 ELSE 1 END, e.created_at DESC LIMIT \(literal: limit)
                """
            ).all().map { try $0.uuid("id") }
            return try await self.loadEscalations(ids, on: db)
        }
    }

    /// The escalations about a child that `actor` stands to (all of them for its holders, their own
    /// for anyone else who may open the record), for the child's page.
    func escalations(of childId: UUID, access: RecordAccess, on db: any SQLDatabase) async throws -> [Escalation] {
        let rows = try await db.raw(
            """
            SELECT id, raised_by, team_id FROM escalations WHERE person_id = \(bind: childId.db)
            ORDER BY created_at DESC
            """
        ).all()
        guard let facts = access.facts[childId] else { return [] }
        let standing = try rows.filter {
            let these = EscalationFacts(
                raisedBy: try $0.uuid("raised_by"), respondingTeamId: try $0.uuid("team_id"), child: facts)
            return policy.standing(access.actor, these) != nil
        }
        return try await loadEscalations(try standing.map { try $0.uuid("id") }, on: db)
    }

    /// The stages and their response times, as held in `escalation_stages`.
    public func escalationStages() async throws -> [EscalationStage] {
        try await database.withConnection { db in try await self.escalationStages(on: db) }
    }

    func escalationStages(on db: any SQLDatabase) async throws -> [EscalationStage] {
        try await db.raw("SELECT stage, label, response_working_days FROM escalation_stages ORDER BY stage").all()
            .map {
                EscalationStage(
                    number: try $0.int("stage"), label: try $0.string("label"),
                    responseWorkingDays: try $0.int("response_working_days"))
            }
    }

    func escalationStage(_ number: Int, on db: any SQLDatabase) async throws -> EscalationStage {
        guard let stage = try await escalationStages(on: db).first(where: { $0.number == number }) else {
            throw SafeholdError.conflict("Escalation stage \(number) is not set up. Ask an administrator.")
        }
        return stage
    }

    func loadEscalation(_ id: UUID, on db: any SQLDatabase) async throws -> Escalation {
        guard let escalation = try await loadEscalations([id], on: db).first else {
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        return escalation
    }

    /// Escalations by id in three queries (the stages, the escalations with their child's name, their
    /// steps), in the order asked; ids with no escalation are left out.
    func loadEscalations(_ ids: [UUID], on db: any SQLDatabase) async throws -> [Escalation] {
        guard !ids.isEmpty else { return [] }
        let keys = ids.map(\.db)
        let stages = Dictionary(uniqueKeysWithValues: try await escalationStages(on: db).map { ($0.number, $0) })
        var steps: [UUID: [Escalation.Step]] = [:]
        for s in try await db.raw(
            "SELECT * FROM escalation_steps WHERE escalation_id IN (\(binds: keys)) ORDER BY escalation_id, stage"
        ).all() {
            let number = try s.int("stage")
            steps[try s.uuid("escalation_id"), default: []].append(
                Escalation.Step(
                    stage: stages[number]
                        ?? EscalationStage(number: number, label: "Stage \(number)", responseWorkingDays: 0),
                    startedOn: try s.date("started_on"), dueOn: try s.date("due_on"), reason: try s.string("reason"),
                    movedBy: try s.string("moved_by_name"), response: try s.optionalString("response"),
                    respondedBy: try s.optionalString("responded_by_name"),
                    respondedOn: try s.optionalDate("responded_on")))
        }
        var byId: [UUID: Escalation] = [:]
        for r in try await db.raw(
            """
            SELECT e.*, \(unsafeRaw: Self.summaryColumns), 1 AS can_view FROM escalations e
            JOIN persons p ON p.id = e.person_id WHERE e.id IN (\(binds: keys))
            """
        ).all() {
            let id = try r.uuid("id")
            let resolution = try r.optionalCode("outcome", as: EscalationOutcome.self).map {
                Escalation.Resolution(
                    outcome: $0, note: try r.optionalString("outcome_note") ?? "",
                    byName: try r.optionalString("resolved_by_name") ?? "", on: try r.date("resolved_on"))
            }
            byId[id] = Escalation(
                id: id, personId: try r.uuid("person_id"), childName: try Self.summary(r).displayName,
                raisedBy: try r.uuid("raised_by"), raisedByName: try r.string("raised_by_name"),
                raisedByAgency: try r.string("raised_by_agency"), raisedOn: try r.date("raised_on"),
                decision: try r.string("decision"), linkedRecordId: try r.optionalUUID("linked_record_id"),
                linkedRecordLabel: try r.optionalString("linked_record_label"),
                disagreement: try r.string("disagreement"), desiredOutcome: try r.string("desired_outcome"),
                steps: steps[id] ?? [], resolution: resolution, version: try r.int("version"))
        }
        return ids.compactMap { byId[$0] }
    }

    /// How a contact or step on the child's record reads, to keep with an escalation about it; a record
    /// that is not on this child's record is refused naming the field.
    func linkedLabel(_ record: UUID, of childId: UUID, on db: any SQLDatabase) async throws -> String {
        if let row = try await db.raw(
            """
            SELECT c.received_on, c.decision FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id
            WHERE c.id = \(bind: record.db) AND cc.person_id = \(bind: childId.db)
            """
        ).first() {
            let decision = try row.optionalCode("decision", as: TriageDecision.self)
            return "Contact received \(try row.date("received_on").display)"
                + (decision.map { ": decision \($0.label)" } ?? ": awaiting decision")
        }
        if let row = try await db.raw(
            """
            SELECT payload FROM episode_steps WHERE id = \(bind: record.db) AND person_id = \(bind: childId.db)
            """
        ).first() {
            let step = try row.step(decoder: JSONDecoder())
            return "\(step.title), \(step.date.display)"
        }
        throw SafeholdError.invalid([
            FieldError("linkedRecordId", "is not a contact or step on this child's record")
        ])
    }

    /// The team an escalation about the child goes to: the allocated team, else the front door's.
    func respondingTeam(of childId: UUID, on db: any SQLDatabase) async throws -> UUID? {
        if let row = try await db.raw(
            """
            SELECT team_id FROM allocations WHERE person_id = \(bind: childId.db) AND ended_at IS NULL
            AND team_id IS NOT NULL ORDER BY started_at DESC LIMIT 1
            """
        ).first() {
            return try row.uuid("team_id")
        }
        return try await db.raw(
            """
            SELECT t.id FROM teams t JOIN users u ON u.team_id = t.id
            WHERE u.role = 'front_door' AND u.active = 1 ORDER BY t.name LIMIT 1
            """
        ).first().map { try $0.uuid("id") }
    }

    /// Tells the child's holders, and (at stage 2 and 3, or when no worker holds the child) the
    /// responding team's managers.
    func notifyResponders(
        child: UUID, team: UUID, stage: Int, _ text: String, on db: any SQLDatabase
    ) async throws {
        let told = try await notifyHolders(of: child, .escalation, text, on: db)
        guard stage >= 2 || told.isEmpty else { return }
        let managers = try await db.raw(
            """
            SELECT id FROM users WHERE team_id = \(bind: team.db) AND role = 'team_manager' AND active = 1
            """
        ).all().map { try $0.uuid("id") }
        let teamMembers =
            managers.isEmpty
            ? try await db.raw(
                """
                SELECT id FROM users WHERE team_id = \(bind: team.db) AND active = 1
                AND role IN ('social_worker', 'front_door', 'team_manager')
                """
            ).all().map { try $0.uuid("id") } : managers
        try await notify(teamMembers.filter { !told.contains($0) }, .escalation, about: child, text, on: db)
    }
}

/// What the form to raise an escalation about a child shows: the child's name and the contacts and
/// steps on the record an escalation may name, newest first.
public struct EscalationSubject: Sendable {
    public struct Record: Sendable {
        public let id: UUID
        public let label: String
    }
    public let childName: String
    public let records: [Record]
}

extension Store {
    /// The child's name and the decisions on the record (contacts and steps), for one who may raise an
    /// escalation about the child (who may open the record); an audited read.
    public func escalationSubject(_ childId: UUID, context: AuditContext) async throws -> EscalationSubject {
        try await act(on: .person(childId), .view, "escalation", context: context) { db, _ in
            var records: [(LocalDate, EscalationSubject.Record)] = []
            for row in try await db.raw(
                """
                SELECT c.id, c.received_on, c.decision FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id
                WHERE cc.person_id = \(bind: childId.db)
                """
            ).all() {
                let decision = try row.optionalCode("decision", as: TriageDecision.self)
                let on = try row.date("received_on")
                let label =
                    "\(on.display): contact" + (decision.map { ", decision \($0.label)" } ?? ", awaiting decision")
                records.append((on, .init(id: try row.uuid("id"), label: label)))
            }
            for row in try await db.raw(
                "SELECT id, payload FROM episode_steps WHERE person_id = \(bind: childId.db) ORDER BY position"
            ).all() {
                let step = try row.step(decoder: JSONDecoder())
                records.append((step.date, .init(id: try row.uuid("id"), label: "\(step.date.display): \(step.title)")))
            }
            return EscalationSubject(
                childName: try await self.personSummary(childId, on: db).displayName,
                records: records.sorted { $0.0 > $1.0 }.map(\.1))
        }
    }
}
