import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's caseloads and allocation: a reallocation with its reason, children held by Child
/// Protection North without a worker (a worker on leave), an active access grant with an expiry and a
/// request waiting for the manager, and a social worker of the council embedded in the police child
/// abuse investigation team. The families loaded earlier already give sibling groups and uneven
/// caseloads (the children in need worker carries more than a full caseload).
enum DemoCaseloads {
    /// The embedded social worker (council agency, police team); not in `DemoAuthority.workers`.
    static let embedded = (username: "sw.cait1", name: "Jess Jointly")

    static func load(
        into store: Store, teams: [String: Team], children: [(child: UUID, worker: String)], staged: Set<UUID>,
        users: [String: User], passwordHash: String
    ) async throws {
        let system = AuditContext(system: "demo loader")
        let manager = AuditContext(actor: users["tm.north"]!.actor, ipAddress: nil, reason: "demo")
        // Children no other demo part stages, away from the ends of the workers' lists the journeys read.
        func spare(_ worker: String) -> [UUID] {
            let own = children.filter { $0.worker == worker && !staged.contains($0.child) }.map(\.child)
            return Array(own.dropFirst(3).dropLast(6))
        }
        func current(_ child: UUID) async throws -> UUID? {
            try await store.allocationHistory(of: child, context: manager).first { $0.isCurrent }?.id
        }
        // A reallocation between two workers of the team, with its reason in the history.
        for child in spare("sw.north2").prefix(2) {
            try await store.allocate(
                child,
                AllocationDraft(
                    workerId: users["sw.north3"]!.id,
                    reason: "Balancing caseloads: Nia takes on the new pre-birth assessments.",
                    expected: try await current(child)),
                context: manager)
        }
        // A worker on leave: three children wait in the team for a worker.
        for child in spare("sw.north1").suffix(3) {
            try await store.allocate(
                child,
                AllocationDraft(
                    workerId: nil, teamId: teams["Child Protection North"]!.id,
                    reason: "Sam is on leave for four weeks: to be reallocated at Monday's allocation meeting.",
                    expected: try await current(child)),
                context: manager)
        }
        // An active grant with an expiry, and a request waiting for the manager's decision.
        if let child = spare("sw.north2").dropFirst(2).first {
            try await store.requestGrant(
                child,
                AccessGrantDraft(
                    userId: users["sw.cin1"]!.id, canEdit: false,
                    reason: "Covering the family's duty visits while the allocated worker is on a course.",
                    expiresOn: store.today.adding(days: 30).description),
                context: manager)
        }
        if let child = spare("sw.north3").first {
            let asker = AuditContext(actor: users["sw.south2"]!.actor, ipAddress: nil, reason: "demo")
            try await store.requestGrant(
                child,
                AccessGrantDraft(
                    userId: users["sw.south2"]!.id, canEdit: false,
                    reason: "The children's older half-brother is on my caseload; a joint visit is planned.",
                    expiresOn: store.today.adding(days: 14).description),
                context: asker)
        }
        // A social worker of the council embedded in the police child abuse investigation team: the
        // team's allocations reach them; police-only intelligence does not.
        let council = teams["Child Protection North"]!.agencyId
        let worker = User(
            id: store.ids.next(), username: embedded.username, displayName: embedded.name, role: .socialWorker,
            agencyId: council, teamId: teams["Child Abuse Investigation Team"]!.id)
        _ = try await store.createUser(worker, passwordHash: passwordHash, mustChangePassword: false, context: system)
    }
}
