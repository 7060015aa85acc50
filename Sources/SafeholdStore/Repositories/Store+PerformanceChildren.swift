import Foundation
import SQLKit
import SafeholdCore

/// The children behind one figure of the performance dashboard.
public struct PerformanceChildren: Sendable {
    /// One child the reader may open, with how many of the figure's events are theirs and how many met it.
    public struct Line: Sendable, Hashable {
        public let child: PersonSummary
        public let events: Int
        public let met: Int
    }

    public let figures: PerformanceFigures
    public let measure: PerformanceMeasure
    public let month: PerformancePeriod.Month?
    /// Only the events meeting the measure (true), only those missing it (false), or all (nil).
    public let outcome: Bool?
    public let lines: [Line]
    /// Children counted in the figure whom the reader may not open: counted, never named.
    public let hidden: Int
}

extension Store {
    /// The children behind one figure: the same read as the dashboard (same scope and refusals), then the
    /// children named only where the access policy lets the reader open the record, each audited as listed.
    public func performanceChildren(
        _ measure: PerformanceMeasure, outcome: Bool?, month: String?, period: PerformancePeriod?, team: UUID?,
        worker: UUID?, context: AuditContext
    ) async throws -> PerformanceChildren {
        let figures = try await performanceFigures(
            period: period, team: team, worker: worker, purpose: "children behind \(measure.rawValue)",
            context: context)
        var chosen: PerformancePeriod.Month?
        if let month, !month.isEmpty {
            guard let found = figures.period.month(month) else {
                throw SafeholdError.invalid([FieldError("month", "must be a month of the period (YYYY-MM)")])
            }
            chosen = found
        }
        let group = figures.group
        let events = figures.events(measure, group, month: chosen).filter { outcome == nil || $0.met == outcome }
        var byChild: [UUID: (events: Int, met: Int)] = [:]
        for event in events {
            byChild[event.personId, default: (0, 0)].events += 1
            if event.met { byChild[event.personId, default: (0, 0)].met += 1 }
        }
        let tallies = byChild, ids = Array(byChild.keys)
        let shown = try await list(
            "performance", detail: "children behind \(measure.rawValue)", context: context,
            people: { (line: PerformanceChildren.Line) in [line.child.id] }
        ) { db, scope -> [PerformanceChildren.Line] in
            var lines: [PerformanceChildren.Line] = []
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = ids[start..<min(start + 500, ids.count)].map(\.db)
                lines += try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.summaryColumns), 1 AS can_view FROM persons p
                    WHERE p.id IN (\(binds: chunk)) AND \(scope.view)
                    """
                ).all().map { row in
                    let child = try Self.summary(row)
                    let counts = tallies[child.id] ?? (0, 0)
                    return PerformanceChildren.Line(child: child, events: counts.events, met: counts.met)
                }
            }
            return lines.sorted {
                ($0.child.familyName, $0.child.givenName ?? "", $0.child.localId ?? "")
                    < ($1.child.familyName, $1.child.givenName ?? "", $1.child.localId ?? "")
            }
        }
        return PerformanceChildren(
            figures: figures, measure: measure, month: chosen, outcome: outcome, lines: shown,
            hidden: ids.count - shown.count)
    }
}
