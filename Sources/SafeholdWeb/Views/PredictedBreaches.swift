import Foundation
import SafeholdCore
import SafeholdStore

/// The top of a worker's (and a team manager's) home page: children whose next statutory step falls due
/// within three working days and is not done, so will be late unless something happens now.
struct PredictedBreachSection {
    struct Row { let name: String; let href: String; let what: String; let due: String; let working: String }

    let key: String
    let heading: String
    let rows: [Row]
    let count: Int

    init(key: String, heading: String, lines: [DueLine], calendar: WorkingCalendar, today: LocalDate) {
        self.key = key
        self.heading = heading
        rows = lines.map { line in
            let days = calendar.workingDaysInclusive(from: today.adding(days: 1), to: line.item.dueOn)
            return Row(
                name: line.child.displayName, href: SiteRoute.person(line.child.id).path, what: line.item.what,
                due: PersonPage.format(line.item.dueOn),
                working: days == 0 ? "due today" : "\(days) working day\(days == 1 ? "" : "s") left")
        }
        count = rows.count
    }

    /// The reader's own section, then their team's (a team manager's), leaving out empty ones.
    static func sections(_ store: Store, context: AuditContext) async throws -> [PredictedBreachSection] {
        let (mine, team) = try await store.predictedBreaches(context: context)
        let calendar = store.ruleset.calendar, today = store.today
        return [
            PredictedBreachSection(
                key: "breach-mine", heading: "Will be late unless done in the next three working days: my children",
                lines: mine, calendar: calendar, today: today),
            PredictedBreachSection(
                key: "breach-team", heading: "Will be late unless done in the next three working days: my team",
                lines: team, calendar: calendar, today: today),
        ].filter { $0.count > 0 }
    }
}
