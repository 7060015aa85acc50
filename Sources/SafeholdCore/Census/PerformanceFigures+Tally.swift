import Foundation

extension PerformanceFigures {
    /// Every figure counted once, so a page of every team and month is a look-up per cell.
    ///
    /// A whole service's year holds about 800,000 events, each counted for the service, its team and its
    /// worker, in its month and for the period: the counting is done in flat arrays indexed by measure, month
    /// and group, and only the figures that count something become keys.
    static func tally(_ events: [PerformanceEvent], period: PerformancePeriod, today: LocalDate) -> [Key: Count] {
        let last = PerformanceMeasures.snapshotDays(period, today: today).last
        let measures = PerformanceMeasure.allCases
        let measureIndex = Dictionary(uniqueKeysWithValues: measures.enumerated().map { ($1, $0) })
        let months = period.months.map { month($0.first) }
        let monthIndex = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        // Groups: 0 is the service, then each team and each worker in the order met.
        var groups: [Group] = [.service]
        var teamIndex: [UUID: Int] = [:], workerIndex: [UUID: Int] = [:]
        func index(_ id: UUID?, _ table: inout [UUID: Int], _ group: (UUID) -> Group) -> Int {
            guard let id else { return -1 }
            if let found = table[id] { return found }
            groups.append(group(id))
            table[id] = groups.count - 1
            return groups.count - 1
        }
        let placed = events.map { event in
            (
                team: index(event.teamId, &teamIndex, Group.team),
                worker: index(event.workerId, &workerIndex, Group.worker),
                month: monthIndex[month(event.on)] ?? -1
            )
        }
        // Slot: (measure * (months + 1) + month) * groups + group; month `months.count` is the whole period.
        let monthSlots = months.count + 1, groupCount = groups.count
        var met = [Int](repeating: 0, count: measures.count * monthSlots * groupCount)
        var total = met
        for (event, place) in zip(events, placed) {
            guard let measure = measureIndex[event.measure] else { continue }
            let whole = !event.measure.isSnapshot || event.on == last ? months.count : -1
            func add(_ group: Int, _ slot: Int) {
                guard group >= 0, slot >= 0 else { return }
                let at = (measure * monthSlots + slot) * groupCount + group
                total[at] += 1
                if event.met { met[at] += 1 }
            }
            add(0, place.month)
            add(0, whole)
            add(place.team, place.month)
            add(place.team, whole)
            add(place.worker, place.month)
            add(place.worker, whole)
        }
        var table: [Key: Count] = [:]
        for at in total.indices where total[at] > 0 {
            let group = at % groupCount, rest = at / groupCount
            let slot = rest % monthSlots, measure = rest / monthSlots
            let key = Key(
                measure: measures[measure], group: groups[group], month: slot < months.count ? months[slot] : nil)
            table[key] = Count(met: met[at], total: total[at])
        }
        return table
    }
}
