import Foundation
import Testing

@testable import SafeholdCore

/// Actors and records for the access tests: user 1 in team 10, everyone else unrelated.
enum AccessFixture {
    static let me = Fixture.id(1)
    static let someoneElse = Fixture.id(2)
    static let myTeam = Fixture.id(10)
    static let otherTeam = Fixture.id(11)
    static let agency = Fixture.id(100)

    static func actor(_ role: Role, team: UUID? = myTeam) -> Actor {
        Actor(userId: me, role: role, agencyId: agency, teamId: team, displayName: "Test User")
    }

    static let caseWorkingRoles = Role.allCases.filter(\.worksWithRecords)
    static let otherRoles = Role.allCases.filter { !$0.worksWithRecords }
}

@Suite("AccessPolicy: deciding one action on one record")
struct AccessPolicyTests {
    let policy = AccessPolicy()
    typealias F = AccessFixture

    @Test("Exactly eight roles work with records; unscheduled care, DPO, auditor, analyst and administrator do not")
    func roleSplit() {
        #expect(
            Set(F.caseWorkingRoles) == [
                .socialWorker, .teamManager, .frontDoor, .conferenceChair,
                .police, .partner, .lado, .mappaCoordinator,
            ])
        #expect(
            Set(F.otherRoles) == [
                .unscheduledCare, .dataProtectionOfficer, .auditor, .performanceAnalyst, .administrator,
            ])
    }

    @Test("The allocated worker may view and edit, even a restricted record", arguments: AccessFixture.caseWorkingRoles)
    func allocatedWorker(role: Role) {
        for restricted in [false, true] {
            let facts = RecordAccessFacts(allocatedWorkerIds: [F.me], restricted: restricted)
            #expect(policy.decide(F.actor(role, team: nil), .view, facts) == .allowed)
            #expect(policy.decide(F.actor(role, team: nil), .edit, facts) == .allowed)
            #expect(policy.decide(F.actor(role, team: nil), .findByName, facts) == .allowed)
        }
    }

    @Test(
        "A member of the allocated team may view and edit an unrestricted record only",
        arguments: AccessFixture.caseWorkingRoles)
    func teamMember(role: Role) {
        let open = RecordAccessFacts(allocatedTeamIds: [F.myTeam])
        #expect(policy.decide(F.actor(role), .view, open) == .allowed)
        #expect(policy.decide(F.actor(role), .edit, open) == .allowed)
        let restricted = RecordAccessFacts(allocatedTeamIds: [F.myTeam], restricted: true)
        #expect(!policy.decide(F.actor(role), .view, restricted).isAllowed)
        #expect(!policy.decide(F.actor(role), .edit, restricted).isAllowed)
        #expect(!policy.decide(F.actor(role), .findByName, restricted).isAllowed)
        // Another team's allocation, or having no team at all, is no relationship.
        #expect(!policy.decide(F.actor(role), .view, RecordAccessFacts(allocatedTeamIds: [F.otherTeam])).isAllowed)
        #expect(!policy.decide(F.actor(role, team: nil), .view, open).isAllowed)
    }

    @Test("A read grant allows viewing but not editing, restricted or not", arguments: AccessFixture.caseWorkingRoles)
    func readGrant(role: Role) {
        for restricted in [false, true] {
            let facts = RecordAccessFacts(grants: [F.me: false], restricted: restricted)
            #expect(policy.decide(F.actor(role), .view, facts) == .allowed)
            #expect(policy.decide(F.actor(role), .findByName, facts) == .allowed)
            guard case .denied(let reason) = policy.decide(F.actor(role), .edit, facts) else {
                Issue.record("edit allowed on a read grant for \(role)")
                continue
            }
            #expect(reason.contains("may not change this record"))
        }
    }

    @Test("An edit grant allows viewing and editing", arguments: AccessFixture.caseWorkingRoles)
    func editGrant(role: Role) {
        let facts = RecordAccessFacts(grants: [F.me: true], restricted: true)
        #expect(policy.decide(F.actor(role), .view, facts) == .allowed)
        #expect(policy.decide(F.actor(role), .edit, facts) == .allowed)
    }

    @Test("Someone else's allocation or grant gives me nothing", arguments: AccessFixture.caseWorkingRoles)
    func unrelatedWorkerDenied(role: Role) {
        let facts = RecordAccessFacts(
            allocatedWorkerIds: [F.someoneElse], allocatedTeamIds: [F.otherTeam],
            grants: [F.someoneElse: true])
        let decision = policy.decide(F.actor(role), .view, facts)
        guard case .denied(let reason) = decision else {
            Issue.record("\(role) may view an unrelated record")
            return
        }
        #expect(reason.contains("no working relationship"))
        #expect(!policy.decide(F.actor(role), .edit, facts).isAllowed)
        #expect(!policy.decide(F.actor(role), .viewAccessLog, facts).isAllowed)
    }

    @Test(
        "Find by name: unrestricted records to case-working roles; restricted only when related",
        arguments: AccessFixture.caseWorkingRoles)
    func findByName(role: Role) {
        #expect(policy.decide(F.actor(role), .findByName, RecordAccessFacts()) == .allowed)
        #expect(!policy.decide(F.actor(role), .findByName, RecordAccessFacts(restricted: true)).isAllowed)
        let related = RecordAccessFacts(allocatedWorkerIds: [F.me], restricted: true)
        #expect(policy.decide(F.actor(role), .findByName, related) == .allowed)
    }

    @Test(
        "Roles outside casework never view or edit, however the record is linked to them",
        arguments: AccessFixture.otherRoles)
    func nonCaseworkRolesDenied(role: Role) {
        let facts = RecordAccessFacts(allocatedWorkerIds: [F.me], allocatedTeamIds: [F.myTeam], grants: [F.me: true])
        for action in [PersonAction.view, .edit] {
            guard case .denied(let reason) = policy.decide(F.actor(role), action, facts) else {
                Issue.record("\(role) may \(action)")
                continue
            }
            #expect(reason.contains(role.label))
            #expect(reason.contains("does not give access"))
        }
    }

    @Test(
        "Administrator and performance analyst may not even find people by name",
        arguments: [Role.administrator, .performanceAnalyst])
    func adminAndAnalystCannotFind(role: Role) {
        #expect(!policy.decide(F.actor(role), .findByName, RecordAccessFacts()).isAllowed)
        #expect(!policy.decide(F.actor(role), .viewAccessLog, RecordAccessFacts()).isAllowed)
    }

    @Test(
        "The DPO and auditors see the access log but not the record",
        arguments: [Role.dataProtectionOfficer, .auditor])
    func dpoAndAuditor(role: Role) {
        for restricted in [false, true] {
            let facts = RecordAccessFacts(restricted: restricted)
            #expect(policy.decide(F.actor(role), .viewAccessLog, facts) == .allowed)
            #expect(!policy.decide(F.actor(role), .view, facts).isAllowed)
            #expect(!policy.decide(F.actor(role), .edit, facts).isAllowed)
        }
        #expect(policy.decide(F.actor(role), .findByName, RecordAccessFacts()) == .allowed)
    }

    @Test(
        "Case-working roles do not see the access log, even as allocated worker",
        arguments: AccessFixture.caseWorkingRoles)
    func caseworkersNoAccessLog(role: Role) {
        let decision = policy.decide(F.actor(role), .viewAccessLog, RecordAccessFacts(allocatedWorkerIds: [F.me]))
        #expect(decision == .denied("Only the data protection officer and auditors see who has accessed a record."))
    }

    @Test(
        "A case-working role refused a restricted record by name is not told its role cannot search",
        arguments: AccessFixture.caseWorkingRoles)
    func findByNameRefusalReason(role: Role) {
        guard case .denied(let reason) = policy.decide(F.actor(role), .findByName, RecordAccessFacts(restricted: true))
        else { return }
        #expect(!reason.contains("does not search people's records"), "\(reason)")
    }
}
