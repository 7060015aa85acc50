import Foundation
import SQLKit
import SafeholdCore

/// Reading an allegation's rows into the Core value (inside `act` or `list` only).
extension Store {
    func loadAllegation(_ id: UUID, on db: any SQLDatabase) async throws -> Allegation {
        guard
            let row = try await db.raw(
                """
                SELECT a.*, p.given_name AS subject_given, p.family_name AS subject_family
                FROM allegations a JOIN persons p ON p.id = a.subject_id WHERE a.id = \(bind: id.db)
                """
            ).first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        let children = try await db.raw(
            """
            SELECT p.id, p.given_name, p.family_name FROM allegation_children c JOIN persons p ON p.id = c.person_id
            WHERE c.allegation_id = \(bind: id.db) ORDER BY c.position
            """
        ).all().map { Allegation.Child(id: try $0.uuid("id"), name: try Self.name($0, "given_name", "family_name")) }
        let names = Dictionary(uniqueKeysWithValues: children.map { ($0.id, $0.name) })
        let attendees = try await db.raw(
            "SELECT name, agency FROM allegation_attendees WHERE allegation_id = \(bind: id.db) ORDER BY position"
        ).all().map { Attendee(name: try $0.string("name"), agency: try $0.string("agency")) }
        let actions = try await db.raw(
            """
            SELECT id, owner, what, due_on, done_on FROM allegation_actions
            WHERE allegation_id = \(bind: id.db) ORDER BY position
            """
        ).all().map {
            Allegation.Action(
                id: try $0.uuid("id"), owner: try $0.code("owner"), what: try $0.string("what"),
                dueOn: try $0.date("due_on"), doneOn: try $0.optionalDate("done_on"))
        }
        let employment = try await db.raw(
            """
            SELECT status, from_on, note, by_name FROM allegation_employment
            WHERE allegation_id = \(bind: id.db) ORDER BY position
            """
        ).all().map {
            Allegation.Employment(
                status: try $0.code("status"), from: try $0.date("from_on"), note: try $0.optionalString("note"),
                byName: try $0.string("by_name"))
        }
        let contacts = try await db.raw(
            """
            SELECT contact_id, person_id, raised_on FROM allegation_contacts
            WHERE allegation_id = \(bind: id.db) ORDER BY raised_on, contact_id
            """
        ).all().map {
            let child = try $0.uuid("person_id")
            return Allegation.RaisedContact(
                contactId: try $0.uuid("contact_id"), childId: child, childName: names[child] ?? "",
                raisedOn: try $0.date("raised_on"))
        }
        return Allegation(
            id: id, subjectId: try row.uuid("subject_id"),
            subjectName: try Self.name(row, "subject_given", "subject_family"),
            subjectUserId: try row.optionalUUID("subject_user_id"), details: try Self.allegationDetails(row),
            receivedAt: try row.timestamp("received_at"), receivedOn: try row.date("received_on"),
            considerationDue: try row.date("consideration_due"), consideration: try Self.consideration(row),
            meeting: try Self.meeting(row, attendees: attendees), actions: actions, employment: employment,
            outcome: try Self.outcome(row), children: children, contacts: contacts, version: try row.int("version"))
    }

    static func name(_ row: any SQLRow, _ given: String, _ family: String) throws -> String {
        [try row.optionalString(given), try row.string(family)].compactMap { $0 }.joined(separator: " ")
    }

    static func allegationDetails(_ row: any SQLRow) throws -> AllegationDetails {
        let criteria = try row.string("criteria").split(separator: ",").map { code -> HarmCriterion in
            try decodeCode(String(code), column: "criteria")
        }
        return AllegationDetails(
            source: try row.code("source"), referrerName: try row.string("referrer_name"),
            referrerOrganisation: try row.optionalString("referrer_organisation"),
            employerName: try row.string("employer_name"), sector: try row.code("sector"), role: try row.string("role"),
            criteria: criteria, summary: try row.string("summary"))
    }

    static func consideration(_ row: any SQLRow) throws -> Allegation.Consideration? {
        guard let decision = try row.optionalString("consideration_decision") else { return nil }
        return Allegation.Consideration(
            decision: try decodeCode(decision, column: "consideration_decision"),
            reasons: try row.string("consideration_reasons"), on: try row.date("considered_on"),
            byName: try row.string("considered_by_name"))
    }

    static func meeting(_ row: any SQLRow, attendees: [Attendee]) throws -> Allegation.Meeting? {
        guard let kind = try row.optionalString("meeting_kind") else { return nil }
        return Allegation.Meeting(
            kind: try decodeCode(kind, column: "meeting_kind"), on: try row.date("meeting_on"), attendees: attendees,
            notes: try row.string("meeting_notes"))
    }

    static func outcome(_ row: any SQLRow) throws -> Allegation.Outcome? {
        guard let outcome = try row.optionalString("outcome") else { return nil }
        return Allegation.Outcome(
            outcome: try decodeCode(outcome, column: "outcome"), on: try row.date("outcome_on"),
            notes: try row.string("outcome_notes"), dbsReferredOn: try row.optionalDate("dbs_referred_on"),
            regulatorReferredOn: try row.optionalDate("regulator_referred_on"),
            regulatorName: try row.optionalString("regulator_name"),
            markedForRemovalOn: try row.optionalDate("marked_for_removal_on"))
    }
}
