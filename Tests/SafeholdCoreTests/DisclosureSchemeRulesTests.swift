import Foundation
import SafeholdCore
import Testing

/// The child sex offender disclosure scheme's rules in Core: what an application needs, the order of its
/// steps, the decision's due date from the ruleset, and who handles it.
@Suite("Disclosure scheme rules")
struct DisclosureSchemeRulesTests {
    static let today = LocalDate(iso: "2026-11-24")!
    static let subject = UUID(), child = UUID()

    static func fields(_ body: () throws -> Void) -> [String] {
        do { try body() } catch SafeholdError.invalid(let errors) { return errors.map(\.field) } catch { return ["?"] }
        return []
    }

    static func draft(
        _ relationship: ApplicantRelationship = .parent, other: String? = nil, subject: UUID = subject,
        received: LocalDate = today, name: String = "Pat Applicant"
    ) -> DisclosureApplicationDraft {
        DisclosureApplicationDraft(
            applicantName: name, applicantContact: "07700 900123", relationship: relationship,
            relationshipOther: other, subjectId: subject, childId: child, receivedOn: received)
    }

    static func application(
        checks: Int = 0, decision: DisclosureSchemeOutcome? = nil, disclosed: Bool = false
    ) -> DisclosureApplication {
        let person = PersonSummary(
            id: subject, localId: nil, kind: .adult, givenName: "A", familyName: "B", dateOfBirth: nil, canView: false)
        return DisclosureApplication(
            id: UUID(), applicantName: "P", applicantContact: "C", relationship: .parent, relationshipOther: nil,
            subject: person, child: person, receivedOn: today, dueOn: today, teamName: "T", recordedBy: "R",
            recordedAt: Date(),
            checks: Array(
                repeating: DisclosureCheck(kind: .visor, result: "r", checkedOn: today, checkedBy: "R"), count: checks),
            decision: decision.map {
                DisclosureSchemeDecision(outcome: $0, reasons: "r", decidedOn: today, decidedBy: "R")
            },
            disclosure: disclosed
                ? SchemeDisclosure(disclosedTo: "P", disclosedOn: today, what: "w", recordedBy: "R") : nil,
            version: 1)
    }

