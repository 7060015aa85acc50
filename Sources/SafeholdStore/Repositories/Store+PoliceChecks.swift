import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The actor, when they are a police officer in a team; otherwise a refusal.
    func policeActor(_ context: AuditContext) throws -> Actor {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        guard actor.role == .police, actor.teamId != nil else { throw SafeholdError.forbidden(Self.policeOnly) }
        return actor
    }

    /// Officer and supervisor must be active police users of the actor's force.
    func checkOfficers(officer: UUID, supervisor: UUID, actor: Actor, on db: any SQLDatabase) async throws {
        var v = Validation()
        for (field, id) in [("officerId", officer), ("supervisorId", supervisor)] {
            let row = try await db.raw(
                """
                SELECT 1 AS x FROM users WHERE id = \(bind: id.db) AND role = 'police' AND active = 1
                AND agency_id = \(bind: actor.agencyId.db)
                """
            ).first()
            if row == nil { v.add(field, "must be a police officer of your force") }
        }
        try v.check()
    }

    /// Every offence must be an active code on the list.
    func checkOffences(_ codes: [String], on db: any SQLDatabase) async throws {
        guard !codes.isEmpty else { return }
        let known = Set(
            try await db.raw("SELECT code FROM offence_codes WHERE active = 1").all().map { try $0.string("code") })
        let unknown = codes.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw SafeholdError.invalid([
                FieldError(
                    "offences",
                    "\(unknown.map(Validation.shown).joined(separator: ", ")) is not on the offence code list")
            ])
        }
    }

    /// Crime and incident references are unique within a force: one already used (by another
    /// investigation than `id`) is refused naming its field, before the unique index would turn it into
    /// an anonymous conflict.
    func checkReferencesUnused(
        _ draft: InvestigationDraft, agency: UUID, except id: UUID? = nil, on db: any SQLDatabase
    ) async throws {
        var v = Validation()
        for (field, column, value) in [
            ("crimeReference", "crime_reference", draft.crimeReference),
            ("incidentReference", "incident_reference", draft.incidentReference),
        ] {
            guard let value else { continue }
            let rows = try await db.raw(
                """
                SELECT id FROM investigations
                WHERE agency_id = \(bind: agency.db) AND \(unsafeRaw: column) = \(bind: value)
                """
            ).all()
            if try rows.contains(where: { try $0.uuid("id") != id }) {
                v.add(field, "is already the reference of another investigation in your force")
            }
        }
        try v.check()
    }

    /// Every person must exist and be one the actor may at least find by name (a restricted record
    /// they may not see is answered as unknown, like a missing one).
    func requireFindable(_ people: [UUID], field: String, actor: Actor, on db: any SQLDatabase) async throws {
        for person in people {
            let exists = try await db.raw("SELECT 1 AS x FROM persons WHERE id = \(bind: person.db)").first() != nil
            let findable = exists ? policy.decide(actor, .findByName, try await facts(person, on: db)).isAllowed : false
            if !findable {
                throw SafeholdError.invalid([FieldError(field, "\(person) is not a person known to Safehold")])
            }
        }
    }

    /// The operation must be one the actor's team holds.
    func requireOwnOperation(_ id: UUID, team: UUID, on db: any SQLDatabase) async throws {
        let row = try await db.raw(
            "SELECT 1 AS x FROM operations WHERE id = \(bind: id.db) AND team_id = \(bind: team.db)"
        ).first()
        if row == nil { throw SafeholdError.invalid([FieldError("operationId", "is not an operation of your team")]) }
    }

    /// The investigation as stored, with its people.
    func loadInvestigation(_ id: UUID, on db: any SQLDatabase) async throws -> Investigation {
        guard
            let row = try await db.raw("SELECT * FROM investigations WHERE id = \(bind: id.db)").first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        let people = try await db.raw(
            """
            SELECT person_id, role, relationship_to_child FROM investigation_people
            WHERE investigation_id = \(bind: id.db) ORDER BY added_at, person_id
            """
        ).all().map {
            InvestigationPerson(
                personId: try $0.uuid("person_id"), role: try $0.code("role"),
                relationshipToChild: try $0.optionalString("relationship_to_child"))
        }
        return try Self.investigation(row, people: people)
    }

    static func investigation(_ row: any SQLRow, people: [InvestigationPerson]) throws -> Investigation {
        Investigation(
            id: try row.uuid("id"), agencyId: try row.uuid("agency_id"), teamId: try row.uuid("team_id"),
            crimeReference: try row.optionalString("crime_reference"),
            incidentReference: try row.optionalString("incident_reference"),
            offences: try row.json("offences", as: [String].self), officerId: try row.optionalUUID("officer_id"),
            supervisorId: try row.optionalUUID("supervisor_id"), status: try row.code("status"), people: people,
            episodeId: try row.optionalUUID("episode_id"),
            strategyDiscussionId: try row.optionalUUID("strategy_step_id"),
            jointEnquiryOpen: try row.flag("joint_open"), operationId: try row.optionalUUID("operation_id"),
            summary: try row.string("summary"), intelligence: try row.optionalString("intelligence"),
            openedAt: try row.timestamp("opened_at"), version: try row.int("version"))
    }
}
