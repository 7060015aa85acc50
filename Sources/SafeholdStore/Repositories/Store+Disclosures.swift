import Foundation
import SQLKit
import SafeholdCore

/// A child's whole record of sharing, as children's social care and the data protection officer see it.
public struct ChildSharingRecord: Sendable {
    public let child: PersonSummary
    public let disclosures: [Disclosure]
    public let requests: [InformationRequest]
    /// Whether the reader may record a disclosure or answer a request about this child.
    public let mayRecord: Bool
}

extension Store {
    /// Records a disclosure to another agency, or a decision not to disclose, about a child: by children's
    /// social care who may change the child's record, audited against the child; a named recipient who uses
    /// Safehold is told in their notifications.
    public func recordDisclosure(
        about child: UUID, _ draft: SharingDraft, context: AuditContext
    ) async throws -> Disclosure {
        try await act(on: .person(child), .edit, "disclosure", context: context) { db, access in
            try await self.insertDisclosure(draft, child: child, request: nil, access: access, on: db)
        }
    }

    /// A child's disclosures, decisions and requests, newest first: for children's social care who may open
    /// the child and for the data protection officer and auditors; refused (and audited) for anyone else.
    public func sharingRecord(of child: UUID, context: AuditContext) async throws -> ChildSharingRecord {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let action = SharingAccess.childsRecordAction(actor) ?? .view
        return try await act(on: .person(child), action, "disclosure", context: context) { db, access in
            try await self.sharingRecord(of: child, access: access, on: db)
        }
    }

