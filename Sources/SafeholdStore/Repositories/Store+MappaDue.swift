import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// MAPPA's part of `notifyDueItems`: a level 2 or 3 review, an outstanding action of a risk management
    /// plan and a registered sex offender's notification, each due by `horizon` or overdue, told once per
    /// item and status to the MAPPA coordinators and the offender manager (or the action's owner) who use
    /// Safehold; audited against the adult. Returns how many items were noticed now.
    func notifyMappaDueItems(
        horizon: LocalDate, ruleset: Ruleset, context: AuditContext, on db: any SQLDatabase
    ) async throws -> Int {
        let today = self.today
        let coordinators = try await db.raw(
            "SELECT id FROM users WHERE role = \(bind: Role.mappaCoordinator.rawValue) AND active = 1"
        ).all().map { try $0.uuid("id") }
        var items: [(key: String, person: UUID, text: String, due: LocalDate, to: [UUID])] = []
        let profiles = try await db.raw("\(unsafeRaw: Self.riskProfileSelect)").all().map(Self.riskProfile)
        for p in profiles {
            let manager = [p.offenderManager.userId].compactMap { $0 }
            if let next = p.nextMeetingOn, p.mappaLevel?.meets == true, next <= horizon {
                items.append(("review|\(p.id)", p.personId, "the MAPPA review of \(p.personName)", next, manager))
            }
            for due in p.notificationsDue(ruleset.risk, ruleset: ruleset) where due.dueOn <= horizon {
                items.append(
                    (
                        "notify-\(due.kind.rawValue)|\(p.id)", p.personId,
                        "\(due.kind.label.lowercased()) by \(p.personName)", due.dueOn, manager
                    ))
            }
        }
        let actions = try await mappaActions(
            where: "a.status IN ('open', 'in_progress') AND a.due_on <= \(bind: horizon.description)", on: db)
        for a in actions {
            guard let p = profiles.first(where: { $0.id == a.profileId }) else { continue }
            items.append(
                (
                    "action|\(a.id)", p.personId, "the MAPPA action \"\(a.what)\" for \(p.personName)", a.dueOn,
                    [a.ownerUserId].compactMap { $0 }
                ))
        }
        var noticed = 0
        for item in items {
            let overdue = item.due < today
            let key = "risk|\(item.key)|\(item.due)|\(overdue ? "overdue" : "due_soon")"
            guard try await self.claimDueNotice(key, person: item.person, on: db) else { continue }
            let told = Array(Set(item.to + coordinators))
            let text =
                overdue
                ? "Overdue: \(item.text) was due on \(item.due.display)."
                : "Due soon: \(item.text), due on \(item.due.display)."
            try await notify(told, .due, about: item.person, text, on: db)
            try await audit.append(
                [
                    context.event(
                        .create, "notification", personId: item.person,
                        detail: "MAPPA due item \(overdue ? "overdue" : "due_soon"), \(told.count) told")
                ], on: db)
            noticed += 1
        }
        return noticed
    }
}
