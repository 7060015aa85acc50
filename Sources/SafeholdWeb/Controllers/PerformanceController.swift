import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The performance (timeliness) dashboard, the children behind each figure, the CSV download and the
/// `/api/v1` twins: one store call each, the store deciding whose figures the reader sees
/// (`PerformanceAccess`) and auditing the view, the CSV and every child listed.
struct PerformanceController {
    let store: Store
    let renderer: PageRenderer

    /// What the reader asked for: the period and whose figures.
    struct Query {
        let period: PerformancePeriod
        let team: UUID?
        let worker: UUID?
    }

    func register(on pages: RouterGroup<SafeholdContext>) {
        pages.get(SiteRoute.performance) { request, context in
            let identity = try context.requireIdentity()
            let query = try await self.query(request, context)
            let figures = try await self.store.performanceFigures(
                period: query.period, team: query.team, worker: query.worker, context: try context.audit())
            var page = PerformancePage(
                figures, choosesTeam: PerformanceAccess.scope(identity.actor) == .all,
                chrome: Chrome(title: "Performance", identity: identity))
            page.readCopy = ReadCopyNote.text(lag: await self.store.replicaLag())
            return self.renderer.page(page)
        }
        pages.get(SiteRoute.performanceChildren) { request, context in
            let identity = try context.requireIdentity()
            let children = try await self.children(request, context)
            return self.renderer.page(
                PerformanceChildrenPage(children, chrome: Chrome(title: "Children behind a figure", identity: identity))
            )
        }
        pages.get(SiteRoute.performanceCSV) { request, context in
            let query = try await self.query(request, context)
            let figures = try await self.store.performanceFigures(
                period: query.period, team: query.team, worker: query.worker, purpose: "csv export",
                context: try context.audit())
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] =
                "attachment; filename=\"performance-\(figures.period.from)-\(figures.period.to).csv\""
            headers[.cacheControl] = "no-store"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Self.csv(figures).text)))
        }
    }

    func register(signedIn api: RouterGroup<SafeholdContext>) {
        api.get(SiteRoute.API.performance) { request, context in
            let query = try await self.query(request, context)
            let figures = try await self.store.performanceFigures(
                period: query.period, team: query.team, worker: query.worker, purpose: "api",
                context: try context.audit())
            return try APIResponse.json(PerformanceFiguresDTO(figures))
        }
        api.get(SiteRoute.API.performanceChildren) { request, context in
            let children = try await self.children(request, context)
            return try APIResponse.json(PerformanceChildrenDTO(children))
        }
    }

    /// The period, team and worker asked for (`?from=&to=&team=&worker=`), each refused with its field
    /// named when it is not a date or an id; a role without a dashboard is refused (403, audited) first.
    func query(_ request: Request, _ context: SafeholdContext) async throws -> Query {
        try await store.requirePerformanceAccess(context: try context.audit())
        let parameters = request.uri.queryParameters
        let period = try PerformancePeriod.parse(
            from: parameters.get("from"), to: parameters.get("to"), today: store.today)
        return Query(period: period, team: try Self.id(request, "team"), worker: try Self.id(request, "worker"))
    }

    /// The children behind one figure (`?measure=&outcome=met|missed&month=YYYY-MM` and the query above).
    func children(_ request: Request, _ context: SafeholdContext) async throws -> PerformanceChildren {
        let query = try await self.query(request, context)
        let parameters = request.uri.queryParameters
        var v = Validation()
        let measure = PerformanceMeasure(rawValue: parameters.get("measure") ?? "")
        if measure == nil { v.add("measure", "must be one of the dashboard's measures") }
        let outcome: Bool?
        switch parameters.get("outcome") ?? "" {
        case "": outcome = nil
        case "met": outcome = true
        case "missed": outcome = false
        default:
            outcome = nil
            v.add("outcome", "must be met or missed")
        }
        try v.check()
        guard let measure else { throw SafeholdError.invalid([FieldError("measure", "is required")]) }
        if let month = parameters.get("month"), !month.isEmpty, query.period.month(month) == nil {
            throw SafeholdError.invalid([FieldError("month", "must be a month of the period (YYYY-MM)")])
        }
        return try await store.performanceChildren(
            measure, outcome: outcome, month: parameters.get("month"), period: query.period, team: query.team,
            worker: query.worker, context: try context.audit())
    }

    /// An id asked for, refused with the field named when it is not one.
    static func id(_ request: Request, _ field: String) throws -> UUID? {
        guard let text = request.uri.queryParameters.get(field), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw SafeholdError.invalid([FieldError(field, "must be the id of a \(field)")])
        }
        return id
    }

    /// The query string that shows `figures` again, narrowed to `group` (and a month and measure).
    static func parameters(
        _ figures: PerformanceFigures, _ group: PerformanceFigures.Group, measure: PerformanceMeasure? = nil,
        outcome: Bool? = nil, month: PerformancePeriod.Month? = nil
    ) -> String {
        var items = ["from=\(figures.period.from)", "to=\(figures.period.to)"]
        switch group {
        case .service: break
        case .team(let id): items.append("team=\(id)")
        case .worker(let id): items.append("worker=\(id)")
        }
        if let measure { items.append("measure=\(measure.rawValue)") }
        if let outcome { items.append("outcome=\(outcome ? "met" : "missed")") }
        if let month { items.append("month=\(month.key)") }
        return "?" + items.joined(separator: "&")
    }

    /// One row per figure: the reader's own line, then each team (or worker), for the whole period and each
    /// month; every cell made safe for a spreadsheet.
    static func csv(_ figures: PerformanceFigures) -> CSV {
        var csv = CSV(header: ["Whose", "Name", "Measure", "Period", "Met", "Counted", "Per cent"])
        let own: (PerformanceFigures.Group, String, String) = {
            switch figures.group {
            case .service: (.service, "service", "Every team")
            case .team(let id): (.team(id), "team", figures.teams.first { $0.id == id }?.name ?? "")
            case .worker(let id): (.worker(id), "worker", figures.workers.first { $0.id == id }?.name ?? "")
            }
        }()
        let lines =
            [own]
            + figures.subgroups.map { group, holder in
                (group, figures.group == .service ? "team" : "worker", holder.name)
            }
        let periods: [(String, PerformancePeriod.Month?)] =
            [("\(figures.period.from) to \(figures.period.to)", nil)] + figures.period.months.map { ($0.key, $0) }
        for (group, whose, name) in lines {
            for measure in PerformanceMeasure.allCases {
                for (label, month) in periods {
                    let count = figures.count(measure, group, month: month)
                    csv.append([
                        whose, name, measure.label, label, "\(count.met)", "\(count.total)",
                        count.percent.map(String.init) ?? "",
                    ])
                }
            }
        }
        return csv
    }
}