    /// A child's sharing record for an access the policy admitted; refused to a role that does not work with the
    /// whole record. `person` is the child's record when the caller has read it already (the child's page).
    /// `present` says which of its two lists the child has (`PersonLists`).
    func sharingRecord(
        of child: UUID, person known: Person? = nil, access: RecordAccess, present: PersonLists = .all,
        on db: any SQLDatabase
    ) async throws -> ChildSharingRecord {
        let actor = access.actor
        guard SharingAccess.childsRecordAction(actor) != nil else {
            throw SafeholdError.forbidden(SharingAccess.notTheWholeRecord)
        }
        let summary: PersonSummary
        if let known, known.id == child {
            summary = PersonSummary(known, canView: true)
        } else {
            guard
                let read = try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view FROM persons p
                    WHERE p.id = \(bind: child.db)
                    """
                ).first().map(Self.summary)
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            summary = read
        }
        return ChildSharingRecord(
            child: summary,
            disclosures: present.contains(.disclosures)
                ? try await self.disclosures(where: "d.person_id = \(bind: child.db)", on: db) : [],
            requests: present.contains(.informationRequests)
                ? try await self.informationRequests(where: "r.person_id = \(bind: child.db)", on: db) : [],
            mayRecord: SharingAccess.mayRecord(actor).isAllowed && access.may(.edit))
    }

    /// Writes a disclosure inside the caller's `act`: the rules in Core, then the facts only the database
    /// knows (the agency, the named recipient, the decision maker, the records linked being this child's).
    func insertDisclosure(
        _ draft: SharingDraft, child: UUID, request: UUID?, access: RecordAccess, on db: any SQLDatabase
    ) async throws -> Disclosure {
        let actor = access.actor
        if case .denied(let reason) = SharingAccess.mayRecord(actor) { throw SafeholdError.forbidden(reason) }
        let draft = try draft.validated(bases: try await lawfulBases(on: db), today: today)
        var v = Validation()
        let kind = try await db.raw("SELECT kind FROM persons WHERE id = \(bind: child.db)").first()?.string("kind")
        if kind != PersonKind.child.rawValue && kind != PersonKind.unborn.rawValue {
            v.add("personId", "is not a child: the sharing record is kept for children")
        }
        try await checkRecipient(draft, actor: actor, into: &v, on: db)
        let maker = try await decisionMaker(draft.decisionMakerId, actor: actor, into: &v, on: db)
        try await checkLinks(draft.records, child: child, into: &v, on: db)
        try v.check()
        let id = ids.next()
        try await db.raw(
            """
            INSERT INTO disclosures (id, person_id, decision, what, recipient_agency_id, recipient_user_id,
                recipient_name, shared_on, recorded_by, recorded_by_name, recorded_at, decision_maker_id,
                decision_maker_name, lawful_basis, consent, consent_reason, reasons, request_id)
            VALUES (\(bind: id.db), \(bind: child.db), \(bind: draft.decision.rawValue), \(bind: draft.what),
                \(bind: draft.recipientAgencyId.db), \(bind: draft.recipientUserId?.db), \(bind: draft.recipientName),
                \(bind: draft.sharedOn.description), \(bind: actor.userId.db), \(bind: actor.displayName),
                \(bind: nowText), \(bind: maker.id.db), \(bind: maker.name), \(bind: draft.lawfulBasis),
                \(bind: draft.consent.rawValue), \(bind: draft.consentReason), \(bind: draft.reasons),
                \(bind: request?.db))
            """
        ).run()
        for link in draft.records {
            try await db.raw(
                """
                INSERT INTO disclosure_records (disclosure_id, kind, record_id)
                VALUES (\(bind: id.db), \(bind: link.kind.rawValue), \(bind: link.id.db))
                """
            ).run()
        }
        access.audit(
            .create, "disclosure", entityId: id,
            detail: "\(draft.decision.rawValue) to agency \(draft.recipientAgencyId.text)"
                + (draft.lawfulBasis.map { " under \($0)" } ?? "") + ", consent \(draft.consent.rawValue)")
        guard let saved = try await disclosures(where: "d.id = \(bind: id.db)", on: db).first else {
            throw StoreError.corrupt("disclosure \(id) was not kept")
        }
        if draft.decision == .disclosed, let recipient = draft.recipientUserId {
            try await notify(
                [recipient], .informationShared, about: child,
                "\(actor.displayName) shared information about \(saved.childName) with you "
                    + "(\(saved.lawfulBasis?.label ?? "")). See Shared with us.", on: db)
        }
        return saved
    }

    /// The recipient agency must exist and be another agency; a named recipient user must belong to it.
    private func checkRecipient(
        _ draft: SharingDraft, actor: Actor, into v: inout Validation, on db: any SQLDatabase
    ) async throws {
        if try await db.raw("SELECT 1 AS x FROM agencies WHERE id = \(bind: draft.recipientAgencyId.db)").first()
            == nil
        {
            v.add("recipientAgencyId", "is not an agency on the list")
        } else if draft.recipientAgencyId == actor.agencyId {
            v.add("recipientAgencyId", "is your own service: record sharing with another agency")
        }
        if let user = draft.recipientUserId {
            let agency = try await db.raw(
                "SELECT agency_id FROM users WHERE id = \(bind: user.db) AND active = 1"
            ).first()?.uuid("agency_id")
            if agency != draft.recipientAgencyId { v.add("recipientUserId", "is not a user of the recipient agency") }
        }
    }

    /// The decision maker: the recorder, or a team manager in the recorder's service.
    private func decisionMaker(
        _ id: UUID?, actor: Actor, into v: inout Validation, on db: any SQLDatabase
    ) async throws -> (id: UUID, name: String) {
        guard let id, id != actor.userId else { return (actor.userId, actor.displayName) }
        let row = try await db.raw(
            "SELECT display_name, role, agency_id FROM users WHERE id = \(bind: id.db) AND active = 1"
        ).first()
        guard let row, let role = Role(rawValue: try row.string("role")),
            SharingAccess.mayTakeDecision(role: role, agency: try row.uuid("agency_id"), for: actor)
        else {
            v.add("decisionMakerId", "must be you or a team manager in your service")
            return (actor.userId, actor.displayName)
        }
        return (id, try row.string("display_name"))
    }

    /// Every record linked must be on this child's file (a contact about the child, a step, note
    /// or agency report on it).
    private func checkLinks(
        _ links: [SharedRecordLink], child: UUID, into v: inout Validation, on db: any SQLDatabase
    ) async throws {
        for link in links {
            let query: SQLQueryString =
                switch link.kind {
                case .contact:
                    """
                    SELECT 1 AS x FROM contact_children
                    WHERE contact_id = \(bind: link.id.db) AND person_id = \(bind: child.db)
                    """
                case .step:
                    "SELECT 1 AS x FROM episode_steps WHERE id = \(bind: link.id.db) AND person_id = \(bind: child.db)"
                case .note:
                    "SELECT 1 AS x FROM case_notes WHERE id = \(bind: link.id.db) AND person_id = \(bind: child.db)"
                case .report:
                    """
                    SELECT 1 AS x FROM agency_reports
                    WHERE invitation_id = \(bind: link.id.db) AND person_id = \(bind: child.db)
                    """
                }
            if try await db.raw(query).first() == nil {
                v.add("records", "names a \(link.kind.label.lowercased()) that is not on this child's record")
                return
            }
        }
    }
}
