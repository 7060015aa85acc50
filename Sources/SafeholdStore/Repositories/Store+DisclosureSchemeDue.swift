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
        // Everyone who may hold an application, read once: the police and the MAPPA coordinators.
        let handlers = try await db.raw(
            """
            SELECT id, role, agency_id, team_id FROM users
            WHERE active = 1 AND role IN (\(bind: Role.police.rawValue), \(bind: Role.mappaCoordinator.rawValue))
            """
        ).all().map {
            (
                id: try $0.uuid("id"), role: try $0.string("role"), agency: try $0.uuid("agency_id"),
                team: try $0.optionalUUID("team_id")
            )
        }
        var noticed = 0
        for row in rows {
            let id = try row.uuid("id"), due = try row.date("due_on")
            let overdue = due < today
            let key = "csod|\(id.text)|\(due)|\(overdue ? "overdue" : "due_soon")"
            let child = try row.uuid("child_id"), subject = try row.uuid("subject_id")
            guard try await self.claimDueNotice(key, person: child, on: db) else { continue }
            let agency = try row.uuid("agency_id"), team = try row.optionalUUID("team_id")
            let holders = handlers.filter {
                $0.agency == agency && ($0.role == Role.mappaCoordinator.rawValue || (team != nil && $0.team == team))
            }.map(\.id)
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
