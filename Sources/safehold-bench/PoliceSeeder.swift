import Foundation
import SafeholdCore
import SafeholdStore

/// Gives the benchmark's history data a police side: a force with a child abuse investigation team,
/// and investigations of children (each with a suspect, status history, a planned interview and a
/// charging decision for some), every one through the store as a police officer would record it.
struct PoliceSeeder {
    let store: Store

    struct Seeded {
        let officer: User
        let investigations: [UUID]
        let seconds: Double
    }

    func run(children: [UUID], count: Int) async throws -> Seeded {
        let started = Date()
        let system = AuditContext(system: "benchmark")
        let force = try await store.createAgency("Benchmark Police", kind: .police, context: system)
        let team = try await store.createTeam("Benchmark CAIT", agencyId: force.id, context: system)
        var officers: [User] = []
        for (username, name) in [("bench.dc", "DC Bench"), ("bench.ds", "DS Bench")] {
            officers.append(
                try await store.createUser(
                    User(
                        id: store.ids.next(), username: username, displayName: name, role: .police,
                        agencyId: force.id, teamId: team.id), passwordHash: "unused", mustChangePassword: false,
                    totpSecret: nil, context: system))
        }
        let dc = AuditContext(actor: officers[0].actor, ipAddress: nil, reason: "benchmark")
        _ = try await store.addAccreditation(
            user: officers[0].id, kind: .abeInterviewing, validFrom: store.today.adding(days: -100),
            expiresOn: store.today.adding(days: 700),
            context: AuditContext(actor: officers[1].actor, ipAddress: nil, reason: "benchmark"))
        let suspect = try await store.createPerson(
            PersonDetails(kind: .adult, givenName: "Bench", familyName: "Suspect", sex: .male), context: dc)
        var ids: [UUID] = []
        for (index, child) in children.prefix(count).enumerated() {
            var investigation = try await store.openInvestigation(
                InvestigationDraft(
                    crimeReference: "BP/\(100_000 + index)/26", incidentReference: nil, offences: ["OAPA47", "CYPA1"],
                    officerId: officers[0].id, supervisorId: officers[1].id,
                    people: [
                        InvestigationPerson(personId: child, role: .victim),
                        InvestigationPerson(personId: suspect.id, role: .suspect, relationshipToChild: "step-parent"),
                    ],
                    summary: "Bruising reported by school (benchmark).", intelligence: "Police-only (benchmark)."),
                context: dc)
            for status in [InvestigationStatus.underInvestigation, .suspectInterviewed, .fileToCPS] {
                investigation = try await store.changeStatus(
                    investigation.id,
                    StatusChangeDraft(status: status, reason: nil, expectedVersion: investigation.version), context: dc)
            }
            _ = try await store.planInterview(
                InterviewPlan(
                    childId: child, plannedFor: store.clock.now().addingTimeInterval(86_400), type: .videoRecorded,
                    rationale: "Benchmark.", interviewerIds: [officers[0].id], intermediary: nil, specialMeasures: []),
                investigation: investigation.id, context: dc)
            if index % 2 == 0 {
                _ = try await store.recordChargingDecision(
                    ChargingDecision(
                        suspectId: suspect.id, decidedOn: store.today, decider: .cps, test: .fullCode, outcome: .charge,
                        childViews: "Wants it to stop (benchmark).", bestInterests: "Benchmark.", bail: .bail,
                        bailUntil: store.today.adding(days: 30), bailConditions: "No contact."),
                    investigation: investigation.id, expectedVersion: investigation.version, context: dc)
            }
            ids.append(investigation.id)
        }
        return Seeded(officer: officers[0], investigations: ids, seconds: Date().timeIntervalSince(started))
    }
}
