import Foundation
import SQLKit
import SafeholdCore

/// Reading disclosures and requests back from their rows; the callers decide (inside `act` or `list`)
/// which rows a reader may have.
extension Store {
    /// Disclosures matching `condition` (on `d`, the disclosure, and `p`, the child), newest first, with the
    /// records each one links.
    func disclosures(
        where condition: SQLQueryString, limit: Int = 500, on db: any SQLDatabase
    ) async throws -> [Disclosure] {
        let rows = try await db.raw(
            """
            SELECT d.id, d.person_id, d.decision, d.what, d.recipient_agency_id, d.recipient_user_id,
                d.recipient_name, d.shared_on, d.recorded_by_name, d.recorded_at, d.decision_maker_name,
                d.lawful_basis, d.consent, d.consent_reason, d.reasons, d.request_id,
                p.given_name, p.family_name, a.name AS agency_name, u.display_name AS recipient_user_name,
                b.code, b.label, b.reference, b.for_sharing, b.for_police, b.is_consent, b.active
            FROM disclosures d JOIN persons p ON p.id = d.person_id JOIN agencies a ON a.id = d.recipient_agency_id
            LEFT JOIN users u ON u.id = d.recipient_user_id LEFT JOIN lawful_bases b ON b.code = d.lawful_basis
            WHERE \(condition) ORDER BY d.shared_on DESC, d.recorded_at DESC LIMIT \(literal: limit)
            """
        ).all()
        let ids = try rows.map { try $0.uuid("id") }
        var links: [UUID: [SharedRecordLink]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 100).map({ Array(ids[$0..<min($0 + 100, ids.count)]) }) {
            let list = chunk.map { "\(bind: $0.db)" as SQLQueryString }.joined(separator: ", ")
            for row in try await db.raw(
                """
                SELECT disclosure_id, kind, record_id FROM disclosure_records WHERE disclosure_id IN (\(list))
                ORDER BY kind, record_id
                """
            ).all() {
                links[try row.uuid("disclosure_id"), default: []].append(
                    SharedRecordLink(kind: try row.code("kind"), id: try row.uuid("record_id")))
            }
        }
        return try rows.map { row in
            let id = try row.uuid("id")
            return Disclosure(
                id: id, personId: try row.uuid("person_id"), childName: try Self.childName(row),
                decision: try row.code("decision"), what: try row.string("what"), records: links[id] ?? [],
                recipientAgencyId: try row.uuid("recipient_agency_id"), recipientAgency: try row.string("agency_name"),
                recipientUserId: try row.optionalUUID("recipient_user_id"),
                recipientName: try row.optionalString("recipient_user_name") ?? row.optionalString("recipient_name"),
                sharedOn: try row.date("shared_on"), recordedBy: try row.string("recorded_by_name"),
                recordedAt: try row.timestamp("recorded_at"), decisionMaker: try row.string("decision_maker_name"),
                lawfulBasis: try row.optionalString("code") == nil ? nil : Self.lawfulBasis(row),
                consent: try row.code("consent"), consentReason: try row.optionalString("consent_reason"),
                reasons: try row.string("reasons"), requestId: try row.optionalUUID("request_id"))
        }
    }

    /// Requests matching `condition` (on `r`, the request, and `p`, the child), unanswered first, then by
    /// due date.
    func informationRequests(
        where condition: SQLQueryString, limit: Int = 500, on db: any SQLDatabase
    ) async throws -> [InformationRequest] {
        try await db.raw(
            """
            SELECT r.*, p.given_name, p.family_name, a.name AS agency_name FROM information_requests r
            JOIN persons p ON p.id = r.person_id JOIN agencies a ON a.id = r.agency_id
            WHERE \(condition)
            ORDER BY CASE WHEN r.outcome IS NULL THEN 0 ELSE 1 END, r.due_on DESC, r.recorded_at DESC
            LIMIT \(literal: limit)
            """
        ).all().map(Self.informationRequest)
    }

    static func informationRequest(_ row: any SQLRow) throws -> InformationRequest {
        InformationRequest(
            id: try row.uuid("id"), personId: try row.uuid("person_id"), childName: try childName(row),
            agencyId: try row.uuid("agency_id"), agencyName: try row.string("agency_name"),
            requesterName: try row.string("requester_name"), channel: try row.code("channel"),
            receivedOn: try row.date("received_on"), dueOn: try row.date("due_on"), what: try row.string("what"),
            why: try row.string("why"), recordedBy: try row.string("recorded_by_name"), version: try row.int("version"),
            outcome: try row.optionalCode("outcome"), outcomeReason: try row.optionalString("outcome_reason"),
            disclosureId: try row.optionalUUID("disclosure_id"), respondedAt: try row.optionalTimestamp("responded_at"),
            respondedBy: try row.optionalString("responded_by_name"))
    }

    static func childName(_ row: any SQLRow) throws -> String {
        [try row.optionalString("given_name"), try row.string("family_name")].compactMap { $0 }.joined(separator: " ")
    }
}
