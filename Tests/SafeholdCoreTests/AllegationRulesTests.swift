import Foundation
import Testing

@testable import SafeholdCore

/// The rules of an allegation in Core: the referral's fields, the order of the steps, the outcome's
/// referrals and retention flag, the figures' timeliness, and the access rules of the subject and the case.
@Suite("Allegation rules")
struct AllegationRulesTests {
    static let today = LocalDate(iso: "2026-11-24")!

    static func allegation(
        consideration: Allegation.Consideration? = nil, meeting: Allegation.Meeting? = nil,
        outcome: Allegation.Outcome? = nil
    ) -> Allegation {
        Allegation(
            id: UUID(), subjectId: UUID(), subjectName: "Tom Teachwell", subjectUserId: nil,
            details: AllegationDetails(
                source: .employer, referrerName: "Head", referrerOrganisation: nil, employerName: "School",
                sector: .education, role: "Teacher", criteria: [.harmedChild], summary: "s"),
            receivedAt: Date(timeIntervalSince1970: 1_795_510_800), receivedOn: LocalDate(iso: "2026-11-20")!,
            considerationDue: LocalDate(iso: "2026-11-23")!, consideration: consideration, meeting: meeting,
            actions: [], employment: [], outcome: outcome, children: [], contacts: [], version: 1)
    }

    static let met = Allegation.Consideration(
        decision: .thresholdMet, reasons: "r", on: LocalDate(iso: "2026-11-21")!, byName: "L")

    @Test("A referral needs a subject, at least one harm criterion and codes from the lists; every field is named")
    func referralFields() {
        #expect(throws: SafeholdError.self) {
            try AllegationDraft.validated(
                subjectId: "not-an-id", subjectGivenName: nil, subjectFamilyName: nil, subjectDateOfBirth: nil,
                subjectUserId: nil, source: "gossip", referrerName: "", referrerOrganisation: nil, employerName: nil,
                sector: "banking", role: "\u{202E}Teacher", criteria: [], summary: nil, receivedAt: nil,
                childIds: ["x"],
                now: Date(), today: Self.today)
        }
        do {
            _ = try AllegationDraft.validated(
                subjectId: "not-an-id", subjectGivenName: nil, subjectFamilyName: nil, subjectDateOfBirth: nil,
                subjectUserId: nil, source: "gossip", referrerName: "", referrerOrganisation: nil, employerName: nil,
                sector: "banking", role: "\u{202E}Teacher", criteria: [], summary: nil, receivedAt: nil,
                childIds: ["x"],
                now: Date(), today: Self.today)
        } catch .invalid(let errors) {
            #expect(
                Set(errors.map(\.field)) == [
                    "subjectId", "source", "referrerName", "employerName", "sector", "role", "criteria", "summary",
                    "receivedAt", "childIds",
                ])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("A new subject under 18 is a child and refused; an adult is accepted")
    func subjectAge() throws {
        let make = { (born: String) throws(SafeholdError) -> AllegationDraft in
            try AllegationDraft.validated(
                subjectId: nil, subjectGivenName: "Sam", subjectFamilyName: "Coach", subjectDateOfBirth: born,
                subjectUserId: nil, source: "parent", referrerName: "P", referrerOrganisation: nil,
                employerName: "Club", sector: "sport", role: "Coach", criteria: ["unsuitable", "unsuitable"],
                summary: "s", receivedAt: Date(timeIntervalSince1970: 1_795_510_800), childIds: [],
                now: Date(timeIntervalSince1970: 1_795_510_800), today: Self.today)
        }
        #expect(
            throws: SafeholdError.invalid([
                FieldError(
                    "subjectDateOfBirth", "makes them a child: an allegation is about an adult who works with children")
            ])
        ) {
            try make("2010-01-01")
        }
        let adult = try make("1990-01-01")
        #expect(adult.details.criteria == [.unsuitable])
        #expect(adult.subject == .new(givenName: "Sam", familyName: "Coach", dateOfBirth: LocalDate(iso: "1990-01-01")))
    }

    @Test("Steps keep their order: meeting after a consideration that met the threshold, outcome after the meeting")
    func order() throws {
        let fresh = Self.allegation()
        #expect(throws: SafeholdError.self) {
            try fresh.checkMeeting(
                kind: "evaluation", on: "2026-11-24", attendees: [Attendee(name: "L", agency: "A")], notes: "n",
                today: Self.today)
        }
        let input = Allegation.OutcomeInput(
            outcome: "unfounded", on: "2026-11-24", notes: "n", dbsReferredOn: nil, regulatorReferredOn: nil,
            regulatorName: nil, referralNote: nil)
        do {
            _ = try fresh.checkOutcome(input, today: Self.today)
            Issue.record("an outcome before the evaluation was accepted")
        } catch .conflict(let message) {
            #expect(message.contains("after the strategy meeting or evaluation"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        let nfa = Self.allegation(
            consideration: .init(decision: .noFurtherAction, reasons: "r", on: Self.today, byName: "L"))
        #expect(nfa.resolvedOn == Self.today && !nfa.isOpen)
        #expect(throws: SafeholdError.self) {
            try nfa.checkAction(owner: "police", what: "w", dueOn: "2026-11-30")
        }
        let meeting = Allegation.Meeting(kind: .strategyMeeting, on: Self.today, attendees: [], notes: "n")
        let held = Self.allegation(consideration: Self.met, meeting: meeting)
        let malicious = try held.checkOutcome(
            .init(
                outcome: "malicious", on: "2026-11-24", notes: "n", dbsReferredOn: nil, regulatorReferredOn: nil,
                regulatorName: nil, referralNote: nil), today: Self.today)
        #expect(malicious.markedForRemovalOn == Self.today)
        #expect(throws: SafeholdError.self) {
            try held.checkOutcome(
                .init(
                    outcome: "substantiated", on: "2026-11-24", notes: "n", dbsReferredOn: nil,
                    regulatorReferredOn: "2026-11-24", regulatorName: nil, referralNote: nil), today: Self.today)
        }
        // The meeting cannot be dated before the consideration, nor the outcome before the meeting.
        #expect(throws: SafeholdError.self) {
            try Self.allegation(consideration: Self.met).checkMeeting(
                kind: "evaluation", on: "2026-11-20", attendees: [Attendee(name: "L", agency: "A")], notes: "n",
                today: Self.today)
        }
    }

    @Test("Timeliness counts resolved referrals within each target from the ruleset, by the year received")
    func figures() {
        let received = LocalDate(iso: "2026-01-10")!
        let referrals = [
            AllegationFigures.Referral(
                source: .employer, sector: .education, receivedOn: received, outcome: .unfounded,
                resolvedOn: received.adding(days: 20), considerationDue: received.adding(days: 2),
                consideredOn: received.adding(days: 2)),
            AllegationFigures.Referral(
                source: .police, sector: .health, receivedOn: received, outcome: .substantiated,
                resolvedOn: received.adding(days: 70), considerationDue: received.adding(days: 2),
                consideredOn: received.adding(days: 5)),
            AllegationFigures.Referral(
                source: .parent, sector: .sport, receivedOn: received, outcome: nil, resolvedOn: received),
            AllegationFigures.Referral(
                source: .parent, sector: .sport, receivedOn: received, outcome: nil, resolvedOn: nil),
            AllegationFigures.Referral(
                source: .parent, sector: .sport, receivedOn: LocalDate(iso: "2025-12-31")!, outcome: nil,
                resolvedOn: nil),
        ]
        let f = AllegationFigures(year: 2026, referrals: referrals, ruleset: .england2025)
        #expect(f.total == 4 && f.open == 1)
        #expect(f.timeliness.map(\.within) == [2, 3] && f.timeliness.map(\.resolved) == [3, 3])
        #expect(f.timeliness.map(\.percent) == [66, 100])
        #expect(f.timeliness.map(\.label) == ["Resolved within one month", "Resolved within three months"])
        #expect(f.consideration.label == "Initial consideration within one working day")
        #expect(f.consideration.within == 1 && f.consideration.resolved == 2 && f.consideration.percent == 50)
        #expect(f.byOutcome.first { $0.code == "no_further_action" }?.count == 1)
        #expect(f.bySource.first { $0.code == "parent" }?.count == 2)
    }
}

