import Foundation
import SafeholdCore
import SafeholdStore
import Testing

/// Team A's workers and managers with children to discuss in supervision: alice's child (allocated to her
/// and team A), carol's child of team B (unseen by team A), and a child of team B that team A's manager
/// may open through a grant but that is not allocated to team A.
struct SupervisionWorld: Sendable {
    let w: World
    /// A second manager of team A (not the one who records alice's supervision).
    let otherManager: User
    /// Team B's manager.
    let managerB: User
    let auditor: User
    let partner: User
    let child: UUID
    let teamBChild: UUID
    let grantedChild: UUID

    var store: Store { w.store }
    func ctx(_ user: User) -> AuditContext { w.ctx(user) }

    static func make(_ w: World) async throws -> SupervisionWorld {
        let otherManager = try await w.env.createUser(
            "tm.other", "Olu Other", role: .teamManager, agency: w.council, team: w.teamA)
        let managerB = try await w.env.createUser(
            "tm.b", "Bea Manager", role: .teamManager, agency: w.council, team: w.teamB)
        let auditor = try await w.env.createUser("auditor", "Aud Itor", role: .auditor, agency: w.council, team: nil)
        let school = try await w.env.createAgency("Northfield Academy", kind: .school)
        let partner = try await w.env.createUser("dsl.s", "Sam Lead", role: .partner, agency: school, team: nil)
        let child = try await w.store.createPerson(Synthetic.child("Ruby", "Supervised"), context: w.ctx(w.alice))
        let teamBChild = try await w.store.createPerson(Synthetic.child("Tom", "Elsewhere"), context: w.ctx(w.carol))
        let granted = try await w.store.createPerson(Synthetic.child("Gail", "Granted"), context: w.ctx(w.carol))
        try await w.env.execute(
            """
            INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_at)
            VALUES ('\(UUID().uuidString)', '\(granted.id.uuidString)', '\(w.manager.id.uuidString)', 1,
                    'cover', '\(Timestamp.string(testNow))')
            """)
        return SupervisionWorld(
            w: w, otherManager: otherManager, managerB: managerB, auditor: auditor, partner: partner, child: child.id,
            teamBChild: teamBChild.id, grantedChild: granted.id)
    }

    /// A session for alice on 20 November 2026 with a reflective note and one discussion of her child.
    func draft(
        reflection: String = "REFLECTIVE-NOTE: I felt stretched this month.", owner: UUID? = nil,
        child: UUID? = nil, decision: String = "Hold a strategy discussion this week.", heldOn: String = "2026-11-20"
    ) -> SupervisionDraft {
        SupervisionDraft(
            heldOn: Synthetic.date(heldOn), reflection: reflection,
            caseDiscussions: [
                CaseDiscussionDraft(
                    childId: child ?? self.child, decision: decision,
                    actions: [
                        OversightActionDraft(
                            what: "Arrange the strategy discussion", ownerId: owner ?? w.bob.id,
                            dueOn: Synthetic.date("2026-11-27"))
                    ])
            ])
    }

    /// Rows in the tables a session writes, with the notifications and the audit log.
    func footprint() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "supervision_sessions", "oversight_entries", "oversight_actions", "notifications", "worker_qualifications",
            "welfare_checkins",
        ] {
            counts[table] = try await w.env.count(table)
        }
        return counts
    }

    /// Every audit entry's detail, to prove private text never reached the log.
    func auditDetails() async throws -> [String] {
        try await w.env.recentAudit(1000).compactMap(\.event.detail)
    }
}

func withSupervision<T: Sendable>(
    _ backend: TestBackend, _ body: (SupervisionWorld) async throws -> T
) async throws -> T {
    try await withWorld(backend) { w in try await body(try await SupervisionWorld.make(w)) }
}
