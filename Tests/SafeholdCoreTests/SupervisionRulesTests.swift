import Foundation
import Testing

@testable import SafeholdCore

@Suite("Supervision, oversight and welfare rules")
struct SupervisionRulesTests {
    let ruleset = Ruleset.england2025
    var rules: SupervisionRules { ruleset.workforce.supervision }
    let day = Fixture.day

    @Test("Monthly by the calendar, clamped to a short month; fortnightly in the first year after qualifying")
    func intervals() {
        #expect(
            rules.nextDue(
                lastSession: day("2025-01-31"), startedOn: day("2024-01-01"), qualifiedOn: nil, ruleset: ruleset)
                == day("2025-02-28"))
        let nq = day("2024-09-01")
        #expect(
            rules.nextDue(lastSession: day("2025-06-02"), startedOn: nq, qualifiedOn: nq, ruleset: ruleset)
                == day("2025-06-16"))
        // on the first anniversary the worker is no longer newly qualified
        #expect(rules.isNewlyQualified(qualifiedOn: nq, on: day("2025-08-31"), ruleset: ruleset))
        #expect(!rules.isNewlyQualified(qualifiedOn: nq, on: day("2025-09-01"), ruleset: ruleset))
        #expect(
            rules.nextDue(lastSession: day("2025-09-01"), startedOn: nq, qualifiedOn: nq, ruleset: ruleset)
                == day("2025-10-01"))
        // a date in the future is not a qualification yet; never supervised counts from the start
        #expect(!rules.isNewlyQualified(qualifiedOn: day("2026-01-01"), on: day("2025-06-01"), ruleset: ruleset))
        #expect(
            rules.nextDue(lastSession: nil, startedOn: day("2025-06-10"), qualifiedOn: nil, ruleset: ruleset)
                == day("2025-07-10"))
    }

    @Test("A standing is overdue the day after it was due, due soon within three working days")
    func standing() {
        func status(_ last: String, today: String) -> DueItem.Status {
            SupervisionStanding.derive(
                workerId: Fixture.id(1), workerName: "W", teamId: nil, lastSession: day(last),
                startedOn: day("2024-01-01"), qualifiedOn: nil, today: day(today), ruleset: ruleset
            ).status
        }
        #expect(status("2025-05-15", today: "2025-06-15") == .dueSoon)
        #expect(status("2025-05-14", today: "2025-06-15") == .overdue)
        #expect(status("2025-06-01", today: "2025-06-15") == .onTrack)
    }

    @Test("A session's date, text, children and actions are checked, each problem named by its field")
    func draftValidation() {
        let child = Fixture.id(7), owner = Fixture.id(8)
        func fields(_ draft: SupervisionDraft) -> [String] {
            invalidFields { try draft.validate(today: Fixture.today) }
        }
        let ok = SupervisionDraft(
            heldOn: Fixture.today, reflection: "",
            caseDiscussions: [
                CaseDiscussionDraft(
                    childId: child, decision: "Decide.",
                    actions: [OversightActionDraft(what: "Do", ownerId: owner, dueOn: Fixture.today)])
            ])
        #expect(fields(ok) == [])
        var bad = ok
        bad.heldOn = day("2025-06-16")
        #expect(fields(bad) == ["heldOn", "caseDiscussions[0].actions[0].dueOn"] || fields(bad) == ["heldOn"])
        bad = ok
        bad.reflection = "tab\u{0007}bell"
        bad.caseDiscussions[0].decision = " "
        bad.caseDiscussions[0].actions[0].what = String(repeating: "w", count: 1001)
        bad.caseDiscussions.append(ok.caseDiscussions[0])
        #expect(
            fields(bad) == [
                "reflection", "caseDiscussions[0].decision", "caseDiscussions[0].actions[0].what",
                "caseDiscussions[1].childId",
            ])
        bad = ok
        bad.caseDiscussions = Array(repeating: ok.caseDiscussions[0], count: 31)
        #expect(fields(bad) == ["caseDiscussions"])
    }

    @Test("Only a manager of the worker's team supervises them; the reflection is the worker's and theirs")
    func workforceAccess() {
        let team = Fixture.id(20), other = Fixture.id(21), agency = Fixture.id(30)
        let worker = User(
            id: Fixture.id(1), username: "w", displayName: "W", role: .socialWorker, agencyId: agency, teamId: team)
        func actor(_ role: Role, _ teamId: UUID?, id: Int = 2) -> Actor {
            Actor(userId: Fixture.id(id), role: role, agencyId: agency, teamId: teamId, displayName: "A")
        }
        #expect(WorkforceAccess.refusalToSupervise(actor(.teamManager, team), worker, rules: rules) == nil)
        #expect(
            WorkforceAccess.refusalToSupervise(actor(.teamManager, other), worker, rules: rules)?.isForbidden == true)
        #expect(
            WorkforceAccess.refusalToSupervise(actor(.socialWorker, team), worker, rules: rules)?.isForbidden == true)
        #expect(
            WorkforceAccess.refusalToSupervise(actor(.administrator, nil), worker, rules: rules)?.isForbidden == true)
        var gone = worker
        gone.active = false
        #expect(WorkforceAccess.refusalToSupervise(actor(.teamManager, team), gone, rules: rules)?.isForbidden == false)
        #expect(
            WorkforceAccess.mayReadReflection(
                actor(.teamManager, team), workerId: worker.id, supervisorId: Fixture.id(2)))
        #expect(
            !WorkforceAccess.mayReadReflection(
                actor(.teamManager, team, id: 3), workerId: worker.id, supervisorId: Fixture.id(2)))
        #expect(
            !WorkforceAccess.mayReadReflection(
                actor(.auditor, nil, id: 4), workerId: worker.id, supervisorId: Fixture.id(2)))
        #expect(WorkforceAccess.maySetQualifiedOn(actor(.administrator, nil), worker))
        #expect(!WorkforceAccess.maySetQualifiedOn(actor(.socialWorker, team), worker))
        #expect(WorkforceAccess.welfareCountAgency(for: actor(.teamManager, team)) == agency)
        for role in [Role.administrator, .auditor, .dataProtectionOfficer, .socialWorker, .performanceAnalyst] {
            #expect(WorkforceAccess.welfareCountAgency(for: actor(role, team)) == nil)
        }
        #expect(!WorkforceAccess.mayCheckIn(actor(.partner, nil)) && WorkforceAccess.mayCheckIn(actor(.police, nil)))
        let facts = RecordAccessFacts(allocatedWorkerIds: [Fixture.id(9)], allocatedTeamIds: [team])
        #expect(WorkforceAccess.mayDiscuss(facts, worker: worker))
        #expect(!WorkforceAccess.mayDiscuss(RecordAccessFacts(allocatedTeamIds: [other]), worker: worker))
    }

    @Test("A welfare check-in names its codes and refuses a future date and hidden characters")
    func welfareValidation() throws {
        let draft = WelfareCheckInDraft(
            occurredOn: Fixture.today, event: "child_death", howIAm: "Tired.", support: "debrief",
            shareWithSupervisor: false)
        let (event, support) = try draft.validate(today: Fixture.today)
        #expect(event == .childDeath && support == .debrief && !support.offer.isEmpty)
        var bad = draft
        bad.occurredOn = day("2025-06-16")
        bad.event = "x"
        bad.support = ""
        bad.howIAm = "a\u{2066}b"
        #expect(
            invalidFields { _ = try bad.validate(today: Fixture.today) } == [
                "occurredOn", "event", "support", "howIAm",
            ])
    }
}

/// The fields `body` refused, in order; empty when it passed.
private func invalidFields(_ body: () throws -> Void) -> [String] {
    do {
        try body()
        return []
    } catch let error as SafeholdError {
        if case .invalid(let errors) = error { return errors.map(\.field) }
        return ["not invalid: \(error)"]
    } catch {
        return ["\(error)"]
    }
}

extension SafeholdError {
    fileprivate var isForbidden: Bool {
        if case .forbidden = self { return true }
        return false
    }
}
