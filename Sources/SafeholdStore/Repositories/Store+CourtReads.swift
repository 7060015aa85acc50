import Foundation
import SQLKit
import SafeholdCore

/// A child's court record as the reader may see it: the orders, and (for children's social care) the
/// pre-proceedings stages and care proceedings.
public struct CourtRecord: Sendable {
    public let child: PersonSummary
    public let orders: [CourtOrder]
    public let preProceedings: [PreProceedings]
    public let proceedings: [CareProceedings]
    /// Whether the reader sees the proceedings (children's social care) or the orders only (the police).
    public let seesProceedings: Bool
    /// Whether the reader may record orders and proceedings.
    public let canRecord: Bool
}

/// One set of care proceedings with the child they concern and the orders made in them.
public struct ProceedingsRecord: Sendable {
    public let child: PersonSummary
    public let proceedings: CareProceedings
    public let orders: [CourtOrder]
    public let canRecord: Bool
}

extension Store {
    /// The child's court record: an audited read of the child's record, refused (403) to a role that
    /// reads no court orders; the proceedings only to children's social care.
    public func courtRecord(of childId: UUID, context: AuditContext) async throws -> CourtRecord {
        try await act(on: .person(childId), .view, "court_record", context: context) { db, access in
            try Self.require(CourtAccess.mayReadOrders(access.actor))
            let sees = CourtAccess.mayReadProceedings(access.actor).isAllowed
            return CourtRecord(
                child: try await self.courtChild(childId, on: db),
                orders: try await self.courtOrders(where: "o.person_id = \(bind: childId.db)", on: db),
                preProceedings: sees
                    ? try await self.preProceedings(where: "person_id = \(bind: childId.db)", on: db) : [],
                proceedings: sees
                    ? try await self.careProceedings(where: "c.person_id = \(bind: childId.db)", on: db) : [],
                seesProceedings: sees, canRecord: sees && access.may(.edit))
        }
    }

    /// One order: an audited read of the child's record.
    public func courtOrder(_ id: UUID, context: AuditContext) async throws -> CourtOrder {
        try await act(on: .courtRecord(id), .view, "court_order", context: context) { db, access in
            try Self.require(CourtAccess.mayReadOrders(access.actor))
            return try await self.existingOrder(id, on: db)
        }
    }

    /// One set of care proceedings with the orders made in them: children's social care only.
    public func careProceedings(_ id: UUID, context: AuditContext) async throws -> ProceedingsRecord {
        try await act(on: .courtRecord(id), .view, "care_proceedings", context: context) { db, access in
            try Self.require(CourtAccess.mayReadProceedings(access.actor))
            let proceedings = try await self.existingProceedings(id, on: db)
            return ProceedingsRecord(
                child: try await self.courtChild(proceedings.childId, on: db), proceedings: proceedings,
                orders: try await self.courtOrders(where: "o.proceedings_id = \(bind: id.db)", on: db),
                canRecord: access.may(.edit))
        }
    }

    /// Raises a refusal of the court rules as a 403, which `act` audits against the child.
    static func require(_ decision: AccessDecision) throws {
        if case .denied(let reason) = decision { throw SafeholdError.forbidden(reason) }
    }

    func courtChild(_ id: UUID, on db: any SQLDatabase) async throws -> PersonSummary {
        guard
            let row = try await db.raw(
                "SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view FROM persons p WHERE p.id = \(bind: id.db)"
            )
            .first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        return try Self.summary(row)
    }

