import Foundation
import SafeholdCore
import SafeholdStore

/// One escalation: its stages with their due dates and responses, its outcome, and the forms the
/// reader's standing allows (the raiser sees the child's name and nothing else of the record).
struct EscalationPage: Page {
    static let template = Template.escalation
    struct Stage {
        let number: Int; let label: String; let started: String; let due: String; let overdue: Bool
        let reason: String; let movedBy: String; let response: String?; let respondedBy: String?
        let respondedOn: String?; let hasResponse: Bool
    }

    let chrome: Chrome
    let form: FormState
    let childName: String
    let childHref: String?
    let raisedBy: String
    let raisedOn: String
    let decision: String
    let linkedLabel: String?
    let disagreement: String
    let desiredOutcome: String
    let stages: [Stage]
    let status: String
    let resolution: String?
    let resolutionNote: String?
    let version: Int
    let youRaisedIt: Bool
    let canRespond: Bool
    let canEscalate: Bool
    let needsResponseWithEscalation: Bool
    let canResolve: Bool
    let nextStage: Int
    let respondAction: String
    let escalateAction: String
    let resolveAction: String
    let outcomes: [Option]

    init(_ view: EscalationView, chrome: Chrome, form: FormState, today: LocalDate, lastStage: Int) {
        let e = view.escalation
        self.chrome = chrome
        self.form = form
        childName = e.childName
        childHref = view.canViewChild ? SiteRoute.person(e.personId).path : nil
        raisedBy = "\(e.raisedByName) (\(e.raisedByAgency))"
        raisedOn = e.raisedOn.display
        decision = e.decision
        linkedLabel = e.linkedRecordLabel
        disagreement = e.disagreement
        desiredOutcome = e.desiredOutcome
        stages = e.steps.map { s in
            Stage(
                number: s.stage.number, label: s.stage.label, started: s.startedOn.display, due: s.dueOn.display,
                overdue: s.response == nil && !e.isResolved && s.dueOn < today, reason: s.reason, movedBy: s.movedBy,
                response: s.response, respondedBy: s.respondedBy, respondedOn: s.respondedOn?.display,
                hasResponse: s.response != nil)
        }
        status = e.statusLabel
        resolution = e.resolution.map { "\($0.outcome.label), \($0.on.display), by \($0.byName)" }
        resolutionNote = e.resolution?.note
        version = e.version
        youRaisedIt = view.standing == .raiser
        let open = !e.isResolved
        let current = e.current?.stage.number ?? 1
        canRespond = open && view.standing == .responder && e.awaitsResponse
        canEscalate = open && current < lastStage && (!e.awaitsResponse || view.standing == .responder)
        needsResponseWithEscalation = e.awaitsResponse
        canResolve = open
        nextStage = current + 1
        respondAction = SiteRoute.escalationResponse(e.id).path
        escalateAction = SiteRoute.escalationEscalate(e.id).path
        resolveAction = SiteRoute.escalationResolve(e.id).path
        outcomes = Option.list(EscalationOutcome.allCases.map { ($0.rawValue, $0.label) }, selected: [])
    }
}

/// The form to raise an escalation about a child, with the contacts and steps it may concern.
struct EscalationFormPage: Page {
    static let template = Template.escalationForm
    let chrome: Chrome
    let form: FormState
    let childName: String
    let childHref: String
    let action: String
    let records: [Option]
    let stageOne: String
}

/// The escalations the user raised or answers.
struct EscalationsPage: Page {
    static let template = Template.escalations
    struct Row {
        let href: String; let child: String; let raisedOn: String; let by: String; let status: String
        let overdue: Bool; let yours: Bool
    }
    let chrome: Chrome
    let rows: [Row]
    let hasRows: Bool

    init(_ escalations: [Escalation], userId: UUID, chrome: Chrome, today: LocalDate) {
        self.chrome = chrome
        rows = escalations.map { e in
            Row(
                href: SiteRoute.escalation(e.id).path, child: e.childName, raisedOn: e.raisedOn.display,
                by: "\(e.raisedByName) (\(e.raisedByAgency))", status: e.statusLabel,
                overdue: e.awaitsResponse && (e.current.map { $0.dueOn < today } ?? false), yours: e.raisedBy == userId)
        }
        hasRows = !rows.isEmpty
    }
}
