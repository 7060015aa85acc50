import Foundation
import SafeholdCore
import SafeholdStore

/// Gives the benchmark people who pose a risk: a MAPPA unit whose coordinator opens a risk profile for
/// an adult (opened by a police officer of the force) and links them to a child the measured worker
/// holds, every step through the store as they would record it, so the child's page carries the warning.
struct RiskSeeder {
    let store: Store

    struct Seeded {
        /// The children with a linked person who poses a risk.
        let linked: [UUID]
        let seconds: Double
    }

    /// Links `count` of `children` (the first ones) each to a person who poses a risk of their own.
    func run(children: [UUID], count: Int) async throws -> Seeded {
        let started = Date()
        let system = AuditContext(system: "benchmark")
        let force = try await store.createAgency("Benchmark Constabulary", kind: .police, context: system)
        let unit = try await store.createTeam("Benchmark MAPPA Unit", agencyId: force.id, context: system)
        let coordinator = try await store.createUser(
            User(
                id: store.ids.next(), username: "bench.mappa", displayName: "Bench Coordinator",
                role: .mappaCoordinator, agencyId: force.id, teamId: unit.id),
            passwordHash: "unused", mustChangePassword: false, totpSecret: nil, context: system)
        let context = AuditContext(actor: coordinator.actor, ipAddress: nil, reason: "benchmark")
        // The coordinator does not open person records; a police officer of the force opens the adults'.
        let officer = try await store.createUser(
            User(
                id: store.ids.next(), username: "bench.ppu", displayName: "Bench Officer", role: .police,
                agencyId: force.id, teamId: unit.id),
            passwordHash: "unused", mustChangePassword: false, totpSecret: nil, context: system)
        let police = AuditContext(actor: officer.actor, ipAddress: nil, reason: "benchmark")
        var linked: [UUID] = []
        for (index, child) in children.prefix(count).enumerated() {
            let adult = try await store.createPerson(
                PersonDetails(kind: .adult, givenName: "Risk\(index)", familyName: "Bench", sex: .male),
                context: police)
            let profile = RiskProfileInput(
                kind: RiskPersonKind.registeredSexOffender.rawValue,
                registeredOn: store.today.adding(days: -400).description, registrationPeriod: "10",
                lastNotifiedOn: store.today.adding(days: -30).description, offences: ["SOA03-S7"],
                riskOfSeriousHarm: RiskOfSeriousHarm.high.rawValue, riskTo: [RiskGroup.children.rawValue],
                leadAgencyId: force.id.text, offenderManagerName: "DC Bench Manager",
                offenderManagerPhone: "01632 960123", mappaCategory: "1", mappaLevel: "1")
            _ = try await store.createRiskProfile(for: adult.id, profile, context: context)
            _ = try await store.linkToChild(
                RiskLinkDraft(
                    personId: adult.id, childId: child, nature: index % 2 == 0 ? .livesWith : .visits,
                    startedOn: store.today.adding(days: -10)),
                context: context)
            linked.append(child)
        }
        return Seeded(linked: linked, seconds: Date().timeIntervalSince(started))
    }
}
