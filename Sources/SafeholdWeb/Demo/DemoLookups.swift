import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's unscheduled care: team duty telephones (Ofcom's drama range, never a real line), two
/// looked-after children, and emergency department look-ups of children at every stage, so that the
/// nurse has an answer to give and the social workers have look-ups in their notifications.
enum DemoLookups {
    static func load(
        into store: Store, teams: [String: Team], children: [(child: UUID, worker: String)], staged: Set<UUID>,
        users: [String: User]
    ) async throws {
        let system = AuditContext(system: "demo loader")
        for (index, name) in teams.keys.sorted().enumerated() {
            try await store.setDutyTelephone("01632 960 \(100 + index)", team: teams[name]!.id, context: system)
        }
        let nurse = AuditContext(actor: users["ed.nurse1"]!.actor, ipAddress: nil, reason: "demo")
        let looked = children.filter { staged.contains($0.child) }
        for (index, entry) in looked.enumerated() {
            let worker = AuditContext(actor: users[entry.worker]!.actor, ipAddress: nil, reason: "demo")
            let details = try await store.openPerson(entry.child, context: worker).person.details
            if index % 8 == 3 {
                _ = try await store.startLookedAfter(
                    entry.child, status: index % 16 == 3 ? "C2" : "V2",
                    startedOn: store.today.adding(days: -40 - index).description, context: worker)
            }
            guard let nhs = details.nhsNumber, let born = details.dateOfBirth else { continue }
            let request = try PlanLookupRequest.validated(
                nhsNumber: nhs, dateOfBirth: born.description,
                setting: index % 2 == 0 ? "Emergency department, Northbridge General" : "Walk-in centre, Riverside",
                today: store.today)
            _ = try await store.lookUpPlan(request, context: nurse)
        }
    }
}
