import Foundation

/// Something due on an episode, with its date and how it stands today.
public struct DueItem: Hashable, Codable, Sendable {
    public enum Status: String, Codable, Sendable { case overdue, dueSoon = "due_soon", onTrack = "on_track" }

    public let what: String
    public let dueOn: LocalDate
    public let status: Status

    public init(what: String, dueOn: LocalDate, status: Status) {
        self.what = what
        self.dueOn = dueOn
        self.status = status
    }
}

/// Works out what is due next on an episode from its derived state: every due date follows from
/// the recorded events and the ruleset; none is typed in.
public enum Timeliness {
    /// How many working days before a due date an item counts as due soon.
    public static let dueSoonWindow = 3

    public static func dueItems(_ s: EpisodeState, ruleset: Ruleset, today: LocalDate) -> [DueItem] {
        guard !s.isClosed else { return [] }
        var items: [(String, LocalDate)] = []
        if !s.assessments.contains(where: { $0.completedOn != nil }) || s.openAssessment != nil {
            items.append(("Assessment completed", ruleset.due(ruleset.assessment, from: s.referralDate)))
        }
        if let enquiry = s.enquiryAwaitingConference {
            items.append(
                (
                    "Initial child protection conference",
                    ruleset.due(ruleset.initialConference, from: enquiry.strategyOn)
                ))
        }
        if let plan = s.openPlan(.childProtection), let icpc = s.initialConference {
            if let last = plan.coreGroups.max() {
                items.append(("Core group meeting", ruleset.due(ruleset.coreGroupInterval, from: last)))
            } else {
                items.append(("First core group meeting", ruleset.due(ruleset.firstCoreGroup, from: icpc)))
            }
            if let lastReview = s.reviewConferences.max() {
                items.append(("Review conference", ruleset.due(ruleset.laterReviews, from: lastReview)))
            } else {
                items.append(("First review conference", ruleset.due(ruleset.firstReview, from: icpc)))
            }
        }
        for plan in s.plans where plan.endedOn == nil {
            let from = plan.lastVisit ?? plan.startedOn
            items.append(
                (
                    "Visit (\(plan.kind.label.lowercased()))",
                    ruleset.due(.workingDays(plan.visitIntervalWorkingDays), from: from)
                ))
        }
        return items.map { what, due in
            DueItem(what: what, dueOn: due, status: status(of: due, today: today, calendar: ruleset.calendar))
        }.sorted { $0.dueOn < $1.dueOn }
    }

    public static func status(of due: LocalDate, today: LocalDate, calendar: WorkingCalendar) -> DueItem.Status {
        if due < today { return .overdue }
        return calendar.adding(workingDays: dueSoonWindow, to: today) >= due ? .dueSoon : .onTrack
    }
}
