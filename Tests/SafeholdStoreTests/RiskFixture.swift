import Foundation
import SafeholdCore
import SafeholdStore

/// A world for people who pose a risk: the store tests' `World`, a probation service with an offender
/// manager, a MAPPA coordinator in the police, a school's safeguarding lead, and an adult (on team A's
/// caseload, so Alice may open the adult's own record) and a child.
struct RiskWorld: Sendable {
    let w: World
    let probation: Agency
    let school: Agency
    let coordinator: User
    let offenderManager: User
    let probationColleague: User
    let schoolLead: User
    let adult: UUID
    let child: UUID

    var store: Store { w.store }
    func ctx(_ user: User) -> AuditContext { w.ctx(user) }

    static func make(_ env: TestEnv) async throws -> RiskWorld {
        let w = try await World.make(env)
        let probation = try await env.createAgency("Northfield Probation", kind: .probation)
        let school = try await env.createAgency("Northfield Academy", kind: .school)
        let unit = try await env.createTeam("MAPPA Unit", in: w.police)
        let protection = try await env.createTeam("Public Protection", in: probation)
        let safeguarding = try await env.createTeam("Academy Safeguarding", in: school)
        let adult = try await w.store.createPerson(Synthetic.adult("Dale", "Ashcombe"), context: w.ctx(w.alice))
        let child = try await w.store.createPerson(Synthetic.child("Mia", "Ashcombe"), context: w.ctx(w.alice))
        return RiskWorld(
            w: w, probation: probation, school: school,
            coordinator: try await env.createUser(
                "mappa", "Robin Coordinator", role: .mappaCoordinator, agency: w.police, team: unit),
            offenderManager: try await env.createUser(
                "om.olu", "Olu Manager", role: .partner, agency: probation, team: protection),
            probationColleague: try await env.createUser(
                "po2", "Pat Colleague", role: .partner, agency: probation, team: protection),
            schoolLead: try await env.createUser(
                "dsl", "Dee Lead", role: .partner, agency: school, team: safeguarding),
            adult: adult.id, child: child.id)
    }

    /// A registered sex offender at MAPPA category 1, level 2, managed by probation.
    func rsoInput(level: String = "2", next: String? = "2026-12-10") -> RiskProfileInput {
        RiskProfileInput(
            kind: "registered_sex_offender", registeredOn: "2020-03-02", registrationPeriod: "indefinite",
            lastNotifiedOn: "2026-01-15", lastChangeOn: "2026-11-20", offences: ["SOA03-S7", "PCA78-S1"],
            riskOfSeriousHarm: "high", riskTo: ["children", "known_adults"], leadAgencyId: probation.id.uuidString,
            offenderManagerUserId: offenderManager.id.uuidString, offenderManagerPhone: "01632 960 123",
            mappaCategory: "1", mappaLevel: level, nextMeetingOn: next)
    }

    func createProfile(_ input: RiskProfileInput? = nil) async throws -> RiskProfile {
        try await store.createRiskProfile(for: adult, input ?? rsoInput(), context: ctx(coordinator))
    }
}

func withRisk<T: Sendable>(_ backend: TestBackend, _ body: (RiskWorld) async throws -> T) async throws -> T {
    try await withFreshStore(backend) { env in try await body(try await RiskWorld.make(env)) }
}
