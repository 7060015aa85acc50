import Foundation
import Testing

@testable import SafeholdCore

@Suite("Police record rules and the joint enquiry rule")
struct PoliceAccessRulesTests {
    let policy = AccessPolicy()
    typealias F = AccessFixture
    /// A police team and another, for the police record rules.
    static let cait = Fixture.id(20)
    static let otherCait = Fixture.id(21)
    static let owner = RecordOwner(agencyId: Fixture.id(200), teamId: cait)
    /// Two children: the first allocated to me (a social worker), the second to someone else.
    static let mine = RecordAccessFacts(allocatedWorkerIds: [F.me], allocatedTeamIds: [F.myTeam])
    static let notMine = RecordAccessFacts(allocatedWorkerIds: [F.someoneElse], allocatedTeamIds: [F.otherTeam])

    func decide(
        _ actor: Actor, _ action: PersonAction, _ children: [RecordAccessFacts]
    ) -> (
        decision: AccessDecision, view: PoliceRecordView?, seesRecord: Bool
    ) {
        policy.decidePoliceRecord(actor, action, owner: Self.owner, children: children)
    }

    @Test("The holding police team sees all of it and may change it, whatever the children's records say")
    func holdingTeam() {
        let officer = F.actor(.police, team: Self.cait)
        for children in [[Self.notMine], [Self.mine, Self.notMine], [], [RecordAccessFacts(restricted: true)]] {
            for action in [PersonAction.view, .edit] {
                let answer = decide(officer, action, children)
                #expect(answer.decision == .allowed)
                #expect(answer.view == .full)
                #expect(answer.seesRecord)
            }
        }
    }

    @Test("Police of another team, or of no team, get the one 404 answer, even on a joint enquiry of their own")
    func otherPolice() {
        let joint = RecordAccessFacts(jointEnquiryTeamIds: [Self.otherCait])
        for officer in [F.actor(.police, team: Self.otherCait), F.actor(.police, team: nil)] {
            for children in [[Self.notMine], [joint], [Self.mine]] {
                for action in [PersonAction.view, .edit] {
                    let answer = decide(officer, action, children)
                    #expect(answer.decision == .denied(AccessPolicy.noVisibleRecord))
                    #expect(answer.view == nil)
                    #expect(!answer.seesRecord)
                }
            }
        }
    }

    @Test("A social worker who may view every child sees the shared view and may not change it")
    func socialCareShared() {
        for role in [Role.socialWorker, .teamManager] {
            let worker = F.actor(role)
            let view = decide(worker, .view, [Self.mine, RecordAccessFacts(allocatedTeamIds: [F.myTeam])])
            #expect(view.decision == .allowed)
            #expect(view.view == .shared)
            let edit = decide(worker, .edit, [Self.mine])
            #expect(edit.decision == .denied("Only the police team that holds this record changes it."))
            #expect(edit.view == .shared)
            #expect(edit.seesRecord)
        }
    }

    @Test("A social worker who may view only one of the children, a partner and non-casework roles are refused")
    func othersRefused() {
        let worker = F.actor(.socialWorker)
        for action in [PersonAction.view, .edit] {
            let answer = decide(worker, action, [Self.mine, Self.notMine])
            #expect(answer.decision == .denied(AccessPolicy.noVisibleRecord))
            #expect(!answer.seesRecord)
            #expect(decide(worker, action, []).decision == .denied(AccessPolicy.noVisibleRecord))
        }
        for role in [Role.partner, .dataProtectionOfficer, .auditor, .administrator, .performanceAnalyst] {
            let answer = decide(F.actor(role), .view, [Self.notMine])
            #expect(answer.decision == .denied(AccessPolicy.noVisibleRecord), "\(role)")
            #expect(!answer.seesRecord)
        }
        // The strongest rule wins: a police officer of the holding team is never downgraded to shared.
        #expect(AccessPolicy.policeRecordRules.map(\.name) == ["investigating team", "child's social care"])
    }

    @Test("Only children's social care gets the shared view: a partner or LADO with grants on every child does not")
    func partnersNeverShared() {
        for role in Role.allCases where role != .police {
            let actor = F.actor(role)
            let granted = RecordAccessFacts(grants: [F.me: false])
            // They may open each child's record through the grant...
            if role.worksWithRecords { #expect(policy.decide(actor, .view, granted).isAllowed, "\(role)") }
            // ...but the investigation's shared view is children's social care's alone.
            let answer = decide(actor, .view, [granted, granted])
            if role.isChildrensSocialCare {
                #expect(answer.decision == .allowed && answer.view == .shared, "\(role)")
            } else {
                #expect(answer.decision == .denied(AccessPolicy.noVisibleRecord), "\(role)")
                #expect(answer.view == nil && !answer.seesRecord, "\(role)")
            }
        }
        #expect(
            Role.allCases.filter(\.isChildrensSocialCare) == [
                .socialWorker, .teamManager, .frontDoor, .conferenceChair,
            ])
    }

