import Foundation

/// What a census rule reads: the return, its collection year (from the header's reference date) and
/// the working calendar (England's bank holidays) for the rules that count working days.
public struct CensusRuleContext: Sendable {
    public let census: CensusReturn
    public let year: CensusYear?
    public let calendar: WorkingCalendar

    public init(census: CensusReturn, calendar: WorkingCalendar) {
        self.census = census
        self.calendar = calendar
        // The reference date names the year; when it is missing (rule 100), the header's Year still does.
        self.year =
            census.header.referenceDate.map { CensusYear(containing: $0) }
            ?? Int(census.header.year).flatMap { CensusYear(startYear: $0 - 1) }
    }
}

/// Where in a return a rule failed: a child (by index in `children`), one of their episodes (by index in
/// `episodes`), or the header or the whole return (both nil), the field as the specification names it,
/// and the step (assessment, plan, enquiry) whose group failed, when it has a Safehold id.
public struct CensusPlace: Hashable, Sendable {
    public let child: Int?
    public let episode: Int?
    public let field: String
    public let stepId: UUID?

    public init(child: Int? = nil, episode: Int? = nil, field: String, stepId: UUID? = nil) {
        self.child = child
        self.episode = episode
        self.field = field
        self.stepId = stepId
    }
}

/// One DfE validation rule for the 2025-26 CIN census: its number, its message as the DfE words it, and
/// a small predicate returning every place it fails. Codes ending in "Q" are queries (warnings).
public struct CensusRule: Sendable {
    public let code: String
    public let message: String
    public let check: @Sendable (CensusRuleContext) -> [CensusPlace]

    public init(_ code: String, _ message: String, check: @escaping @Sendable (CensusRuleContext) -> [CensusPlace]) {
        self.code = code
        self.message = message
        self.check = check
    }

    public var severity: CensusFinding.Severity { code.hasSuffix("Q") ? .query : .error }
}

/// Runs every rule over a return and names the child and episode of each failure.
public enum CensusChecker {
    /// The findings of every rule, in the rules' order. The rules are independent reads of one return, so
    /// they run side by side on the machine's cores (a whole authority's return is checked in one request).
    public static func check(
        _ census: CensusReturn, calendar: WorkingCalendar, rules: [CensusRule] = CensusRules.all
    ) -> [CensusFinding] {
        let context = CensusRuleContext(census: census, calendar: calendar)
        let perRule = [[CensusFinding]](unsafeUninitializedCapacity: rules.count) { buffer, initialised in
            guard let base = buffer.baseAddress else { return }
            nonisolated(unsafe) let out = base
            DispatchQueue.concurrentPerform(iterations: rules.count) { i in
                (out + i).initialize(to: findings(of: rules[i], in: context))
            }
            initialised = rules.count
        }
        return perRule.flatMap { $0 }
    }

    /// The rule's failures, each naming its child and episode (read in place: a child is not copied for each).
    static func findings(of rule: CensusRule, in context: CensusRuleContext) -> [CensusFinding] {
        let severity = rule.severity
        return context.census.children.withUnsafeBufferPointer { children in
            rule.check(context).map { place in
                var laChildID: String?, personId: UUID?, episodeId: UUID?
                if let c = place.child, children.indices.contains(c) {
                    laChildID = children[c].laChildID
                    personId = children[c].personId
                    if let e = place.episode, children[c].episodes.indices.contains(e) {
                        episodeId = children[c].episodes[e].episodeId
                    }
                }
                return CensusFinding(
                    code: rule.code, severity: severity, message: rule.message, laChildID: laChildID,
                    personId: personId, episodeId: episodeId, field: place.field, stepId: place.stepId)
            }
        }
    }
}
