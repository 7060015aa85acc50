import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The disclosure scheme's part of `notifyDueItems`: an application whose decision is due by `horizon` or
    /// overdue (the scheme's timescale, ruleset data) is told once per item and status to those who hold it
    /// (`DisclosureSchemeAccess`): the police officers of the team that received it and the MAPPA coordinators
    /// of the same force. The notice names neither the applicant nor the adult asked about, and links no
    /// record (its readers may not hold the child's); it is audited against the child and the adult.
    func notifyDisclosureApplicationsDue(
        horizon: LocalDate, context: AuditContext, on db: any SQLDatabase
    ) async throws -> Int {
        let today = self.today
        let rows = try await db.raw(
            """
            SELECT id, agency_id, team_id, child_id, subject_id, received_on, due_on FROM csod_applications
            WHERE outcome IS NULL AND due_on <= \(bind: horizon.description)
            ORDER BY due_on, id
            """
        ).all()
        var noticed = 0
        for row in rows {
            let id = try row.uuid("id"), due = try row.date("due_on")
            let overdue = due < today
            let key = "csod|\(id.uuidString)|\(due)|\(overdue ? "overdue" : "due_soon")"
            let child = try row.uuid("child_id"), subject = try row.uuid("subject_id")
            guard try await self.claimDueNotice(key, person: child, on: db) else { continue }
            let holders = try await db.raw(
                """
                SELECT id FROM users WHERE active = 1 AND agency_id = \(bind: try row.uuid("agency_id").db)
                  AND ((role = \(bind: Role.police.rawValue) AND team_id = \(bind: try row.optionalUUID("team_id")?.db))
                    OR role = \(bind: Role.mappaCoordinator.rawValue))
                """
            ).all().map { try $0.uuid("id") }
            let received = try row.date("received_on").display
            let text =
                overdue
                ? "Overdue: the decision on the disclosure scheme application received on \(received) "
                    + "was due on \(due.display)."
                : "Due soon: the decision on the disclosure scheme application received on \(received), "
                    + "due on \(due.display)."
            try await notify(holders, .due, about: nil, text, on: db)
            try await audit.append(
                [child, subject].map {
                    context.event(
                        .create, "notification", entityId: id, personId: $0,
                        detail: "disclosure scheme decision \(overdue ? "overdue" : "due_soon"), \(holders.count) told")
                }, on: db)
            noticed += 1
        }
        return noticed
    }
}