    @Test("Joint enquiry: police of the team may view an unrestricted child (never edit); nobody else by it")
    func jointEnquiryRule() {
        let joint = RecordAccessFacts(jointEnquiryTeamIds: [Self.cait])
        let officer = F.actor(.police, team: Self.cait)
        #expect(policy.decide(officer, .view, joint) == .allowed)
        #expect(policy.decide(officer, .findByName, joint) == .allowed)
        #expect(!policy.decide(officer, .edit, joint).isAllowed)
        #expect(!policy.decide(officer, .viewAccessLog, joint).isAllowed)
        var restricted = joint
        restricted.restricted = true
        #expect(!policy.decide(officer, .view, restricted).isAllowed)
        #expect(!policy.decide(officer, .findByName, restricted).isAllowed)
        #expect(!policy.decide(F.actor(.police, team: Self.otherCait), .view, joint).isAllowed)
        #expect(!policy.decide(F.actor(.police, team: nil), .view, joint).isAllowed)
        #expect(!policy.decide(officer, .view, RecordAccessFacts()).isAllowed)
        // The rule is the police's: a social worker whose team id happened to match gains nothing.
        for role in Role.allCases where role != .police {
            #expect(!policy.decide(F.actor(role, team: Self.cait), .view, joint).isAllowed, "\(role)")
        }
        #expect(
            policy.scope(for: officer, .view)
                == .all([
                    .notSubjectUser(F.me),
                    .any([
                        .all([
                            .notAllegationSubject,
                            .any([
                                .allocatedWorker(F.me), .all([.allocatedTeam(Self.cait), .unrestricted]), .nobody,
                                .all([.jointEnquiry(Self.cait), .unrestricted]),
                            ]),
                        ]),
                        .granted(F.me, edit: false), .nobody,
                    ]),
                ]))
        #expect(!"\(policy.scope(for: officer, .edit))".contains("jointEnquiry"))
    }

    @Test("The social care rule never lets a police officer of another team in through a child's record")
    func policeNeverShared() {
        // An officer of another team who may view the child (joint enquiry, or a grant) still may not see
        // this team's investigation: police see their own team's records only.
        let viaGrant = RecordAccessFacts(grants: [F.me: true])
        let viaJoint = RecordAccessFacts(jointEnquiryTeamIds: [Self.otherCait])
        let officer = F.actor(.police, team: Self.otherCait)
        #expect(policy.decide(officer, .view, viaGrant).isAllowed)
        #expect(policy.decide(officer, .view, viaJoint).isAllowed)
        #expect(!decide(officer, .view, [viaGrant, viaJoint]).seesRecord)
    }

    @Test("A strategy discussion's joint decision needs a police link, and only that decision may carry one")
    func jointEnquiryLink() throws {
        func discussion(_ decision: StrategyDecision) -> EpisodeStep {
            .strategyDiscussion(
                on: Fixture.today, participants: [], absentAgencyReason: "n/a", informationShared: "i",
                decision: decision, safetyActions: "")
        }
        let link = JointEnquiryLink.open(policeTeam: Fixture.id(50))
        #expect(
            PoliceFixture.fields { try JointEnquiryLink.check(nil, for: discussion(.jointS47)) } == ["policeTeamId"])
        try JointEnquiryLink.check(link, for: discussion(.jointS47))
        try JointEnquiryLink.check(.link(investigation: Fixture.id(51)), for: discussion(.jointS47))
        try JointEnquiryLink.check(nil, for: discussion(.singleAgencyS47))
        #expect(
            PoliceFixture.fields { try JointEnquiryLink.check(link, for: discussion(.singleAgencyS47)) } == [
                "policeTeamId"
            ])
        #expect(
            PoliceFixture.fields { try JointEnquiryLink.check(link, for: .assessmentStarted(on: Fixture.today)) } == [
                "policeTeamId"
            ])
    }

    @Test("Operation names and disclosures")
    func operationsAndDisclosures() throws {
        try PoliceOperation.validate(name: "Operation Kestrel-2", summary: "Online abuse inquiry")
        #expect(PoliceFixture.fields { try PoliceOperation.validate(name: "Op; DROP", summary: "s") } == ["name"])
        #expect(PoliceFixture.fields { try PoliceOperation.validate(name: "", summary: "") } == ["name", "summary"])
        let bases = [
            LawfulBasis(
                code: "dpa2018_sch8_para18", label: "Safeguarding", reference: "DPA 2018", uses: [.police],
                isConsent: false, active: true)
        ]
        let share = DisclosureDraft(
            field: "intelligence", text: "Known to police", lawfulBasis: "dpa2018_sch8_para18", reason: "Safety plan")
        _ = try share.validated(bases: bases)
        var other = share
        other.field = "officer_notes"
        #expect(PoliceFixture.fields { try other.validated(bases: bases) } == ["field"])
    }
}
