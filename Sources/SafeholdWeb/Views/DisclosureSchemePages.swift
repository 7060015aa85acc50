import Foundation
import SafeholdCore
import SafeholdStore

/// The police team's (or the MAPPA coordinator's) applications under the child sex offender disclosure
/// scheme: those awaiting a decision with their due dates first.
struct DisclosureApplicationsPage: Page {
    static let template = Template.disclosureApplications
    struct Line {
        let href: String; let received: String; let applicant: String; let subject: String; let child: String
        let stage: String; let due: String; let overdue: Bool; let dueSoon: Bool; let awaitsDecision: Bool
    }
    let chrome: Chrome
    let lines: [Line]
    let hasLines: Bool
    let newHref: String

    init(_ applications: [DisclosureApplication], chrome: Chrome, today: LocalDate, calendar: WorkingCalendar) {
        self.chrome = chrome
        lines = applications.map { a in
            let status = Timeliness.status(of: a.dueOn, today: today, calendar: calendar)
            let waiting = a.stage == .awaitingDecision
            return Line(
                href: SiteRoute.disclosureApplication(a.id).path, received: a.receivedOn.display,
                applicant: "\(a.applicantName) (\(a.relationshipText.lowercased()))",
                subject: a.subject.displayName, child: a.child.displayName, stage: a.stage.label,
                due: a.dueOn.display, overdue: waiting && status == .overdue, dueSoon: waiting && status == .dueSoon,
                awaitsDecision: waiting)
        }
        hasLines = !lines.isEmpty
        newHref = SiteRoute.newDisclosureApplication.path
    }
}

/// The form to receive an application: the applicant, then the adult asked about and the child, each found
/// by name (or created first as a new person record).
struct DisclosureApplicationFormPage: Page {
    static let template = Template.disclosureApplicationForm
    struct Candidate { let id: String; let name: String; let checked: Bool }
    let chrome: Chrome
    let form: FormState
    let action: String
    let relationships: [Option]
    let subjectQuery: String
    let childQuery: String
    let subjects: [Candidate]
    let children: [Candidate]
    let searchedSubject: Bool
    let searchedChild: Bool
    let hasSubjects: Bool
    let hasChildren: Bool
    let newPersonHref: String
    let today: String
}

/// One application: who applied, about whom, the checks, the decision and what was disclosed, with the
/// form for the next step the scheme's order allows.
struct DisclosureApplicationPage: Page {
    static let template = Template.disclosureApplication
    struct Check { let kind: String; let result: String; let on: String; let by: String }
    let chrome: Chrome
    let form: FormState
    let applicant: String
    let contact: String
    let relationship: String
    let subject: String
    let child: String
    let received: String
    let due: String
    let overdue: Bool
    let stage: String
    let team: String
    let recordedBy: String
    let checks: [Check]
    let hasChecks: Bool
    let decision: DisclosureSchemeDecision?
    let decisionLabel: String
    let decidedOnText: String
    let disclosure: SchemeDisclosure?
    let disclosedOnText: String
    let mayCheck: Bool
    let mayDecide: Bool
    let mayDisclose: Bool
    let checkKinds: [Option]
    let outcomes: [Option]
    let version: Int
    let checkAction: String
    let decisionAction: String
    let disclosureAction: String
    let today: String

    init(_ a: DisclosureApplication, chrome: Chrome, form: FormState, today: LocalDate) {
        self.chrome = chrome
        self.form = form
        applicant = a.applicantName
        contact = a.applicantContact
        relationship = a.relationshipText
        subject = a.subject.displayName + (a.subject.dateOfBirth.map { ", born \($0.display)" } ?? "")
        child = a.child.displayName + (a.child.dateOfBirth.map { ", born \($0.display)" } ?? "")
        received = a.receivedOn.display
        due = a.dueOn.display
        overdue = a.stage == .awaitingDecision && a.dueOn < today
        stage = a.stage.label
        team = a.teamName
        recordedBy = "\(a.recordedBy), \(Ruleset.england2025.display(a.recordedAt))"
        checks = a.checks.map {
            Check(kind: $0.kind.label, result: $0.result, on: $0.checkedOn.display, by: $0.checkedBy)
        }
        hasChecks = !checks.isEmpty
        decision = a.decision
        decisionLabel = a.decision?.outcome.label ?? ""
        decidedOnText = a.decision?.decidedOn.display ?? ""
        disclosure = a.disclosure
        disclosedOnText = a.disclosure?.disclosedOn.display ?? ""
        let check = DisclosureSchemeStep.check(kind: .visor, result: "", checkedOn: today)
        let decide = DisclosureSchemeStep.decision(outcome: .disclose, reasons: "", decidedOn: today)
        let disclose = DisclosureSchemeStep.disclosure(disclosedTo: "", disclosedOn: today, what: "")
        mayCheck = DisclosureSchemeRules.refusal(of: check, on: a) == nil
        mayDecide = DisclosureSchemeRules.refusal(of: decide, on: a) == nil
        mayDisclose = DisclosureSchemeRules.refusal(of: disclose, on: a) == nil
        checkKinds = form.options("kind", DisclosureCheckKind.self) { $0.label }
        outcomes = form.options("outcome", DisclosureSchemeOutcome.self) { $0.label }
        version = a.version
        checkAction = SiteRoute.disclosureApplicationChecks(a.id).path
        decisionAction = SiteRoute.disclosureApplicationDecision(a.id).path
        disclosureAction = SiteRoute.disclosureApplicationDisclosure(a.id).path
        self.today = today.description
    }
}
