import Foundation
import SafeholdCore

/// One allegation: the referral, each step as recorded, and the form for each step the case is ready
/// for (the initial consideration, then the strategy meeting or evaluation, then the outcome; actions,
/// employment, children, contacts and grants while it is open).
struct AllegationPage: Page {
    static let template = Template.allegation
    struct Fact { let label: String; let value: String }
    struct ActionRow {
        let id: String; let owner: String; let what: String; let due: String; let done: String?; let overdue: Bool
        let isDone: Bool
    }
    struct Child { let id: String; let name: String }

    let chrome: Chrome
    let form: FormState
    let subject: String
    let subjectHref: String
    let stage: String
    let version: Int
    let facts: [Fact]
    let criteria: [String]
    let summary: String
    let consideration: String?
    let considerationReasons: String?
    let considerationDue: String
    let considerationOverdue: Bool
    let meeting: String?
    let meetingNotes: String?
    let attendees: [Attendee]
    let actions: [ActionRow]
    let openActions: [Option]
    let hasActions: Bool
    let hasOpenActions: Bool
    let employment: [Fact]
    let hasEmployment: Bool
    let outcome: String?
    let outcomeNotes: String?
    let referrals: [String]
    let removal: String?
    let children: [Child]
    let hasChildren: Bool
    let contacts: [Fact]
    let hasContacts: Bool
    let isOpen: Bool
    let canConsider: Bool
    let canMeet: Bool
    let canRecordOutcome: Bool
    let decisions: [Option]
    let meetingKinds: [Option]
    let owners: [Option]
    let statuses: [Option]
    let outcomes: [Option]
    let today: String
    let links: Links

    /// The addresses of the case's forms.
    struct Links {
        let consideration: String, meeting: String, actions: String, actionDone: String, employment: String
        let outcome: String, children: String, contacts: String, grants: String, home: String
        init(_ id: UUID) {
            consideration = SiteRoute.allegationConsideration(id).path
            meeting = SiteRoute.allegationMeeting(id).path
            actions = SiteRoute.allegationActions(id).path
            actionDone = SiteRoute.allegationActionDone(id).path
            employment = SiteRoute.allegationEmployment(id).path
            outcome = SiteRoute.allegationOutcome(id).path
            children = SiteRoute.allegationChildren(id).path
            contacts = SiteRoute.allegationContacts(id).path
            grants = SiteRoute.allegationGrants(id).path
            home = SiteRoute.ladoHome.path
        }
    }

    init(_ a: Allegation, chrome: Chrome, form: FormState, today: LocalDate, ruleset: Ruleset) {
        self.chrome = chrome
        self.form = form
        subject = a.subjectName
        subjectHref = SiteRoute.person(a.subjectId).path
        stage = a.stageLabel
        version = a.version
        let d = a.details
        facts = [
            Fact(label: "Role", value: d.role),
            Fact(label: "Employer", value: "\(d.employerName) (\(d.sector.label))"),
            Fact(
                label: "Referred by",
                value: "\(d.referrerName)\(d.referrerOrganisation.map { ", \($0)" } ?? "") (\(d.source.label))"),
            Fact(label: "Received", value: ruleset.display(a.receivedAt)),
        ]
        criteria = d.criteria.map(\.label)
        summary = d.summary
        consideration = a.consideration.map { "\($0.decision.label), \($0.on.display), by \($0.byName)" }
        considerationReasons = a.consideration?.reasons
        considerationDue = a.considerationDue.display
        considerationOverdue = a.consideration == nil && a.considerationDue < today
        meeting = a.meeting.map { "\($0.kind.label), \($0.on.display)" }
        meetingNotes = a.meeting?.notes
        attendees = a.meeting?.attendees ?? []
        actions = a.actions.map {
            ActionRow(
                id: $0.id.text, owner: $0.owner.label, what: $0.what, due: $0.dueOn.display,
                done: $0.doneOn?.display, overdue: $0.doneOn == nil && $0.dueOn < today, isDone: $0.doneOn != nil)
        }
        openActions = Option.list(
            a.actions.filter { $0.doneOn == nil }.map { ($0.id.text, "\($0.owner.label): \($0.what)") },
            selected: [])
        hasActions = !actions.isEmpty
        hasOpenActions = !openActions.isEmpty && a.isOpen
        employment = a.employment.map {
            Fact(label: "From \($0.from.display)", value: "\($0.status.label)\($0.note.map { ": \($0)" } ?? "")")
        }
        hasEmployment = !employment.isEmpty
        outcome = a.outcome.map { "\($0.outcome.label), \($0.on.display)" }
        outcomeNotes = a.outcome?.notes
        referrals = [
            a.outcome?.dbsReferredOn.map { "Referred to the Disclosure and Barring Service on \($0.display)" },
            a.outcome?.regulatorReferredOn.map {
                "Referred to \(a.outcome?.regulatorName ?? "the regulator") on \($0.display)"
            },
        ].compactMap { $0 }
        removal = a.outcome?.markedForRemovalOn.map {
            "Malicious: marked on \($0.display) for removal under the retention rules."
        }
        children = a.children.map { Child(id: $0.id.text, name: $0.name) }
        hasChildren = !children.isEmpty
        contacts = a.contacts.map {
            Fact(label: $0.raisedOn.display, value: "Contact about \($0.childName) raised to the front door")
        }
        hasContacts = !contacts.isEmpty
        isOpen = a.isOpen
        canConsider = a.isOpen && a.consideration == nil
        canMeet = a.isOpen && a.consideration?.decision == .thresholdMet && a.meeting == nil
        canRecordOutcome = a.isOpen && a.meeting != nil
        decisions = form.options("decision", ConsiderationDecision.self) { $0.label }
        meetingKinds = form.options("kind", AllegationMeetingKind.self) { $0.label }
        owners = form.options("owner", AllegationActionOwner.self) { $0.label }
        statuses = form.options("status", EmploymentStatus.self) { $0.label }
        outcomes = form.options("outcome", AllegationOutcome.self) { $0.label }
        self.today = today.description
        links = Links(a.id)
    }
}
