import Foundation

/// Someone at a strategy meeting or evaluation, and their agency.
public struct Attendee: Hashable, Codable, Sendable {
    public let name: String
    public let agency: String

    public init(name: String, agency: String) {
        self.name = name
        self.agency = agency
    }

    /// The most attendees one meeting records.
    public static let maxAttendees = 30

    /// Checks the attendees (rows left wholly blank are skipped): at least one, each with a name and an agency.
    static func check(_ attendees: [Attendee], _ v: inout Validation) -> [Attendee] {
        let given = attendees.filter { $0.name.nonBlank != nil || $0.agency.nonBlank != nil }
        guard v.count("attendees", given.count, max: maxAttendees, noun: "attendees") else { return [] }
        if given.isEmpty { v.add("attendees", "name at least one person who took part, with their agency") }
        for (i, person) in given.enumerated() {
            v.text("attendees[\(i)].name", person.name, required: true, max: 100)
            v.text("attendees[\(i)].agency", person.agency, required: true, max: 200)
        }
        return given.map {
            Attendee(
                name: $0.name.trimmingCharacters(in: .whitespaces),
                agency: $0.agency.trimmingCharacters(in: .whitespaces))
        }
    }
}

extension String {
    /// The text, unless it is only blanks.
    var nonBlank: String? { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self }
}

/// A LADO service's figures for a year (the referrals received in it): by source, sector and outcome,
/// and how many of those resolved did so within each resolution target (`ladoResolutionTargets`).
public struct AllegationFigures: Hashable, Sendable {
    /// One referral as the figures count it.
    public struct Referral: Hashable, Sendable {
        public let source: AllegationSource
        public let sector: AllegationSector
        public let receivedOn: LocalDate
        /// The outcome, or nil for no further LADO action (with `resolvedOn`) or an open case.
        public let outcome: AllegationOutcome?
        public let resolvedOn: LocalDate?
        /// When the initial consideration was due (a working day after receipt) and when it was made.
        public let considerationDue: LocalDate?
        public let consideredOn: LocalDate?

        public init(
            source: AllegationSource, sector: AllegationSector, receivedOn: LocalDate, outcome: AllegationOutcome?,
            resolvedOn: LocalDate?, considerationDue: LocalDate? = nil, consideredOn: LocalDate? = nil
        ) {
            self.source = source
            self.sector = sector
            self.receivedOn = receivedOn
            self.outcome = outcome
            self.resolvedOn = resolvedOn
            self.considerationDue = considerationDue
            self.consideredOn = consideredOn
        }
    }

    /// A labelled count.
    public struct Count: Hashable, Sendable {
        public let code: String
        public let label: String
        public let count: Int
    }

    /// The share of resolved referrals resolved within one target.
    public struct Timeliness: Hashable, Sendable {
        public let label: String
        public let within: Int
        public let resolved: Int
        /// Whole per cent, rounded down; nil when nothing was resolved.
        public var percent: Int? { resolved == 0 ? nil : within * 100 / resolved }
    }

    public let year: Int
    public let total: Int
    public let open: Int
    public let bySource: [Count]
    public let bySector: [Count]
    /// Each outcome, then "no further LADO action" and "open".
    public let byOutcome: [Count]
    public let timeliness: [Timeliness]
    /// The initial considerations made within their timescale (`ladoInitialConsideration`), out of those made
    /// (`resolved` counts the considerations made).
    public let consideration: Timeliness

    /// Counts the referrals received in `year`; a case is resolved within a target when its resolution
    /// date is no later than the target's due date from its receipt (counted by `ruleset`).
    public init(year: Int, referrals: [Referral], ruleset: Ruleset) {
        let these = referrals.filter { $0.receivedOn.year == year }
        self.year = year
        total = these.count
        open = these.filter { $0.resolvedOn == nil }.count
        bySource = AllegationSource.allCases.map { s in
            Count(code: s.rawValue, label: s.label, count: these.filter { $0.source == s }.count)
        }
        bySector = AllegationSector.allCases.map { s in
            Count(code: s.rawValue, label: s.label, count: these.filter { $0.sector == s }.count)
        }
        byOutcome =
            AllegationOutcome.allCases.map { o in
                Count(code: o.rawValue, label: o.label, count: these.filter { $0.outcome == o }.count)
            } + [
                Count(
                    code: "no_further_action", label: "No further LADO action",
                    count: these.filter { $0.outcome == nil && $0.resolvedOn != nil }.count),
                Count(code: "open", label: "Still open", count: open),
            ]
        let resolved = these.filter { $0.resolvedOn != nil }
        timeliness = ruleset.risk.ladoResolutionTargets.map { target in
            Timeliness(
                label: "Resolved within \(Self.describe(target))",
                within: resolved.filter { $0.resolvedOn! <= ruleset.due(target, from: $0.receivedOn) }.count,
                resolved: resolved.count)
        }
        let considered = these.filter { $0.consideredOn != nil && $0.considerationDue != nil }
        consideration = Timeliness(
            label: "Initial consideration within \(Self.describe(ruleset.risk.ladoInitialConsideration))",
            within: considered.filter { $0.consideredOn! <= $0.considerationDue! }.count, resolved: considered.count)
    }

    /// A timescale in words ("one month", "three months", "14 days").
    public static func describe(_ timescale: Timescale) -> String {
        let (n, unit): (Int, String) =
            switch timescale {
            case .calendarMonths(let n): (n, "month")
            case .calendarDays(let n): (n, "day")
            case .workingDays(let n): (n, "working day")
            case .weeks(let n): (n, "week")
            case .hours(let n): (n, "hour")
            }
        let words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        let count = (1...words.count).contains(n) ? words[n - 1] : "\(n)"
        return n == 1 ? "one \(unit)" : "\(count) \(unit)s"
    }
}
