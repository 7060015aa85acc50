import Foundation
import Testing

@testable import SafeholdCore

@Suite("AccessPolicy: one policy for single records and lists")
struct AccessPolicyScopeTests {
    let policy = AccessPolicy()
    typealias F = AccessFixture

    /// Every combination of the facts that matter to user 1 in team 10.
    static let factsGrid: [RecordAccessFacts] = {
        var grid: [RecordAccessFacts] = []
        let workerSets: [Set<UUID>] = [[], [F.me], [F.someoneElse], [F.me, F.someoneElse]]
        let teamSets: [Set<UUID>] = [[], [F.myTeam], [F.otherTeam], [F.myTeam, F.otherTeam]]
        let grantSets: [[UUID: Bool]] = [
            [:], [F.me: false], [F.me: true], [F.someoneElse: true],
            [F.me: false, F.someoneElse: true],
        ]
        for workers in workerSets {
            for teams in teamSets {
                for grants in grantSets {
                    for restricted in [false, true] {
                        grid.append(
                            RecordAccessFacts(
                                allocatedWorkerIds: workers, allocatedTeamIds: teams,
                                grants: grants, restricted: restricted))
                    }
                }
            }
        }
        return grid
    }()

    static let actors: [Actor] = Role.allCases.flatMap { role in
        [F.actor(role), F.actor(role, team: nil), F.actor(role, team: F.otherTeam)]
    }

    @Test("Anything one may edit one may also view, and anything one may view one may find")
    func editImpliesViewImpliesFind() {
        for actor in Self.actors {
            for facts in Self.factsGrid {
                if policy.decide(actor, .edit, facts).isAllowed {
                    #expect(policy.decide(actor, .view, facts).isAllowed, "\(actor.role) \(facts)")
                }
                if policy.decide(actor, .view, facts).isAllowed {
                    #expect(policy.decide(actor, .findByName, facts).isAllowed, "\(actor.role) \(facts)")
                }
            }
        }
    }

    @Test("A restricted record is reached only through my own allocation or grant")
    func restrictedNeedsPersonalLink() {
        for actor in Self.actors {
            for facts in Self.factsGrid where facts.restricted {
                let personal = facts.allocatedWorkerIds.contains(F.me) || facts.grants[F.me] != nil
                if policy.decide(actor, .view, facts).isAllowed { #expect(personal, "\(actor.role) \(facts)") }
                if policy.decide(actor, .findByName, facts).isAllowed { #expect(personal, "\(actor.role) \(facts)") }
            }
        }
    }

    @Test("Scopes for roles outside casework are nobody, except the access log for the DPO and auditor")
    func scopesOfNonCaseworkRoles() {
        for role in F.otherRoles {
            #expect(policy.scope(for: F.actor(role), .view) == .nobody)
            #expect(policy.scope(for: F.actor(role), .edit) == .nobody)
            // The DPO and auditors read every record's access log, except a record of an allegation about them.
            #expect(
                policy.scope(for: F.actor(role), .viewAccessLog)
                    == (role.readsAccessLog ? .all([.notSubjectUser(F.me), .everyone]) : .nobody))
        }
        for role in F.caseWorkingRoles {
            #expect(policy.scope(for: F.actor(role), .viewAccessLog) == .nobody)
        }
    }

    @Test("AccessScope combinators: nobody, everyone, all of none and any of none")
    func scopeCombinators() {
        let facts = RecordAccessFacts()
        #expect(!AccessScope.nobody.matches(facts))
        #expect(AccessScope.everyone.matches(facts))
        #expect(AccessScope.all([]).matches(facts))
        #expect(!AccessScope.any([]).matches(facts))
        #expect(AccessScope.granted(F.me, edit: false).matches(RecordAccessFacts(grants: [F.me: true])))
        #expect(!AccessScope.granted(F.me, edit: true).matches(RecordAccessFacts(grants: [F.me: false])))
    }

    @Test("Only social workers, team managers, front door, police and LADO open new records")
    func mayCreatePeople() {
        let creators: Set<Role> = [.socialWorker, .teamManager, .frontDoor, .police, .lado]
        for role in Role.allCases {
            let decision = policy.mayCreatePeople(F.actor(role))
            if creators.contains(role) {
                #expect(decision == .allowed, "\(role)")
            } else {
                #expect(decision == .denied("Your role (\(role.label)) does not open new records."), "\(role)")
            }
        }
    }

    @Test("A user's actor carries the user's role and team")
    func userActor() {
        let user = User(
            id: F.me, username: "test.user", displayName: "Test User", role: .lado,
            agencyId: F.agency, teamId: F.myTeam)
        #expect(user.actor == F.actor(.lado))
    }
}
