import Foundation
import SafeholdCore
import SafeholdStore

/// The performance (timeliness) dashboard: each measure for the period as a chart drawn on the server and
/// the same figures in tables (the period, each team or worker, each month, plans by category of abuse);
/// every figure links to the children behind it, listed as the access policy allows.
struct PerformancePage: Page {
    static let template = Template.performance

    /// A figure as a table cell: its text and the list behind it.
    struct Cell { let text: String; let href: String }
    struct MeasureRow {
        let label: String, counted: String, met: Cell, total: Cell, percent: String, direction: String
    }
    struct GroupRow { let name: String; let href: String; let cells: [Cell] }
    struct MonthRow { let label: String; let cells: [Cell] }

    let chrome: Chrome
    let heading: String
    let periodText: String
    let from: String
    let to: String
    let measureRows: [MeasureRow]
    let categoryRows: [MeasureRow]
    let columns: [String]
    let groupHeading: String
    let groupRows: [GroupRow]
    let hasGroupRows: Bool
    let monthRows: [MonthRow]
    let charts: [BarChart]
    let choosesTeam: Bool
    let teams: [Option]
    let choosesWorker: Bool
    let workers: [Option]
    let team: String
    let keepsTeam: Bool
    let action: String
    let csvHref: String
    /// Where the figures came from when that is the reporting copy (`ReadCopyNote`).
    var readCopy: String?

    init(_ figures: PerformanceFigures, choosesTeam: Bool, chrome: Chrome) {
        self.chrome = chrome
        let group = figures.group
        let teamId: UUID? = {
            switch group {
            case .team(let id): id
            case .worker: figures.workers.first?.teamId
            case .service: nil
            }
        }()
        switch group {
        case .service: heading = "Performance: every team"
        case .team(let id): heading = "Performance: \(figures.teams.first { $0.id == id }?.name ?? "team")"
        case .worker(let id): heading = "Performance: \(figures.workers.first { $0.id == id }?.name ?? "worker")"
        }
        periodText = "\(figures.period.from.display) to \(figures.period.to.display)"
        from = figures.period.from.description
        to = figures.period.to.description
        let link = {
            (g: PerformanceFigures.Group, m: PerformanceMeasure, outcome: Bool?, month: PerformancePeriod.Month?) in
            SiteRoute.performanceChildren.path
                + PerformanceController.parameters(figures, g, measure: m, outcome: outcome, month: month)
        }
        let row = { (m: PerformanceMeasure) -> MeasureRow in
            let count = figures.count(m, group)
            return MeasureRow(
                label: m.label, counted: m.counted, met: Cell(text: "\(count.met)", href: link(group, m, true, nil)),
                total: Cell(text: "\(count.total)", href: link(group, m, nil, nil)),
                percent: count.percent.map { "\($0)%" } ?? "none counted",
                direction: m.higherIsBetter.map { $0 ? "higher is better" : "lower is better" } ?? "")
        }
        measureRows = PerformanceMeasure.timeliness.map(row)
        categoryRows = PerformanceMeasure.categories.map(row)
        columns = PerformanceMeasure.timeliness.map(\.label)
        let cell = { (g: PerformanceFigures.Group, m: PerformanceMeasure, month: PerformancePeriod.Month?) -> Cell in
            let count = figures.count(m, g, month: month)
            return Cell(text: count.text, href: link(g, m, nil, month))
        }
        groupHeading = group == .service ? "By team" : "By worker"
        groupRows = figures.subgroups.map { g, holder in
            GroupRow(
                name: holder.name,
                href: SiteRoute.performance.path + PerformanceController.parameters(figures, g),
                cells: PerformanceMeasure.timeliness.map { cell(g, $0, nil) })
        }
        hasGroupRows = !groupRows.isEmpty
        monthRows = figures.period.months.map { month in
            MonthRow(label: month.label, cells: PerformanceMeasure.timeliness.map { cell(group, $0, month) })
        }
        charts = Self.charts(figures, link: link)
        self.choosesTeam = choosesTeam
        teams =
            [Option(value: "", label: "Every team", selected: teamId == nil)]
            + figures.teams.map { Option(value: $0.id.text, label: $0.name, selected: $0.id == teamId) }
        var workerId: UUID?
        if case .worker(let id) = group { workerId = id }
        choosesWorker = group != .service && figures.workers.count > 1
        workers =
            [Option(value: "", label: "Every worker in the team", selected: workerId == nil)]
            + figures.workers.map { Option(value: $0.id.text, label: $0.name, selected: $0.id == workerId) }
        team = teamId?.text ?? ""
        keepsTeam = !choosesTeam && teamId != nil && group != .service && figures.workers.count > 1
        action = SiteRoute.performance.path
        csvHref = SiteRoute.performanceCSV.path + PerformanceController.parameters(figures, group)
    }

    private static func charts(
        _ figures: PerformanceFigures,
        link: (PerformanceFigures.Group, PerformanceMeasure, Bool?, PerformancePeriod.Month?) -> String
    ) -> [BarChart] {
        let group = figures.group
        var charts = [
            BarChart(
                id: "period",
                title: "Per cent meeting each measure, \(figures.period.from.display) to "
                    + "\(figures.period.to.display)",
                values: PerformanceMeasure.timeliness.map { m in
                    let count = figures.count(m, group)
                    return BarChart.Value(
                        m.label, Double(count.percent ?? 0), text: count.percent.map { "\($0)%" } ?? "none",
                        href: link(group, m, nil, nil))
                }, maximum: 100),
            BarChart(
                id: "categories", title: "Child protection plans started by initial category of abuse",
                values: PerformanceMeasure.categories.map { m in
                    BarChart.Value(
                        m.category?.label ?? m.label, Double(figures.count(m, group).met),
                        href: link(group, m, true, nil))
                }),
        ]
        for m in PerformanceMeasure.timeliness {
            charts.append(
                BarChart(
                    id: m.rawValue, title: "\(m.label), by month (per cent)",
                    values: figures.period.months.map { month in
                        let count = figures.count(m, group, month: month)
                        return BarChart.Value(
                            month.label, Double(count.percent ?? 0),
                            text: count.total == 0 ? "none" : "\(count.percent ?? 0)% of \(count.total)",
                            href: link(group, m, nil, month))
                    }, maximum: 100))
        }
        return charts
    }
}

/// The children behind one figure: those the reader may open, named and linked; the others counted only.
struct PerformanceChildrenPage: Page {
    static let template = Template.performanceChildren

    struct Row { let child: PersonRowModel; let events: Int; let met: Int }

    let chrome: Chrome
    let heading: String
    let detail: String
    let rows: [Row]
    let hasRows: Bool
    let hidden: Int
    let hasHidden: Bool
    let backHref: String

    init(_ children: PerformanceChildren, chrome: Chrome) {
        self.chrome = chrome
        let figures = children.figures
        heading = children.measure.label
        let outcome = children.outcome.map { $0 ? "meeting the measure" : "not meeting the measure" } ?? "counted"
        let when = children.month?.label ?? "\(figures.period.from.display) to \(figures.period.to.display)"
        detail = "Children \(outcome), \(when) (\(children.measure.counted))."
        rows = children.lines.map {
            Row(child: PersonRowModel($0.child, showAccessLog: false), events: $0.events, met: $0.met)
        }
        hasRows = !rows.isEmpty
        hidden = children.hidden
        hasHidden = children.hidden > 0
        backHref = SiteRoute.performance.path + PerformanceController.parameters(figures, figures.group)
    }
}
