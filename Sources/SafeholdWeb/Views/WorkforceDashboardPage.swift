import Foundation
import SafeholdCore

/// The workforce dashboard: caseloads (weighted and unweighted), training compliance, accreditations
/// expiring in 30, 60 and 90 days, overdue supervision and welfare check-in counts, for one team or
/// every team, as charts drawn on the server with the same figures in tables; each figure links to the
/// list behind it (welfare check-ins have no list: their content is the worker's own).
struct WorkforceDashboardPage: Page {
    static let template = Template.workforceDashboard

    /// Where each figure's list is, for one team (or every team when nil).
    struct Links {
        let caseloads: (UUID?) -> String
        let training: (UUID?) -> String
        let expiring: (Int, UUID?) -> String
        let supervision: (UUID?) -> String
        let dashboard: (UUID?) -> String
        let csv: (UUID?) -> String
    }

    struct Card { let label: String; let value: String; let href: String }
    struct TeamRow {
        let name: String, href: String, workers: Int, children: Int, weighted: String, unallocated: Int
        let compliance: String, expiring: [Int], overdue: Int, welfare: Int
    }
    struct WorkerRow {
        let name: String, children: Int, weighted: String, overCapacity: Bool, training: String, expired: Int
        let expiring: Int, supervision: String, overdue: Bool
    }

    let chrome: Chrome
    let heading: String
    let asOf: String
    let since: String
    let cards: [Card]
    let charts: [BarChart]
    let teamRows: [TeamRow]
    let workerRows: [WorkerRow]
    let hasWorkerRows: Bool
    let teams: [Option]
    let choosesTeam: Bool
    let action: String
    let csvHref: String
    let capacity: String
    /// How far behind the reporting copy the figures may be; nil when they come from the primary.
    var readCopy: String?

    init(_ figures: WorkforceFigures, team: UUID?, choosesTeam: Bool, links: Links, chrome: Chrome) {
        self.chrome = chrome
        let shown = figures.teams.first { $0.id == team }
        heading = shown.map { "Workforce: \($0.name)" } ?? "Workforce: every team"
        asOf = figures.today.display
        since = figures.since.display
        capacity = Self.number(figures.capacity)
        let today = figures.today
        let scoped = shown.map { [$0] } ?? figures.teams
        let workers = scoped.flatMap(\.workers)
        let current = workers.filter(\.trainingCurrent).count
        cards =
            [
                Card(
                    label: "Children allocated", value: "\(workers.reduce(0) { $0 + $1.children })",
                    href: links.caseloads(team)),
                Card(
                    label: "Weighted caseload",
                    value: Self.number(workers.reduce(0) { $0 + $1.weighted }), href: links.caseloads(team)),
                Card(
                    label: "Workers over capacity", value: "\(workers.filter { $0.weighted > figures.capacity }.count)",
                    href: links.caseloads(team)),
                Card(
                    label: "Training compliance",
                    value: workers.isEmpty ? "no workers" : "\(current * 100 / workers.count)%",
                    href: links.training(team)),
            ]
            + WorkforceFigures.expiryWindows.map { days in
                Card(
                    label: "Accreditations expiring in \(days) days",
                    value: "\(workers.reduce(0) { $0 + $1.expiring(within: days, of: today) })",
                    href: links.expiring(days, team))
            }
            + [
                Card(
                    label: "Supervision overdue", value: "\(workers.filter { $0.supervisionOverdue(on: today) }.count)",
                    href: links.supervision(team))
            ]
        teamRows = scoped.map { line in
            TeamRow(
                name: line.name, href: links.dashboard(line.id), workers: line.workers.count, children: line.children,
                weighted: Self.number(line.weighted), unallocated: line.unallocated,
                compliance: line.trainingCompliance.map { "\($0)%" } ?? "no workers",
                expiring: WorkforceFigures.expiryWindows.map { days in
                    line.workers.reduce(0) { $0 + $1.expiring(within: days, of: today) }
                },
                overdue: line.workers.filter { $0.supervisionOverdue(on: today) }.count, welfare: line.welfareCheckIns)
        }
        workerRows = (shown?.workers ?? []).map { w in
            WorkerRow(
                name: w.name, children: w.children, weighted: Self.number(w.weighted),
                overCapacity: w.weighted > figures.capacity,
                training: w.expectedCourses == 0
                    ? "none expected" : "\(w.currentExpectedCourses) of \(w.expectedCourses)",
                expired: w.expired, expiring: w.expiring(within: 90, of: today),
                supervision: w.supervisionDue.map { ($0 < today ? "overdue since " : "due ") + $0.display }
                    ?? "not supervised",
                overdue: w.supervisionOverdue(on: today))
        }
        hasWorkerRows = !workerRows.isEmpty
        charts = Self.charts(figures, shown: shown, links: links)
        self.choosesTeam = choosesTeam
        teams =
            [Option(value: "", label: "Every team", selected: team == nil)]
            + figures.teams.map { Option(value: $0.id.text, label: $0.name, selected: $0.id == team) }
        action = links.dashboard(nil)
        csvHref = links.csv(team)
    }

    private static func charts(_ figures: WorkforceFigures, shown: WorkforceFigures.Team?, links: Links) -> [BarChart] {
        let today = figures.today
        if let shown {
            return [
                BarChart(
                    id: "caseload", title: "Weighted caseload by worker, \(shown.name)",
                    values: shown.workers.map { BarChart.Value($0.name, $0.weighted, href: links.caseloads(shown.id)) },
                    mark: (figures.capacity, "capacity \(number(figures.capacity))")),
                BarChart(
                    id: "expiring", title: "Accreditations expiring, \(shown.name)",
                    values: WorkforceFigures.expiryWindows.map { days in
                        BarChart.Value(
                            "Within \(days) days",
                            Double(shown.workers.reduce(0) { $0 + $1.expiring(within: days, of: today) }),
                            href: links.expiring(days, shown.id))
                    }),
            ]
        }
        return [
            BarChart(
                id: "caseload", title: "Average weighted caseload per worker by team",
                values: figures.teams.map { team in
                    BarChart.Value(
                        team.name, team.workers.isEmpty ? 0 : team.weighted / Double(team.workers.count),
                        href: links.dashboard(team.id))
                }, mark: (figures.capacity, "capacity \(number(figures.capacity))")),
            BarChart(
                id: "training", title: "Training compliance by team (per cent of workers current)",
                values: figures.teams.map { team in
                    BarChart.Value(
                        team.name, Double(team.trainingCompliance ?? 0),
                        text: team.trainingCompliance.map { "\($0)%" } ?? "none",
                        href: links.training(team.id))
                }, maximum: 100),
            BarChart(
                id: "supervision", title: "Workers with supervision overdue by team",
                values: figures.teams.map { team in
                    BarChart.Value(
                        team.name, Double(team.workers.filter { $0.supervisionOverdue(on: today) }.count),
                        href: links.supervision(team.id))
                }),
            BarChart(
                id: "welfare", title: "Welfare check-ins by team since \(figures.since.display) (counts only)",
                values: figures.teams.map { BarChart.Value($0.name, Double($0.welfareCheckIns)) }),
        ]
    }

    /// A weight as workers read it: "21", "21.5".
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(format: "%.1f", tenths)
    }
}