    @Test("An application names the applicant, their contact and, for 'other', the relationship in words")
    func applicationNeeds() {
        #expect(Self.fields { _ = try Self.draft().validated(today: Self.today) } == [])
        #expect(Self.fields { _ = try Self.draft(.other).validated(today: Self.today) } == ["relationshipOther"])
        #expect(Self.fields { _ = try Self.draft(.other, other: "Grandmother").validated(today: Self.today) } == [])
        #expect(
            Self.fields { _ = try Self.draft(.carer, other: "Aunt").validated(today: Self.today) } == [
                "relationshipOther"
            ])
        #expect(Self.fields { _ = try Self.draft(name: " ").validated(today: Self.today) } == ["applicantName"])
        #expect(
            Self.fields { _ = try Self.draft(name: "Pat\u{202E}Evil").validated(today: Self.today) } == [
                "applicantName"
            ])
        #expect(
            Self.fields { _ = try Self.draft(received: Self.today.adding(days: 1)).validated(today: Self.today) }
                == ["receivedOn"])
    }

    @Test("The adult asked about cannot be the child the application is for: 422 naming subjectId")
    func subjectIsNotTheChild() {
        #expect(Self.fields { _ = try Self.draft(subject: Self.child).validated(today: Self.today) } == ["subjectId"])
    }

    @Test("Reading a form names a missing or unknown relationship and an id that is not one")
    func reading() {
        let fields = Self.fields {
            _ = try DisclosureApplicationDraft.read(
                TextFields(["relationship": "uncle", "subjectId": "nope", "childId": nil]), today: Self.today)
        }
        #expect(fields == ["relationship", "subjectId", "childId"])
    }

    @Test("The decision is due 45 days after receipt, from the ruleset's data")
    func dueDate() {
        let ruleset = Ruleset.england2025
        #expect(ruleset.risk.disclosureSchemeDecision == .calendarDays(45))
        #expect(
            DisclosureApplicationDraft.decisionDue(receivedOn: Self.today, ruleset: ruleset)
                == Self.today.adding(days: 45))
    }

    @Test("Checks come before one decision, which needs a check; a disclosure only after a decision to disclose")
    func order() {
        let check = DisclosureSchemeStep.check(kind: .visor, result: "Known", checkedOn: Self.today)
        let decide = DisclosureSchemeStep.decision(outcome: .disclose, reasons: "Risk", decidedOn: Self.today)
        let disclose = DisclosureSchemeStep.disclosure(disclosedTo: "Pat", disclosedOn: Self.today, what: "w")
        #expect(DisclosureSchemeRules.refusal(of: check, on: Self.application()) == nil)
        #expect(DisclosureSchemeRules.refusal(of: decide, on: Self.application()) != nil)
        #expect(DisclosureSchemeRules.refusal(of: decide, on: Self.application(checks: 1)) == nil)
        #expect(DisclosureSchemeRules.refusal(of: decide, on: Self.application(checks: 1, decision: .disclose)) != nil)
        #expect(DisclosureSchemeRules.refusal(of: check, on: Self.application(checks: 1, decision: .disclose)) != nil)
        #expect(DisclosureSchemeRules.refusal(of: disclose, on: Self.application(checks: 1)) != nil)
        #expect(
            DisclosureSchemeRules.refusal(of: disclose, on: Self.application(checks: 1, decision: .notDisclose)) != nil)
        #expect(
            DisclosureSchemeRules.refusal(of: disclose, on: Self.application(checks: 1, decision: .disclose)) == nil)
        #expect(
            DisclosureSchemeRules.refusal(
                of: disclose, on: Self.application(checks: 1, decision: .disclose, disclosed: true))
                != nil)
        #expect(Self.application(checks: 1, decision: .disclose).stage == .awaitingDisclosure)
        #expect(Self.application(checks: 1, decision: .notDisclose).stage == .closed)
    }

    @Test("A decision needs its reasons; no step is dated before receipt or in the future")
    func stepValues() {
        let early = Self.today.adding(days: -1)
        func errors(_ step: DisclosureSchemeStep) -> [String] {
            Self.fields { _ = try step.validated(receivedOn: Self.today, decidedOn: nil, today: Self.today) }
        }
        #expect(errors(.decision(outcome: .notDisclose, reasons: " ", decidedOn: Self.today)) == ["reasons"])
        #expect(errors(.check(kind: .probation, result: "", checkedOn: early)) == ["result", "checkedOn"])
        #expect(
            errors(.disclosure(disclosedTo: "", disclosedOn: Self.today.adding(days: 1), what: "w"))
                == ["disclosedTo", "disclosedOn"])
    }

    @Test("The holding police team and the force's MAPPA coordinators handle an application; nobody else")
    func access() {
        let force = UUID(), team = UUID(), other = UUID()
        let holder = RecordOwner(agencyId: force, teamId: team)
        func actor(_ role: Role, agency: UUID = force, team: UUID? = nil) -> Actor {
            Actor(userId: UUID(), role: role, agencyId: agency, teamId: team, displayName: "X")
        }
        #expect(DisclosureSchemeAccess.mayHandle(actor(.police, team: team), holder: holder))
        #expect(!DisclosureSchemeAccess.mayHandle(actor(.police, team: other), holder: holder))
        #expect(!DisclosureSchemeAccess.mayHandle(actor(.police), holder: holder))
        #expect(DisclosureSchemeAccess.mayHandle(actor(.mappaCoordinator, team: other), holder: holder))
        #expect(!DisclosureSchemeAccess.mayHandle(actor(.mappaCoordinator, agency: other), holder: holder))
        for role in Role.allCases where role != .police && role != .mappaCoordinator {
            #expect(!DisclosureSchemeAccess.mayHandle(actor(role, team: team), holder: holder), "\(role)")
            #expect(!DisclosureSchemeAccess.mayReceive(actor(role, team: team)).isAllowed, "\(role)")
        }
        #expect(DisclosureSchemeAccess.mayReceive(actor(.police, team: team)).isAllowed)
        #expect(!DisclosureSchemeAccess.mayReceive(actor(.police)).isAllowed)
    }
}
