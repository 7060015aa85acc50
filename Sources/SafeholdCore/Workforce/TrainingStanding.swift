import Foundation

/// How a worker stands on one course today.
public enum TrainingState: String, CaseIterable, Codable, Sendable {
    /// Current, and not expiring within the longest reminder window.
    case current
    /// Current, but expiring within a reminder window (90, 60 or 30 days).
    case expiring
    /// Held once, no longer current.
    case expired
    /// Expected of the worker's role and never recorded.
    case missing

    public var label: String {
        switch self {
        case .current: "Current"
        case .expiring: "Expiring"
        case .expired: "Expired"
        case .missing: "Not held"
        }
    }
}

/// A worker's standing on one course: its latest record (the one current longest) and what it means today.
public struct CourseStanding: Hashable, Sendable {
    public let course: TrainingCourse
    public let state: TrainingState
    public let latest: TrainingRecord?
    /// The smallest reminder window the expiry falls in, in days (expiring only).
    public let windowDays: Int?
    /// Whether the catalogue expects it of the worker's role.
    public let expected: Bool
}

extension TrainingCatalogue {
    /// The reminder windows in days, shortest first (90/60/30 held as calendar days or weeks).
    public var reminderDays: [Int] {
        reminders.compactMap { timescale -> Int? in
            switch timescale {
            case .calendarDays(let n): n
            case .weeks(let n): n * 7
            case .calendarMonths(let n): n * 30
            case .workingDays, .hours: nil
            }
        }.sorted()
    }

    /// The smallest reminder window (in days) that `expiresOn` falls in, seen on `today`; nil when it has
    /// expired already or lies beyond the longest window.
    public func reminderWindow(expiresOn: LocalDate?, today: LocalDate) -> Int? {
        guard let expiresOn else { return nil }
        let left = expiresOn.daysSinceEpoch - today.daysSinceEpoch
        guard left >= 0 else { return nil }
        return reminderDays.first { left <= $0 }
    }

    /// The record of `records` (all one worker's) for `course` that stays current longest.
    public func latest(_ course: String, in records: [TrainingRecord]) -> TrainingRecord? {
        records.filter { $0.course == course }.max { a, b in
            switch (a.expiresOn, b.expiresOn) {
            case (nil, nil): a.completedOn < b.completedOn
            case (nil, _): false
            case (_, nil): true
            case (let x?, let y?): x == y ? a.completedOn < b.completedOn : x < y
            }
        }
    }

    /// A worker's standing on every course they hold a record of or their role is expected to hold.
    public func standing(of records: [TrainingRecord], role: Role, on today: LocalDate) -> [CourseStanding] {
        courses.compactMap { course in
            let expected = course.expectedOf.contains(role)
            guard let latest = latest(course.code, in: records) else {
                return expected
                    ? CourseStanding(course: course, state: .missing, latest: nil, windowDays: nil, expected: true)
                    : nil
            }
            let window = reminderWindow(expiresOn: latest.expiresOn, today: today)
            let state: TrainingState
            if latest.isCurrent(on: today) {
                state = window != nil ? .expiring : .current
            } else {
                state = latest.completedOn > today ? .missing : .expired
            }
            return CourseStanding(
                course: course, state: state, latest: latest, windowDays: state == .expiring ? window : nil,
                expected: expected)
        }
    }
}
