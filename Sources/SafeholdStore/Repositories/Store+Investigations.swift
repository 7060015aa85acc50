import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The offences on the code list, as kept in the database.
    public func offenceCodes() async throws -> [OffenceCode] {
        try await database.withConnection { db in
            try await db.raw("SELECT code, label FROM offence_codes WHERE active = 1 ORDER BY code").all().map {
                OffenceCode(code: try $0.string("code"), label: try $0.string("label"))
            }
        }
    }

    /// Opens an investigation held by the acting police officer's team. Officer and supervisor must be
    /// police officers of the same force; offences must be on the code list; every person named must be
    /// one the officer may find. Audited against every child (victim or witness) on it.
    public func openInvestigation(_ draft: InvestigationDraft, context: AuditContext) async throws -> Investigation {
        let actor = try policeActor(context)
        let draft = try draft.validated()
        guard let team = actor.teamId else { throw SafeholdError.forbidden(Self.policeOnly) }
        return try await database.transaction { db in
            try await self.checkOfficers(officer: draft.officerId, supervisor: draft.supervisorId, actor: actor, on: db)
            try await self.checkOffences(draft.offences, on: db)
            try await self.checkReferencesUnused(draft, agency: actor.agencyId, on: db)
            try await self.requireFindable(draft.people.map(\.personId), field: "people", actor: actor, on: db)
            if let operation = draft.operationId {
                try await self.requireOwnOperation(operation, team: team, on: db)
            }
            let investigation = Investigation(
                id: self.ids.next(), agencyId: actor.agencyId, teamId: team, crimeReference: draft.crimeReference,
                incidentReference: draft.incidentReference, offences: draft.offences, officerId: draft.officerId,
                supervisorId: draft.supervisorId, status: .reported, people: draft.people, episodeId: nil,
                strategyDiscussionId: nil, jointEnquiryOpen: false, operationId: draft.operationId,
                summary: draft.summary, intelligence: draft.intelligence, openedAt: self.clock.now(), version: 1)
            try await self.checkOfficerGate(
                officer: draft.officerId, offences: draft.offences, previous: nil,
                usedFor: "investigation \(investigation.id)", context: context, on: db)
            try await self.insert(investigation, actor: actor, on: db)
            try await self.audit.append(
                investigation.childIds.map {
                    context.event(.create, "investigation", entityId: investigation.id, personId: $0)
                }, on: db)
            return investigation
        }
    }

    /// Changes references, offences, officers and text of an investigation its team holds; a stale
    /// version is a conflict.
    public func updateInvestigation(
        _ id: UUID, _ draft: InvestigationDraft, expectedVersion: Int, context: AuditContext
    ) async throws -> Investigation {
        var v = Validation()
        v.version("expectedVersion", expectedVersion)
        try v.check()
        let draft = try draft.validated()
        return try await act(on: .investigation(id), .edit, "investigation", context: context) { db, access in
            try await self.checkOfficers(
                officer: draft.officerId, supervisor: draft.supervisorId, actor: access.actor, on: db)
            try await self.checkOffences(draft.offences, on: db)
            let current = try await self.loadInvestigation(id, on: db)
            try await self.checkReferencesUnused(draft, agency: current.agencyId, except: id, on: db)
            let added = draft.people.filter { p in !current.people.contains { $0.personId == p.personId } }
            try await self.requireFindable(added.map(\.personId), field: "people", actor: access.actor, on: db)
            try await self.checkOfficerGate(
                officer: draft.officerId, offences: draft.offences, previous: current, usedFor: "investigation \(id)",
                context: context, on: db)
            let updated = try await db.raw(
                """
                UPDATE investigations SET crime_reference = \(bind: draft.crimeReference),
                    incident_reference = \(bind: draft.incidentReference),
                        offences = \(bind: try Self.jsonText(draft.offences)),
                    officer_id = \(bind: draft.officerId.db), supervisor_id = \(bind: draft.supervisorId.db),
                    summary = \(bind: draft.summary), intelligence = \(bind: draft.intelligence), version = version + 1
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard updated.count == 1 else { throw SafeholdError.conflict(Self.staleInvestigation) }
            try await db.raw("DELETE FROM investigation_people WHERE investigation_id = \(bind: id.db)").run()
            try await self.insertPeople(draft.people, investigation: id, on: db)
            try await self.addEvent(
                id, kind: "updated", detail: "details changed", shared: false, actor: access.actor,
                name: context.actorName, on: db)
            access.audit(.update, "investigation")
            return try await self.loadInvestigation(id, on: db)
        }
    }

    /// Moves an investigation to its next status, keeping the history. No further action never closes
    /// the child protection case: the episode is the social worker's.
    public func changeStatus(
        _ id: UUID, _ change: StatusChangeDraft, context: AuditContext
    ) async throws -> Investigation {
        let change = try change.validated()
        return try await act(on: .investigation(id), .edit, "investigation", context: context) { db, access in
            let current = try await self.loadInvestigation(id, on: db)
            guard current.version == change.expectedVersion else {
                throw SafeholdError.conflict(Self.staleInvestigation)
            }
            try change.check(from: current.status)
            try await self.setStatus(
                id, change.status, reason: change.reason, version: current.version, access: access,
                name: context.actorName, on: db)
            return try await self.loadInvestigation(id, on: db)
        }
    }

    /// Shares a police-only field with social care, with its lawful basis and reason: the disclosure
    /// joins the shared view and the chronology, and the audit names the basis.
    public func shareWithSocialCare(
        _ id: UUID, _ disclosure: DisclosureDraft, context: AuditContext
    ) async throws -> PoliceDisclosure {
        let bases = try await lawfulBases(for: .police, includeRetired: true)
        let disclosure = try disclosure.validated(bases: bases)
        let label = bases.first { $0.code == disclosure.lawfulBasis }?.label ?? disclosure.lawfulBasis
        return try await act(on: .investigation(id), .edit, "investigation", context: context) { db, access in
            let shared = PoliceDisclosure(
                id: self.ids.next(), field: disclosure.field, text: disclosure.text,
                lawfulBasis: disclosure.lawfulBasis, lawfulBasisLabel: label, reason: disclosure.reason,
                sharedAt: self.clock.now(), sharedBy: context.actorName)
            try await db.raw(
                """
                INSERT INTO police_disclosures (id, investigation_id, field, disclosed_text, lawful_basis, reason,
                    shared_at,
                    shared_by, shared_by_name)
                VALUES (\(bind: shared.id.db), \(bind: id.db), \(bind: shared.field), \(bind: shared.text),
                    \(bind: shared.lawfulBasis), \(bind: shared.reason), \(bind: self.nowText),
                    \(bind: access.actor.userId.db), \(bind: shared.sharedBy))
                """
            ).run()
            access.audit(
                .update, "investigation",
                detail: "shared \(shared.field) with social care under \(shared.lawfulBasis)")
            return shared
        }
    }

    static let staleInvestigation =
        "Someone else changed this investigation after you opened it. Reload the page and check before you save."
    static let policeOnly = "Only a police officer in a child protection team records investigations."

    func setStatus(
        _ id: UUID, _ status: InvestigationStatus, reason: String?, version: Int, access: RecordAccess, name: String,
        on db: any SQLDatabase
    ) async throws {
        let updated = try await db.raw(
            """
            UPDATE investigations SET status = \(bind: status.rawValue), version = version + 1
            WHERE id = \(bind: access.ref.entityId.db) AND version = \(bind: version) RETURNING id
            """
        ).all()
        guard updated.count == 1 else { throw SafeholdError.conflict(Self.staleInvestigation) }
        _ = id
        try await addEvent(
            access.ref.entityId, kind: "status", status: status, detail: reason, shared: true, actor: access.actor,
            name: name, on: db)
        access.audit(.update, "investigation", detail: "status \(status.rawValue)")
    }

    func addEvent(
        _ investigation: UUID, kind: String, status: InvestigationStatus? = nil, detail: String?, shared: Bool,
        actor: Actor, name: String, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO investigation_events (id, investigation_id, kind, status, detail, occurred_at, shared,
                recorded_by,
                recorded_by_name)
            VALUES (\(bind: ids.next().db), \(bind: investigation.db), \(bind: kind), \(bind: status?.rawValue),
                \(bind: detail), \(bind: nowText), \(bind: shared.db), \(bind: actor.userId.db), \(bind: name))
            """
        ).run()
    }

    func insert(_ i: Investigation, actor: Actor, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO investigations (id, agency_id, team_id, crime_reference, incident_reference, offences,
                officer_id,
                supervisor_id, status, episode_id, strategy_step_id, joint_open, operation_id, summary, intelligence,
                opened_at, created_by, version)
            VALUES (\(bind: i.id.db), \(bind: i.agencyId.db), \(bind: i.teamId.db), \(bind: i.crimeReference),
                \(bind: i.incidentReference), \(bind: try Self.jsonText(i.offences)), \(bind: i.officerId?.db),
                \(bind: i.supervisorId?.db), \(bind: i.status.rawValue), \(bind: i.episodeId?.db),
                \(bind: i.strategyDiscussionId?.db), \(bind: i.jointEnquiryOpen.db), \(bind: i.operationId?.db),
                \(bind: i.summary), \(bind: i.intelligence), \(bind: Timestamp.string(i.openedAt)),
                \(bind: actor.userId.db), 1)
            """
        ).run()
        try await insertPeople(i.people, investigation: i.id, on: db)
        try await db.raw(
            """
            INSERT INTO investigation_events (id, investigation_id, kind, status, detail, occurred_at, shared,
                recorded_by,
                recorded_by_name)
            VALUES (\(bind: ids.next().db), \(bind: i.id.db), 'status', \(bind: i.status.rawValue), 'opened',
                \(bind: Timestamp.string(i.openedAt)), 1, \(bind: actor.userId.db), \(bind: actor.displayName))
            """
        ).run()
    }

    func insertPeople(_ people: [InvestigationPerson], investigation: UUID, on db: any SQLDatabase) async throws {
        for person in people {
            try await db.raw(
                """
                INSERT INTO investigation_people (investigation_id, person_id, role, relationship_to_child, added_at)
                VALUES (\(bind: investigation.db), \(bind: person.personId.db), \(bind: person.role.rawValue),
                    \(bind: person.relationshipToChild), \(bind: nowText))
                """
            ).run()
        }
    }

    static func jsonText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
