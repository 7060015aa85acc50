import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's supervision and welfare: sessions for the North and South teams' workers, recorded by
/// their team managers, whose case discussions wrote management oversight entries (decisions and actions
/// with owners and due dates) onto demo children; one worker's supervision overdue, one newly qualified
/// worker supervised fortnightly; and two private welfare check-ins, one shared with the supervisor.
enum DemoSupervision {
    /// One session to record: the worker, their manager, how many days ago, the reflective note, and
    /// whether it discusses (one of) the worker's children with actions due some days after it.
    struct Session {
        let worker: String; let manager: String; let daysAgo: Int; let reflection: String
        let decision: String?; let actions: [(what: String, owner: String, dueAfter: Int)]
    }

    static let sessions: [Session] = [
        // Six weeks ago: monthly, so overdue by two weeks; its action for the worker is overdue too.
        Session(
            worker: "sw.north1", manager: "tm.north", daysAgo: 45,
            reflection: "Sam spoke about the strain of two court cases at once; agreed protected time for writing.",
            decision: "Risk remains high: convene a strategy discussion and seek legal advice on threshold.",
            actions: [
                ("Arrange a strategy discussion with police and health", "sw.north1", 7),
                ("Request a legal planning meeting", "tm.north", 14),
            ]),
        // Newly qualified: supervised fortnightly, last seen a week ago.
        Session(
            worker: "sw.north2", manager: "tm.north", daysAgo: 7,
            reflection: "Nia reflected on her first child protection conference; confident, wants to observe a chair.",
            decision: "Visits to continue every ten working days; complete the chronology before the review.",
            actions: [("Bring the chronology up to date", "sw.north2", 14)]),
        Session(
            worker: "sw.north3", manager: "tm.north", daysAgo: 12,
            reflection: "Kofi asked for a caseload review before taking another sibling group.",
            decision: nil, actions: []),
        Session(
            worker: "sw.south1", manager: "tm.south", daysAgo: 20,
            reflection: "Priya described feeling unsafe on a home visit; agreed joint visits for now.",
            decision: "Joint visits only until the risk assessment of the father is complete.",
            actions: [("Book joint visits for the next month", "sw.south1", 5)]),
        Session(
            worker: "sw.south2", manager: "tm.south", daysAgo: 3, reflection: "", decision: nil, actions: []),
    ]

    static func load(
        into store: Store, children: [(child: UUID, worker: String)], users: [String: User]
    ) async throws {
        let today = store.today
        func context(_ username: String) -> AuditContext? {
            users[username].map { AuditContext(actor: $0.actor, ipAddress: nil, reason: "demo") }
        }
        // Nia qualified four months ago: newly qualified, so supervised fortnightly.
        if let manager = context("tm.north"), let nia = users["sw.north2"] {
            _ = try await store.setQualifiedOn(
                nia.id, today.adding(months: -4).description, expectedVersion: 0, context: manager)
        }
        for session in sessions {
            guard let worker = users[session.worker], let manager = context(session.manager) else { continue }
            let heldOn = today.adding(days: -session.daysAgo)
            var discussions: [CaseDiscussionDraft] = []
            if let decision = session.decision,
                let child = children.first(where: { $0.worker == session.worker })?.child
            {
                discussions.append(
                    CaseDiscussionDraft(
                        childId: child, decision: decision,
                        actions: session.actions.compactMap { action in
                            users[action.owner].map {
                                OversightActionDraft(
                                    what: action.what, ownerId: $0.id, dueOn: heldOn.adding(days: action.dueAfter))
                            }
                        }))
            }
            _ = try await store.recordSupervision(
                for: worker.id,
                SupervisionDraft(heldOn: heldOn, reflection: session.reflection, caseDiscussions: discussions),
                context: manager)
        }
        try await loadWelfare(into: store, users: users, today: today)
    }

    /// Two check-ins: one shared with the supervisor (who is told a debrief is wanted), one kept private.
    static func loadWelfare(into store: Store, users: [String: User], today: LocalDate) async throws {
        let checkIns: [(String, WelfareCheckInDraft)] = [
            (
                "sw.north1",
                WelfareCheckInDraft(
                    occurredOn: today.adding(days: -4), event: DistressingEvent.childDeath.rawValue,
                    howIAm: "Still thinking about the family; not sleeping well this week.",
                    support: WelfareSupport.debrief.rawValue, shareWithSupervisor: true)
            ),
            (
                "sw.south1",
                WelfareCheckInDraft(
                    occurredOn: today.adding(days: -2), event: DistressingEvent.violentIncident.rawValue,
                    howIAm: "Shaken after the father shouted and blocked the door; okay now.",
                    support: WelfareSupport.counselling.rawValue, shareWithSupervisor: false)
            ),
        ]
        for (username, draft) in checkIns {
            guard let user = users[username] else { continue }
            _ = try await store.recordCheckIn(
                draft, context: AuditContext(actor: user.actor, ipAddress: nil, reason: "demo"))
        }
    }
}
