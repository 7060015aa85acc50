import Foundation
import SafeholdCore
import SafeholdStore

/// The performance dashboard as JSON: the same figures as the page, for the reader's own line and each
/// team (or worker) under it, for the period and each month. No child is named.
struct PerformanceFiguresDTO: Encodable {
    struct Figure: Encodable {
        let measure: String, label: String, met: Int, counted: Int, percent: Int?
    }
    struct Month: Encodable {
        let month: String, figures: [Figure]
    }
    struct Line: Encodable {
        let whose: String, id: UUID?, name: String, figures: [Figure], months: [Month]
    }

    let from: String
    let to: String
    let today: String
    let lines: [Line]

    init(_ figures: PerformanceFigures) {
        from = figures.period.from.description
        to = figures.period.to.description
        today = figures.today.description
        let line = { (group: PerformanceFigures.Group, whose: String, id: UUID?, name: String) -> Line in
            let all = { (month: PerformancePeriod.Month?) -> [Figure] in
                PerformanceMeasure.allCases.map { m -> Figure in
                    let count = figures.count(m, group, month: month)
                    return Figure(
                        measure: m.rawValue, label: m.label, met: count.met, counted: count.total,
                        percent: count.percent)
                }
            }
            return Line(
                whose: whose, id: id, name: name, figures: all(nil),
                months: figures.period.months.map { Month(month: $0.key, figures: all($0)) })
        }
        var lines: [Line] = []
        switch figures.group {
        case .service: lines.append(line(.service, "service", nil, "Every team"))
        case .team(let id): lines.append(line(.team(id), "team", id, figures.teams.first { $0.id == id }?.name ?? ""))
        case .worker(let id):
            lines.append(line(.worker(id), "worker", id, figures.workers.first { $0.id == id }?.name ?? ""))
        }
        for (group, holder) in figures.subgroups {
            lines.append(line(group, figures.group == .service ? "team" : "worker", holder.id, holder.name))
        }
        self.lines = lines
    }
}

/// The children behind one figure as JSON: those the reader may open, and how many others are counted.
struct PerformanceChildrenDTO: Encodable {
    struct Child: Encodable {
        let id: UUID, localId: String?, name: String, counted: Int, met: Int
    }

    let measure: String
    let month: String?
    let outcome: String?
    let children: [Child]
    let notShown: Int

    init(_ list: PerformanceChildren) {
        measure = list.measure.rawValue
        month = list.month?.key
        outcome = list.outcome.map { $0 ? "met" : "missed" }
        children = list.lines.map {
            Child(
                id: $0.child.id, localId: $0.child.localId, name: $0.child.displayName, counted: $0.events, met: $0.met)
        }
        notShown = list.hidden
    }
}
