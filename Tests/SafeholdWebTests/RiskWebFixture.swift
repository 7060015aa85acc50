import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// A risk profile for the web tests: the fixture's mother (an adult on the north team's caseload) as a
/// MAPPA level 2 nominal managed by the police officer, with a meeting the police attended and an action.
struct RiskSeed {
    var coordinator = UUID(), adult = UUID(), profile = UUID(), meeting = UUID(), action = UUID()
}

extension WebFixture {
    /// A MAPPA coordinator in the police (a new account each call).
    func mappaCoordinator(_ name: String = "mappa") async throws -> User {
        let system = AuditContext(system: "test")
        let team = try await store.createTeam("MAPPA \(name)", agencyId: police.agencyId, context: system)
        let user = User(
            id: store.ids.next(), username: name, displayName: name.capitalized, role: .mappaCoordinator,
            agencyId: police.agencyId, teamId: team.id)
        return try await store.createUser(
            user, passwordHash: try await services.passwords.hash(Self.password), mustChangePassword: false,
            context: system)
    }

    func riskInput(level: String = "2") -> RiskProfileInput {
        RiskProfileInput(
            kind: "violent_offender", offences: ["OAPA-S18"], riskOfSeriousHarm: "high", riskTo: ["children"],
            leadAgencyId: police.agencyId.uuidString, offenderManagerUserId: police.id.uuidString,
            offenderManagerPhone: "01632 960 777", mappaCategory: "2", mappaLevel: level, nextMeetingOn: "2026-12-01")
    }

    func seedRisk() async throws -> RiskSeed {
        let coordinator = try await mappaCoordinator()
        let ctx = AuditContext(actor: coordinator.actor, ipAddress: nil)
        let profile = try await store.createRiskProfile(for: mother.id, riskInput(), context: ctx)
        let meeting = try await store.recordMappaMeeting(
            profile: profile.id,
            MappaMeetingInput(
                heldOn: "2026-11-20", chairName: "DI Chair",
                attendees: [
                    MappaAttendeeInput(
                        name: "Officer", agencyId: police.agencyId.uuidString, userId: police.id.uuidString)
                ], minutes: "Minutes: the panel discussed the risk.", plan: "Plan: weekly home visits.",
                actions: [
                    MappaActionInput(
                        what: "Home visit", ownerName: "Officer", ownerAgencyId: police.agencyId.uuidString,
                        dueOn: "2026-11-22")
                ]), context: ctx)
        return RiskSeed(
            coordinator: coordinator.id, adult: mother.id, profile: profile.id, meeting: meeting.id,
            action: meeting.minutes?.actions.first?.id ?? UUID())
    }
}
