import Foundation
import SQLKit
import SafeholdCore

/// A look-up kept with the child: who asked, from where, and what they were told.
public struct PlanLookupEntry: Sendable, Equatable {
    public let at: Date
    public let userName: String
    public let agencyName: String
    public let setting: String
    public let answer: String
}

extension Store {
    /// Answers unscheduled care's question "is this child on a plan or looked after?" for the person
    /// with this NHS number and date of birth: the flags, the start date and the responsible team's duty
    /// telephone, nothing else. No match, a wrong check digit, or a child with no flag all give the same
    /// `noInformation`. A match is kept with the child (and audited against them) and notifies its
    /// allocated workers, or the allocated team's managers when no worker holds the child.
    public func lookUpPlan(_ request: PlanLookupRequest, context: AuditContext) async throws -> PlanLookupAnswer {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = policy.mayLookUpPlans(actor) {
            try await audit.recordReads([context.event(.denied, "plan_lookup", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        return try await database.transaction { db in
            let matches: [UUID] =
                if let nhs = request.nhsNumber {
                    try await db.raw(
                        """
                        SELECT id FROM persons WHERE nhs_number = \(bind: nhs.digits)
                        AND date_of_birth = \(bind: request.dateOfBirth.description) ORDER BY created_at
                        """
                    ).all().map { try $0.uuid("id") }
                } else { [] }
            guard !matches.isEmpty else {
                try await self.audit.append(
                    [context.event(.search, "plan_lookup", detail: "no match (\(request.setting))")], on: db)
                return .noInformation
            }
            var answer = PlanLookupAnswer.noInformation
            for person in matches {
                let found = try await self.planStatus(of: person, on: db)
                if case .known = found.answer { answer = found.answer }
                try await self.keepLookup(
                    person, answer: found.answer, notify: found.holders, request: request, actor: actor,
                    context: context, on: db)
            }
            return answer
        }
    }

    /// The look-ups of a child, newest first (the last 25 are kept on the child's page).
    func planLookups(of person: UUID, limit: Int = 25, on db: any SQLDatabase) async throws -> [PlanLookupEntry] {
        try await db.raw(
            """
            SELECT at, user_name, agency_name, setting, answer FROM plan_lookups
            WHERE person_id = \(bind: person.db) ORDER BY at DESC LIMIT \(literal: limit)
            """
        ).all().map {
            PlanLookupEntry(
                at: try $0.timestamp("at"), userName: try $0.string("user_name"),
                agencyName: try $0.string("agency_name"), setting: try $0.string("setting"),
                answer: try $0.string("answer"))
        }
    }

    /// The answer for one person, and the children whose holders are told of the look-up.
    private func planStatus(
        of person: UUID, on db: any SQLDatabase
    ) async throws -> (answer: PlanLookupAnswer, holders: [UUID]) {
        let own = try await openProtectionPlanStarts(of: person, on: db)
        let lookedAfter = try await db.raw(
            """
            SELECT started_on FROM looked_after_periods WHERE person_id = \(bind: person.db) AND ended_on IS NULL
            ORDER BY started_on LIMIT 1
            """
        ).first().map { try $0.date("started_on") }
        let unborn = try await db.raw(
            """
            SELECT r.related_person_id AS child FROM relationships r JOIN persons p ON p.id = r.related_person_id
            WHERE r.person_id = \(bind: person.db) AND r.kind = 'mother' AND p.kind = 'unborn'
            """
        ).all().map { try $0.uuid("child") }
        var unbornStarts: [LocalDate] = []
        var flaggedUnborn: [UUID] = []
        for child in unborn {
            let starts = try await openProtectionPlanStarts(of: child, on: db)
            if !starts.isEmpty { flaggedUnborn.append(child) }
            unbornStarts += starts
        }
        let responsible = flaggedUnborn.first ?? person
        let team = try await responsibleTeam(of: responsible, on: db)
        let answer = PlanLookupAnswer.decide(
            ownPlanStarts: own, lookedAfterSince: lookedAfter, unbornPlanStarts: unbornStarts, team: team)
        // A mother looked up for her unborn child: the unborn child's holders are the ones to tell.
        return (answer, flaggedUnborn.isEmpty ? [person] : flaggedUnborn)
    }

    private func openProtectionPlanStarts(of person: UUID, on db: any SQLDatabase) async throws -> [LocalDate] {
        try await loadEpisodes(of: person, ruleset: ruleset, on: db).compactMap {
            $0.state.isClosed ? nil : $0.state.openPlan(.childProtection)?.startedOn
        }
    }

    /// The allocated team and its duty telephone; else the front door's team, which takes every call.
    private func responsibleTeam(of person: UUID, on db: any SQLDatabase) async throws -> (String, String) {
        let allocated = try await db.raw(
            """
            SELECT t.name, t.duty_phone FROM allocations a JOIN teams t ON t.id = a.team_id
            WHERE a.person_id = \(bind: person.db) AND a.ended_at IS NULL ORDER BY a.started_at DESC LIMIT 1
            """
        ).first()
        let frontDoor: (any SQLRow)? =
            allocated != nil
            ? nil
            : try await db.raw(
                """
                SELECT t.name, t.duty_phone FROM teams t JOIN users u ON u.team_id = t.id
                WHERE u.role = 'front_door' ORDER BY t.name LIMIT 1
                """
            ).first()
        let row = allocated ?? frontDoor
        guard let row else { return ("Children's services front door", "Ask the local authority's switchboard") }
        return (try row.string("name"), try row.optionalString("duty_phone") ?? "Ask the team's switchboard")
    }

    /// Keeps the look-up with the person matched and each unborn child it reported, notifies those
    /// who hold them, and audits the read against each.
    private func keepLookup(
        _ person: UUID, answer: PlanLookupAnswer, notify children: [UUID], request: PlanLookupRequest, actor: Actor,
        context: AuditContext, on db: any SQLDatabase
    ) async throws {
        let now = Timestamp.string(clock.now())
        let agency =
            try await db.raw("SELECT name FROM agencies WHERE id = \(bind: actor.agencyId.db)").first()?.string("name")
            ?? "unknown agency"
        var events: [AuditEvent] = []
        for kept in [person] + children.filter({ $0 != person }) {
            let id = ids.next()
            try await db.raw(
                """
                INSERT INTO plan_lookups (id, person_id, user_id, user_name, agency_name, setting, answer, at)
                VALUES (\(bind: id.db), \(bind: kept.db), \(bind: actor.userId.db), \(bind: actor.displayName),
                    \(bind: agency), \(bind: request.setting), \(bind: answer.summary), \(bind: now))
                """
            ).run()
            events.append(
                context.event(
                    .read, "plan_lookup", entityId: id, personId: kept, detail: "\(request.setting): \(answer.summary)")
            )
        }
        let name = try await personSummary(person, on: db).displayName
        for child in children {
            try await notifyHolders(
                of: child, .planLookup,
                "\(actor.displayName) (\(agency), \(request.setting)) looked up \(name): \(answer.summary)", on: db)
        }
        try await audit.append(events, on: db)
    }
}