    func existingOrder(_ id: UUID, on db: any SQLDatabase) async throws -> CourtOrder {
        guard let order = try await courtOrders(where: "o.id = \(bind: id.db)", on: db).first else {
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        return order
    }

    func existingProceedings(_ id: UUID, on db: any SQLDatabase) async throws -> CareProceedings {
        guard let proceedings = try await careProceedings(where: "c.id = \(bind: id.db)", on: db).first else {
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        return proceedings
    }

    /// Orders matching `condition` (on `court_orders o`) with their extensions, newest application first.
    func courtOrders(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [CourtOrder] {
        let rows = try await db.raw(
            "SELECT o.* FROM court_orders o WHERE \(condition) ORDER BY o.applied_on DESC, o.created_at DESC"
        ).all()
        guard !rows.isEmpty else { return [] }
        var extensions: [UUID: [CourtOrderExtension]] = [:]
        for row in try await db.raw(
            """
            SELECT * FROM court_order_extensions WHERE order_id IN (\(binds: try rows.map { try $0.uuid("id").db }))
            ORDER BY position
            """
        ).all() {
            extensions[try row.uuid("order_id"), default: []].append(
                CourtOrderExtension(
                    extendedOn: try row.date("extended_on"), previousExpiry: try row.date("previous_expiry"),
                    newExpiry: try row.date("new_expiry"), reason: try row.string("reason"),
                    byName: try row.string("by_name")))
        }
        return try rows.map { r in
            let id = try r.uuid("id")
            return CourtOrder(
                id: id, childId: try r.uuid("person_id"), kind: try r.code("kind", as: CourtOrderKind.self),
                application: CourtOrderApplication(
                    appliedOn: try r.date("applied_on"), court: try r.string("court"),
                    applicant: try r.string("applicant")),
                outcome: try r.optionalCode("outcome", as: CourtOrderOutcome.self),
                outcomeOn: try r.optionalDate("outcome_on"), startsOn: try r.optionalDate("starts_on"),
                expiresOn: try r.optionalDate("expires_on"), extensions: extensions[id] ?? [],
                endedOn: try r.optionalDate("ended_on"),
                endReason: try r.optionalCode("end_reason", as: CourtOrderEnding.self),
                endNote: try r.optionalString("end_note"),
                policeProtectionId: try r.optionalUUID("police_protection_id"),
                proceedingsId: try r.optionalUUID("proceedings_id"), version: try r.int("version"))
        }
    }

    /// Pre-proceedings stages matching `condition` (on `pre_proceedings`), newest letter first.
    func preProceedings(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [PreProceedings] {
        try await db.raw(
            "SELECT * FROM pre_proceedings WHERE \(condition) ORDER BY letter_sent_on DESC, created_at DESC"
        ).all().map { r in
            PreProceedings(
                id: try r.uuid("id"), childId: try r.uuid("person_id"), letterSentOn: try r.date("letter_sent_on"),
                meetingOn: try r.optionalDate("meeting_on"), attendees: try r.optionalString("attendees"),
                outcome: try r.optionalCode("outcome", as: PreProceedings.Outcome.self),
                outcomeOn: try r.optionalDate("outcome_on"), version: try r.int("version"))
        }
    }

    /// Care proceedings matching `condition` (on `care_proceedings c`), each with its parties, hearings
    /// and extensions, newest first.
    func careProceedings(where condition: SQLQueryString, on db: any SQLDatabase) async throws -> [CareProceedings] {
        let rows = try await db.raw(
            "SELECT c.* FROM care_proceedings c WHERE \(condition) ORDER BY c.issued_on DESC, c.created_at DESC"
        ).all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.uuid("id").db }
        var parties: [UUID: [ProceedingsParty]] = [:]
        for r in try await db.raw(
            "SELECT * FROM proceedings_parties WHERE proceedings_id IN (\(binds: ids)) ORDER BY position"
        ).all() {
            parties[try r.uuid("proceedings_id"), default: []].append(
                ProceedingsParty(
                    id: try r.uuid("id"), role: try r.code("role", as: PartyRole.self), name: try r.string("name"),
                    guardian: try r.optionalString("guardian"), solicitor: try r.optionalString("solicitor"),
                    firm: try r.optionalString("firm")))
        }
        var hearings: [UUID: [Hearing]] = [:]
        for r in try await db.raw(
            "SELECT * FROM hearings WHERE proceedings_id IN (\(binds: ids)) ORDER BY held_on, created_at"
        ).all() {
            hearings[try r.uuid("proceedings_id"), default: []].append(
                Hearing(
                    id: try r.uuid("id"), kind: try r.code("kind", as: HearingKind.self), heldOn: try r.date("held_on"),
                    outcome: try r.optionalString("outcome"), ordersMade: try r.optionalString("orders_made")))
        }
        var extensions: [UUID: [TimetableExtension]] = [:]
        for r in try await db.raw(
            "SELECT * FROM proceedings_extensions WHERE proceedings_id IN (\(binds: ids)) ORDER BY position"
        ).all() {
            extensions[try r.uuid("proceedings_id"), default: []].append(
                TimetableExtension(
                    grantedOn: try r.date("granted_on"), weeks: try r.int("weeks"), reason: try r.string("reason")))
        }
        return try rows.map { r in
            let id = try r.uuid("id")
            return CareProceedings(
                id: id, childId: try r.uuid("person_id"), issuedOn: try r.date("issued_on"),
                court: try r.string("court"), caseNumber: try r.string("case_number"), parties: parties[id] ?? [],
                hearings: hearings[id] ?? [], extensions: extensions[id] ?? [],
                concludedOn: try r.optionalDate("concluded_on"), conclusion: try r.optionalString("conclusion"),
                version: try r.int("version"))
        }
    }
}
