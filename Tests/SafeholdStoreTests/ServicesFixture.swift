import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// A child of team A on a child protection plan, with the partners and strangers the referral and
/// escalation tests need: a school's lead with a read grant on the child, a health visitor of another
/// agency with none, and an emergency department clinician.
struct ServicesWorld: Sendable {
    let w: World
    let worked: PipelineFixture.Worked
    let school: User
    let healthVisitor: User
    let clinician: User

    var store: Store { w.store }
    var child: UUID { worked.child }
    var episode: UUID { worked.episode }

    static func make(_ w: World, name: String = "Services") async throws -> ServicesWorld {
        let worked = try await PipelineFixture.episodeWithPlan(w, name: name)
        let academy = try await w.env.createAgency("Northfield Academy", kind: .school)
        let school = try await w.env.createUser(
            "dsl.\(name.lowercased())", "Sam Lead", role: .partner, agency: academy, team: nil)
        try await w.env.execute(
            """
            INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_at)
            VALUES ('\(UUID().uuidString)', '\(worked.child.uuidString)', '\(school.id.uuidString)', 0,
                    'school safeguarding lead', '\(Timestamp.string(testNow))')
            """)
        let health = try await w.env.createAgency("Northfield Community Health", kind: .health)
        let healthVisitor = try await w.env.createUser(
            "hv.\(name.lowercased())", "Hana Visitor", role: .partner, agency: health, team: nil)
        let hospital = try await w.env.createAgency("Northfield General", kind: .health)
        let clinician = try await w.env.createUser(
            "ed.\(name.lowercased())", "Ed Clinician", role: .unscheduledCare, agency: hospital, team: nil)
        return ServicesWorld(w: w, worked: worked, school: school, healthVisitor: healthVisitor, clinician: clinician)
    }

    func ctx(_ user: User) -> AuditContext { w.ctx(user) }

    /// Rows in the tables a referral or an escalation writes, with the audit log and notifications.
    func footprint() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "service_referrals", "service_referral_events", "escalations", "escalation_steps", "notifications",
        ] {
            counts[table] = try await w.env.count(table)
        }
        return counts
    }

    /// Denied entries left by `user` against the child since `seq`.
    func denials(by user: User, after seq: Int) async throws -> Int {
        try await store.audit.entries(forPerson: child).filter {
            $0.seq > seq && $0.event.action == .denied && $0.event.actorId == user.id
        }.count
    }

    func lastSeq() async throws -> Int {
        try await store.audit.entries(forPerson: child).map(\.seq).max() ?? 0
    }

    /// A referral sent today to a housing service by alice.
    func refer(_ type: String = "housing") async throws -> ServiceReferral {
        try await store.referToService(
            episode: episode, serviceType: type, provider: "Northfield Homes", request: "A safe tenancy away from him.",
            sentOn: Synthetic.today.description, context: ctx(w.alice))
    }
}

func withServices<T: Sendable>(
    _ backend: TestBackend, _ body: (ServicesWorld) async throws -> T
) async throws -> T {
    try await withWorld(backend) { w in try await body(try await ServicesWorld.make(w)) }
}
