import Foundation
import SafeholdCore
import SafeholdStore

/// The LADO's home: initial considerations due, actions due, cases awaiting an outcome, every open case.
struct LADOHomePage: Page {
    static let template = Template.ladoHome
    struct Row {
        let href: String; let subject: String; let employer: String; let received: String; let stage: String
        let due: String; let overdue: Bool
    }
    struct ActionRow {
        let href: String; let subject: String; let owner: String; let what: String; let due: String
        let overdue: Bool
    }
    let chrome: Chrome
    let considerations: [Row]
    let actions: [ActionRow]
    let awaiting: [Row]
    let open: [Row]
    let hasConsiderations: Bool, hasActions: Bool, hasAwaiting: Bool, hasOpen: Bool
    let newHref = SiteRoute.newAllegation.path
    let figuresHref = SiteRoute.ladoFigures.path

    init(_ home: LADOHome, chrome: Chrome, today: LocalDate) {
        self.chrome = chrome
        let row = { (a: Allegation) in
            Row(
                href: SiteRoute.allegation(a.id).path, subject: a.subjectName,
                employer: "\(a.details.role), \(a.details.employerName)", received: a.receivedOn.display,
                stage: a.stageLabel, due: a.considerationDue.display,
                overdue: a.consideration == nil && a.considerationDue < today)
        }
        considerations = home.considerationsDue.map(row)
        actions = home.actionsDue.map { a, action in
            ActionRow(
                href: SiteRoute.allegation(a.id).path, subject: a.subjectName, owner: action.owner.label,
                what: action.what, due: action.dueOn.display, overdue: action.dueOn < today)
        }
        awaiting = home.awaitingOutcome.map(row)
        open = home.open.map(row)
        hasConsiderations = !considerations.isEmpty
        hasActions = !actions.isEmpty
        hasAwaiting = !awaiting.isEmpty
        hasOpen = !open.isEmpty
    }
}

/// The form for a new allegation.
struct AllegationFormPage: Page {
    static let template = Template.allegationForm
    let chrome: Chrome
    let form: FormState
    let action = SiteRoute.newAllegation.path
    let sources: [Option]
    let sectors: [Option]
    let criteria: [Option]

    init(chrome: Chrome, form: FormState, ticked: Set<String>) {
        self.chrome = chrome
        self.form = form
        sources = form.options("source", AllegationSource.self) { $0.label }
        sectors = form.options("sector", AllegationSector.self) { $0.label }
        criteria = Option.list(HarmCriterion.allCases.map { ($0.rawValue, $0.label) }, selected: ticked)
    }
}

/// The LADO's annual figures: referrals received in a year by source, sector and outcome, the share
/// resolved within each target, and the same as bar charts drawn on the server.
struct LADOFiguresPage: Page {
    static let template = Template.ladoFigures
    struct Line { let label: String; let count: Int }
    struct Target { let label: String; let within: Int; let resolved: Int; let percent: String }
    let chrome: Chrome
    let year: Int
    let total: Int
    let open: Int
    let bySource: [Line]
    let bySector: [Line]
    let byOutcome: [Line]
    let targets: [Target]
    /// The initial considerations made within their working day, out of those made.
    let consideration: Target
    let charts: [BarChart]
    let previousHref: String
    let nextHref: String
    let action = SiteRoute.ladoFigures.path

    init(_ figures: AllegationFigures, chrome: Chrome) {
        self.chrome = chrome
        year = figures.year
        total = figures.total
        open = figures.open
        let lines = { (counts: [AllegationFigures.Count]) in counts.map { Line(label: $0.label, count: $0.count) } }
        bySource = lines(figures.bySource)
        bySector = lines(figures.bySector)
        byOutcome = lines(figures.byOutcome)
        targets = figures.timeliness.map {
            Target(
                label: $0.label, within: $0.within, resolved: $0.resolved,
                percent: $0.percent.map { "\($0)%" } ?? "none resolved")
        }
        let c = figures.consideration
        consideration = Target(
            label: c.label, within: c.within, resolved: c.resolved, percent: c.percent.map { "\($0)%" } ?? "none made")
        charts = [
            BarChart(
                id: "outcome", title: "Referrals received in \(figures.year) by outcome",
                bars: figures.byOutcome.map { ($0.label, $0.count) }),
            BarChart(
                id: "sector", title: "Referrals received in \(figures.year) by sector",
                bars: figures.bySector.filter { $0.count > 0 }.map { ($0.label, $0.count) }),
            BarChart(
                id: "timeliness", title: "Per cent of resolved referrals resolved within each target",
                bars: figures.timeliness.map { ($0.label, $0.percent ?? 0) }, maximum: 100, unit: "%"),
        ]
        previousHref = SiteRoute.ladoFigures.path + "?year=\(figures.year - 1)"
        nextHref = SiteRoute.ladoFigures.path + "?year=\(figures.year + 1)"
    }
}
