import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The court's entries on the child's chronology, as the reader may see them: orders applied for,
    /// decided, extended and ended (children's social care and the police); the letter before
    /// proceedings and the meeting, proceedings issued and concluded, and hearings heard (children's
    /// social care only).
    func courtChronology(of childId: UUID, actor: Actor, on db: any SQLDatabase) async throws -> [ChronologyEntry] {
        guard CourtAccess.mayReadOrders(actor).isAllowed else { return [] }
        var entries: [ChronologyEntry] = []
        let source = "Court"
        for order in try await courtOrders(where: "o.person_id = \(bind: childId.db)", on: db) {
            let a = order.application
            let applied = "Applied for by \(a.applicant) to \(a.court) on \(a.appliedOn.display)."
            if let outcome = order.outcome, let on = order.outcomeOn {
                var detail = applied
                if let starts = order.startsOn {
                    detail += " In force from \(starts.display)"
                    detail +=
                        order.extensions.first.map { " until \($0.previousExpiry.display)." }
                        ?? (order.expiresOn.map { " until \($0.display)." } ?? " until the court ends it.")
                }
                entries.append(
                    ChronologyEntry(
                        id: order.id, date: on, kind: .court,
                        title: "\(order.kind.label): \(outcome.label.lowercased())",
                        detail: detail, source: source))
            } else {
                entries.append(
                    ChronologyEntry(
                        id: order.id, date: a.appliedOn, kind: .court, title: "\(order.kind.label) applied for",
                        detail: applied, source: source))
            }
        }
        for row in try await db.raw(
            """
            SELECT x.id, x.extended_on, x.new_expiry, x.reason, x.by_name, o.kind FROM court_order_extensions x
            JOIN court_orders o ON o.id = x.order_id WHERE o.person_id = \(bind: childId.db)
            """
        ).all() {
            let kind = try row.code("kind", as: CourtOrderKind.self)
            entries.append(
                ChronologyEntry(
                    id: try row.uuid("id"), date: try row.date("extended_on"), kind: .court,
                    title: "\(kind.label) extended",
                    detail: "Extended to \(try row.date("new_expiry").display). Reason: \(try row.string("reason"))",
                    source: "\(source): \(try row.string("by_name"))"))
        }
        for row in try await db.raw(
            """
            SELECT end_entry_id, kind, ended_on, end_reason, end_note FROM court_orders
            WHERE person_id = \(bind: childId.db) AND ended_on IS NOT NULL AND end_entry_id IS NOT NULL
            """
        ).all() {
            let kind = try row.code("kind", as: CourtOrderKind.self)
            let reason = try row.code("end_reason", as: CourtOrderEnding.self)
            entries.append(
                ChronologyEntry(
                    id: try row.uuid("end_entry_id"), date: try row.date("ended_on"), kind: .court,
                    title: "\(kind.label) ended",
                    detail: reason.label + (try row.optionalString("end_note").map { ": \($0)" } ?? "."),
                    source: source))
        }
        guard CourtAccess.mayReadProceedings(actor).isAllowed else { return entries }
        return entries + (try await proceedingsChronology(of: childId, on: db))
    }

    private func proceedingsChronology(of childId: UUID, on db: any SQLDatabase) async throws -> [ChronologyEntry] {
        var entries: [ChronologyEntry] = []
        for row in try await db.raw(
            "SELECT id, letter_sent_on, meeting_on, meeting_entry_id, attendees, outcome FROM pre_proceedings "
                + "WHERE person_id = \(bind: childId.db)"
        ).all() {
            entries.append(
                ChronologyEntry(
                    id: try row.uuid("id"), date: try row.date("letter_sent_on"), kind: .court,
                    title: "Letter before proceedings sent", detail: "Public Law Outline: pre-proceedings began.",
                    source: "Children's services"))
            if let meeting = try row.optionalDate("meeting_on") {
                let outcome = try row.optionalCode("outcome", as: PreProceedings.Outcome.self)
                entries.append(
                    ChronologyEntry(
                        id: try row.uuid("meeting_entry_id"), date: meeting, kind: .court,
                        title: "Pre-proceedings meeting",
                        detail: "Attended by: \(try row.optionalString("attendees") ?? "not recorded")."
                            + (outcome.map { " Outcome: \($0.label)." } ?? ""),
                        source: "Children's services"))
            }
        }
        for p in try await careProceedings(where: "c.person_id = \(bind: childId.db)", on: db) {
            entries.append(
                ChronologyEntry(
                    id: p.id, date: p.issuedOn, kind: .court, title: "Care proceedings issued (\(p.caseNumber))",
                    detail: "Issued in \(p.court).", source: "Court"))
            for h in p.hearings {
                guard let outcome = h.outcome else { continue }
                entries.append(
                    ChronologyEntry(
                        id: h.id, date: h.heldOn, kind: .court, title: "\(h.kind.label) (\(p.caseNumber))",
                        detail: outcome + (h.ordersMade.map { " Orders made: \($0)" } ?? ""), source: "Court"))
            }
            if let concluded = p.concludedOn,
                let row = try await db.raw(
                    "SELECT conclusion_entry_id FROM care_proceedings WHERE id = \(bind: p.id.db)"
                ).first(), let entry = try row.optionalUUID("conclusion_entry_id")
            {
                entries.append(
                    ChronologyEntry(
                        id: entry, date: concluded, kind: .court, title: "Care proceedings concluded (\(p.caseNumber))",
                        detail: p.conclusion ?? "", source: "Court"))
            }
        }
        return entries
    }
}
