import Foundation
import Testing

@testable import SafeholdCore

/// Caseload weighting, the stage a child is at, allocation and grant drafts, and who allocates.
@Suite struct CaseloadRulesTests {
    let weighting = Ruleset.england2025.workforce.caseload
    let today = LocalDate(iso: "2026-11-24")!

    @Test func theStageIsTheMostDemandingOneTheRecordShows() {
        #expect(CaseStage.derive(lookedAfter: true, openPlans: [.childInNeed], openEpisode: true) == .lookedAfter)
        #expect(
            CaseStage.derive(lookedAfter: false, openPlans: [.childInNeed, .childProtection], openEpisode: true)
                == .protectionPlan)
        #expect(CaseStage.derive(lookedAfter: false, openPlans: [.childInNeed], openEpisode: true) == .childInNeed)
        #expect(CaseStage.derive(lookedAfter: false, openPlans: [], openEpisode: true) == .assessment)
        #expect(CaseStage.derive(lookedAfter: false, openPlans: [], openEpisode: false) == .contact)
    }

    @Test func siblingsWeighLessPerChildThanTheSameChildrenApart() {
        let (a, b, c, d) = (UUID(), UUID(), UUID(), UUID())
        let stages: [UUID: CaseStage] = [a: .protectionPlan, b: .protectionPlan, c: .childInNeed, d: .contact]
        let apart = weighting.weigh(stages, siblingPairs: [])
        #expect(apart == 1.5 + 1.5 + 1.0 + 0.5)
        // a-b directly, b-c through a shared parent: one group of three; d alone.
        let together = weighting.weigh(stages, siblingPairs: [(a, b), (c, b)])
        #expect(abs(together - (1.5 + 1.5 * 0.6 + 1.0 * 0.6 + 0.5)) < 1e-9)
        #expect(together < apart)
        // A pair naming a child on someone else's caseload changes nothing.
        #expect(weighting.weigh(stages, siblingPairs: [(a, UUID())]) == apart)
        #expect(weighting.weigh([:], siblingPairs: []) == 0)
    }

    @Test func overAndNearCapacityAreFlagged() {
        let over = WorkerCaseload(
            workerId: UUID(), workerName: "W", role: .socialWorker, agencyName: "A", children: [], weighted: 22.5,
            capacity: 22)
        let near = WorkerCaseload(
            workerId: UUID(), workerName: "W", role: .socialWorker, agencyName: "A", children: [], weighted: 20,
            capacity: 22)
        let at = WorkerCaseload(
            workerId: UUID(), workerName: "W", role: .socialWorker, agencyName: "A", children: [], weighted: 22,
            capacity: 22)
        #expect(over.overCapacity && !over.nearCapacity)
        #expect(!near.overCapacity && near.nearCapacity)
        #expect(!at.overCapacity && at.nearCapacity)
    }

    @Test func anAllocationNeedsAReasonTheVersionAndSomeoneToHoldTheChild() {
        do {
            _ = try AllocationDraft(workerId: nil, reason: " ", expected: nil).validated()
            Issue.record("an empty draft was accepted")
        } catch SafeholdError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["reason", "version", "workerId"])
        } catch { Issue.record("unexpected \(error)") }
        do {
            _ = try AllocationDraft(workerId: UUID(), reason: "cover \u{202E}gnol", expected: UUID()).validated()
            Issue.record("a bidirectional override was accepted")
        } catch SafeholdError.invalid(let errors) {
            #expect(errors.map(\.field) == ["reason"])
        } catch { Issue.record("unexpected \(error)") }
        let clean = try? AllocationDraft(workerId: UUID(), reason: "  new worker  ", expected: UUID()).validated()
        #expect(clean?.reason == "new worker")
    }

    @Test func aGrantNeedsAnExpiryInTheFutureWithinTheMaximum() throws {
        let rules = AccessGrantRules.england
        for (expiry, message) in [
            ("", "is required"), ("2026-11-24", "must be in the future"), ("2026-02-30", "must be a date"),
            ("2027-02-23", "no more than 90 days"),
        ] {
            do {
                _ = try AccessGrantDraft(userId: UUID(), canEdit: false, reason: "cover", expiresOn: expiry)
                    .validated(today: today, rules: rules)
                Issue.record("expiry '\(expiry)' was accepted")
            } catch SafeholdError.invalid(let errors) {
                #expect(errors.map(\.field) == ["expiresOn"])
                #expect(errors.first?.message.contains(message) == true, "\(errors)")
            }
        }
        let (_, last) = try AccessGrantDraft(userId: UUID(), canEdit: false, reason: "cover", expiresOn: "2027-02-22")
            .validated(today: today, rules: rules)
        #expect(last == today.adding(days: 90))
    }

    @Test func onlyAManagerOfTheHoldingTeamOrAnAdministratorAllocates() {
        let team = UUID(), other = UUID()
        func actor(_ role: Role, _ team: UUID?) -> Actor {
            Actor(userId: UUID(), role: role, agencyId: UUID(), teamId: team, displayName: "x")
        }
        #expect(CaseloadAccess.mayAllocate(actor(.teamManager, team), holdingTeams: [team]).isAllowed)
        #expect(CaseloadAccess.mayAllocate(actor(.administrator, nil), holdingTeams: [team]).isAllowed)
        #expect(!CaseloadAccess.mayAllocate(actor(.teamManager, other), holdingTeams: [team]).isAllowed)
        #expect(!CaseloadAccess.mayAllocate(actor(.socialWorker, team), holdingTeams: [team]).isAllowed)
        #expect(!CaseloadAccess.mayAllocate(actor(.teamManager, team), holdingTeams: []).isAllowed)
        #expect(!CaseloadAccess.holdsCases(.partner) && !CaseloadAccess.holdsCases(.auditor))
        #expect(CaseloadAccess.holdsCases(.socialWorker) && CaseloadAccess.holdsCases(.police))
        #expect(CaseloadAccess.grantProblem(role: .auditor, active: true, canEdit: false)?.field == "userId")
        #expect(CaseloadAccess.grantProblem(role: .partner, active: true, canEdit: true)?.field == "canEdit")
        #expect(CaseloadAccess.grantProblem(role: .partner, active: true, canEdit: false) == nil)
        #expect(CaseloadAccess.grantProblem(role: .socialWorker, active: false, canEdit: false)?.field == "userId")
    }
}
