import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The workforce dashboard's page, its CSV download and its `/api/v1` twin: one store call each, the
/// store deciding whose figures the reader sees (`WorkforceDashboardAccess`) and auditing the view.
struct WorkforceDashboardController {
    let store: Store
    let renderer: PageRenderer

    func register(on pages: RouterGroup<SafeholdContext>) {
        pages.get(SiteRoute.workforceDashboard) { request, context in
            let identity = try context.requireIdentity()
            let team = try Self.team(request)
            let figures = try await self.store.workforceFigures(team: team, context: try context.audit())
            let senior = WorkforceDashboardAccess.scope(identity.actor) == .all
            var page = WorkforceDashboardPage(
                figures, team: team ?? (figures.teams.count == 1 ? figures.teams.first?.id : nil),
                choosesTeam: senior, links: Self.links(senior: senior),
                chrome: Chrome(title: "Workforce", identity: identity))
            page.readCopy = ReadCopyNote.text(lag: await self.store.replicaLag())
            return self.renderer.page(page)
        }
        pages.get(SiteRoute.workforceDashboardCSV) { request, context in
            let figures = try await self.store.workforceFigures(
                team: try Self.team(request), context: try context.audit())
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"workforce-\(figures.today).csv\""
            headers[.cacheControl] = "no-store"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Self.csv(figures).text)))
        }
    }

    func register(signedIn api: RouterGroup<SafeholdContext>) {
        api.get(SiteRoute.API.workforceDashboard) { request, context in
            let figures = try await self.store.workforceFigures(
                team: try Self.team(request), context: try context.audit())
            return try APIResponse.json(WorkforceFiguresDTO(figures))
        }
    }

    /// The team asked for (`?team=`), refused with the field named when it is not an id.
    static func team(_ request: Request) throws -> UUID? {
        guard let text = request.uri.queryParameters.get("team"), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw SafeholdError.invalid([FieldError("team", "must be a team's id")])
        }
        return id
    }

    /// One row per worker, then one per team, every cell made safe for a spreadsheet.
    static func csv(_ figures: WorkforceFigures) -> CSV {
        var csv = CSV(header: [
            "Row", "Team", "Worker", "Role", "Children", "Weighted caseload", "Over capacity",
            "Expected training current", "Expected training", "Expired", "Expiring in 30 days", "Expiring in 60 days",
            "Expiring in 90 days", "Supervision due", "Supervision overdue", "Unallocated children",
            "Welfare check-ins since \(figures.since)",
        ])
        let today = figures.today
        let expiring = { (w: WorkforceFigures.Worker) in
            WorkforceFigures.expiryWindows.map { "\(w.expiring(within: $0, of: today))" }
        }
        for team in figures.teams {
            for w in team.workers {
                csv.append(
                    [
                        "worker", team.name, w.name, w.role.label, "\(w.children)",
                        WorkforceDashboardPage.number(w.weighted),
                        w.weighted > figures.capacity ? "yes" : "no", "\(w.currentExpectedCourses)",
                        "\(w.expectedCourses)",
                        "\(w.expired)",
                    ] + expiring(w)
                        + [w.supervisionDue?.description ?? "", w.supervisionOverdue(on: today) ? "yes" : "no", "", ""])
            }
            csv.append(
                [
                    "team", team.name, "", "", "\(team.children)", WorkforceDashboardPage.number(team.weighted),
                    "\(team.workers.filter { $0.weighted > figures.capacity }.count)",
                    "\(team.workers.filter(\.trainingCurrent).count)", "\(team.workers.count)",
                    "\(team.workers.reduce(0) { $0 + $1.expired })",
                ]
                    + WorkforceFigures.expiryWindows.map { days in
                        "\(team.workers.reduce(0) { $0 + $1.expiring(within: days, of: today) })"
                    }
                    + [
                        "", "\(team.workers.filter { $0.supervisionOverdue(on: today) }.count)", "\(team.unallocated)",
                        "\(team.welfareCheckIns)",
                    ])
        }
        return csv
    }

    /// `route` with `?team=` when one team is meant.
    static func path(_ route: Route, team: UUID?) -> String { route.path + (team.map { "?team=\($0)" } ?? "") }

    /// The lists behind the figures for the reader: a manager's supervision list is their team's page; a
    /// senior role's is the dashboard's own table of workers, team by team.
    static func links(senior: Bool) -> WorkforceDashboardPage.Links {
        WorkforceDashboardPage.Links(
            caseloads: { path(SiteRoute.workforceCaseloads, team: $0) },
            training: { path(SiteRoute.workforceTraining, team: $0) },
            expiring: { path(SiteRoute.workforceTraining, team: $1) },
            supervision: { senior ? path(SiteRoute.workforceDashboard, team: $0) : SiteRoute.supervision.path },
            dashboard: { path(SiteRoute.workforceDashboard, team: $0) },
            csv: { path(SiteRoute.workforceDashboardCSV, team: $0) })
    }
}
