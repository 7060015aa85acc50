import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// One application, for the police team that holds it and the force's MAPPA coordinators; the one 404
    /// for anyone else. The read is audited against the child and the adult asked about.
    public func disclosureApplication(_ id: UUID, context: AuditContext) async throws -> DisclosureApplication {
        try await act(on: .disclosureApplication(id), .view, "disclosure_application", context: context) {
            db, access in
            guard let application = try await self.fetchApplications([id], on: db).first else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            for person in [application.child.id, application.subject.id] {
                access.audit(access.context.event(.read, "disclosure_application", entityId: id, personId: person))
            }
            return application
        }
    }

    /// The applications the actor handles (their police team's; a MAPPA coordinator's whole force), those
    /// awaiting a decision or a disclosure first by due date, then the newest closed ones. Audited one entry
    /// per child and adult shown.
    public func disclosureApplications(
        openOnly: Bool = false, context: AuditContext, limit: Int = 200
    ) async throws -> [DisclosureApplication] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let holder: SQLQueryString
        switch DisclosureSchemeAccess.scope(actor) {
        case .team(let team): holder = "team_id = \(bind: team.db) AND agency_id = \(bind: actor.agencyId.db)"
        case .agency(let agency): holder = "agency_id = \(bind: agency.db)"
        case .none:
            let reason = "Only the police and MAPPA coordinators handle disclosure scheme applications."
            try await audit.recordReads([context.event(.denied, "disclosure_application", detail: reason)])
            throw SafeholdError.forbidden(reason)
        }
        let open: SQLQueryString =
            openOnly ? "(outcome IS NULL OR (outcome = 'disclose' AND disclosed_on IS NULL))" : "1 = 1"
        return try await list(
            "disclosure_application", detail: "disclosure scheme applications", context: context,
            people: { [$0.child.id, $0.subject.id] }
        ) { db, _ in
            let ids = try await db.raw(
                """
                SELECT id FROM csod_applications WHERE \(holder) AND \(open)
                ORDER BY CASE WHEN outcome IS NULL THEN 0 WHEN disclosed_on IS NULL AND outcome = 'disclose' THEN 1
                    ELSE 2 END, due_on, received_on DESC, id LIMIT \(literal: limit)
                """
            ).all().map { try $0.uuid("id") }
            return try await self.fetchApplications(ids, on: db)
        }
    }

    /// Applications with their checks, in the order of `ids`.
    func fetchApplications(_ ids: [UUID], on db: any SQLDatabase) async throws -> [DisclosureApplication] {
        guard !ids.isEmpty else { return [] }
        var checks: [UUID: [DisclosureCheck]] = [:]
        for row in try await db.raw(
            """
            SELECT application_id, kind, result, checked_on, checked_by_name FROM csod_checks
            WHERE application_id IN (\(binds: ids.map(\.db))) ORDER BY application_id, position
            """
        ).all() {
            checks[try row.uuid("application_id"), default: []].append(
                DisclosureCheck(
                    kind: try row.code("kind", as: DisclosureCheckKind.self), result: try row.string("result"),
                    checkedOn: try row.date("checked_on"), checkedBy: try row.string("checked_by_name")))
        }
        var byId: [UUID: DisclosureApplication] = [:]
        for row in try await db.raw(
            """
            SELECT a.*, t.name AS team_name,
                s.local_id AS s_local_id, s.kind AS s_kind, s.given_name AS s_given, s.family_name AS s_family,
                s.date_of_birth AS s_born, c.local_id AS c_local_id, c.kind AS c_kind, c.given_name AS c_given,
                c.family_name AS c_family, c.date_of_birth AS c_born
            FROM csod_applications a JOIN teams t ON t.id = a.team_id
            JOIN persons s ON s.id = a.subject_id JOIN persons c ON c.id = a.child_id
            WHERE a.id IN (\(binds: ids.map(\.db)))
            """
        ).all() {
            let id = try row.uuid("id")
            byId[id] = try application(row, checks: checks[id] ?? [])
        }
        return ids.compactMap { byId[$0] }
    }

    private func application(_ row: any SQLRow, checks: [DisclosureCheck]) throws -> DisclosureApplication {
        func person(_ prefix: String, _ column: String) throws -> PersonSummary {
            PersonSummary(
                id: try row.uuid(column), localId: try row.string("\(prefix)_local_id"),
                kind: try row.code("\(prefix)_kind", as: PersonKind.self),
                givenName: try row.optionalString("\(prefix)_given"), familyName: try row.string("\(prefix)_family"),
                dateOfBirth: try row.optionalDate("\(prefix)_born"), canView: false)
        }
        var decision: DisclosureSchemeDecision? = nil
        if let outcome = try row.optionalString("outcome") {
            guard let value = DisclosureSchemeOutcome(rawValue: outcome) else {
                throw StoreError.corrupt("disclosure scheme outcome '\(outcome)'")
            }
            decision = DisclosureSchemeDecision(
                outcome: value, reasons: try row.string("reasons"), decidedOn: try row.date("decided_on"),
                decidedBy: try row.string("decided_by_name"))
        }
        var disclosure: SchemeDisclosure? = nil
        if try row.optionalString("disclosed_on") != nil {
            disclosure = SchemeDisclosure(
                disclosedTo: try row.string("disclosed_to"), disclosedOn: try row.date("disclosed_on"),
                what: try row.string("disclosed_what"), recordedBy: try row.string("disclosure_recorded_by_name"))
        }
        return DisclosureApplication(
            id: try row.uuid("id"), applicantName: try row.string("applicant_name"),
            applicantContact: try row.string("applicant_contact"),
            relationship: try row.code("relationship", as: ApplicantRelationship.self),
            relationshipOther: try row.optionalString("relationship_other"),
            subject: try person("s", "subject_id"), child: try person("c", "child_id"),
            receivedOn: try row.date("received_on"), dueOn: try row.date("due_on"),
            teamName: try row.string("team_name"), recordedBy: try row.string("recorded_by_name"),
            recordedAt: try row.timestamp("recorded_at"), checks: checks, decision: decision,
            disclosure: disclosure, version: try row.int("version"))
    }
}