/// The subject of an allegation as the access policy sees them.
@Suite("Allegation access rules")
struct AllegationAccessRulesTests {
    let policy = AccessPolicy()
    static let me = UUID(), team = UUID()

    func actor(_ role: Role) -> Actor {
        Actor(userId: Self.me, role: role, agencyId: UUID(), teamId: Self.team, displayName: "Me")
    }

    @Test("Only the LADO service and a named grant reach a subject; relationships and search do not")
    func subjectRestricted() {
        let subject = RecordAccessFacts(
            allocatedWorkerIds: [Self.me], allocatedTeamIds: [Self.team], allegationSubject: true)
        for role in Role.allCases where role != .lado {
            for action in PersonAction.allCases where action != .viewAccessLog {
                #expect(!policy.decide(actor(role), action, subject).isAllowed, "\(role) \(action)")
            }
        }
        #expect(policy.decide(actor(.lado), .view, subject).isAllowed)
        #expect(policy.decide(actor(.lado), .findByName, subject).isAllowed)
        var granted = subject
        granted.grants[Self.me] = false
        #expect(policy.decide(actor(.police), .findByName, granted).isAllowed)
        #expect(policy.decide(actor(.police), .view, granted).isAllowed)
        #expect(!policy.decide(actor(.police), .edit, granted).isAllowed)
        // The LADO sees no one else through the rule.
        #expect(!policy.decide(actor(.lado), .view, RecordAccessFacts()).isAllowed)
    }

    @Test("The subject as a user reaches neither their record nor their case, whatever their role or grants")
    func subjectAsUser() {
        let mine = RecordAccessFacts(
            allocatedWorkerIds: [Self.me], grants: [Self.me: true], allegationSubject: true, subjectUserIds: [Self.me])
        for role in Role.allCases {
            for action in PersonAction.allCases {
                #expect(!policy.decide(actor(role), action, mine).isAllowed, "\(role) \(action)")
            }
            #expect(!policy.decideAllegation(actor(role), subject: mine).isAllowed)
        }
        let someoneElses = RecordAccessFacts(allegationSubject: true, subjectUserIds: [UUID()])
        #expect(policy.decideAllegation(actor(.lado), subject: someoneElses).isAllowed)
        #expect(
            policy.decideAllegation(actor(.socialWorker), subject: someoneElses)
                == .denied(AccessPolicy.noVisibleRecord))
        #expect(policy.mayRecordAllegations(actor(.lado)).isAllowed)
        #expect(!policy.mayRecordAllegations(actor(.police)).isAllowed)
    }
}
