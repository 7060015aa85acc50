import Foundation

/// The small vocabulary the census rules are written in: the return's flags read as the specification
/// allows them ("true"/"1", "false"/"0"), the DfE code sets, and walks over children, episodes and the
/// groups inside an episode that return one place per failing group.
enum CensusFlag {
    /// "true" or "1", in any case.
    static func isTrue(_ flag: String?) -> Bool { matches(flag, "true", "1") }

    /// "false" or "0", in any case.
    static func isFalse(_ flag: String?) -> Bool { matches(flag, "false", "0") }

    /// Whether `flag` is `word` or `digit` in any case (the values the return carries are compared as they
    /// are first: the rules ask this of every episode, many times over).
    private static func matches(_ flag: String?, _ word: String, _ digit: String) -> Bool {
        guard let flag else { return false }
        if flag == word || flag == digit { return true }
        if flag == "true" || flag == "false" || flag == "0" || flag == "1" { return false }
        let lower = flag.lowercased()
        return lower == word || lower == digit
    }

    /// Present and one of the four values the specification allows.
    static func isValid(_ flag: String?) -> Bool { isTrue(flag) || isFalse(flag) }
}

extension CensusChild {
    /// Whether `date` falls after the child's recorded date of death (false when either is missing):
    /// the test behind every "after the child's Date of Death" rule.
    func diedBefore(_ date: LocalDate?) -> Bool {
        guard let died = deathDate, let date else { return false }
        return date > died
    }
}

/// The DfE code sets the rules check values against (from the product's own code sets, so the return
/// and the record can never disagree about what is valid).
enum CensusCodes {
    static let referralSources = Set(ReferralSource.allCases.map(\.rawValue))
    static let primaryNeeds = Set(PrimaryNeed.allCases.map(\.rawValue))
    static let closureReasons = Set(ClosureReason.allCases.map(\.rawValue))
    static let abuseCategories = Set(AbuseCategory.allCases.map(\.rawValue))
    static let ethnicities = Set(CodeSets.ethnicity.map(\.code))
    static let disabilities = Set(CodeSets.disability.map(\.code))
    static let sexes = Set(Sex.allCases.map(\.rawValue))
    /// The factors a worker may record, plus 18A and 19A: still valid codes in the 2025-26 specification
    /// but queried (8945Q, 8950Q) because 18B/18C and 19B/19C replace them.
    static let assessmentFactors = Set(AssessmentFactors.codes.map(\.code)).union(["18A", "19A"])
    /// Reasons a UPN is not known that satisfy 8770Q for a child of school age (UN1 is "not of school age").
    static let schoolAgeUPNUnknown = Set((2...10).map { "UN\($0)" })
    /// Closing after assessment (no further action, or referred to early help).
    static let closedAfterAssessment: Set<String> = ["RC8", "RC9"]
}

extension CensusRuleContext {
    /// The census year, or nil when the header gives none (rule 100 reports that).
    var start: LocalDate? { year?.start }
    var end: LocalDate? { year?.end }

    /// Whether `date` falls within the census year (false when the year is unknown).
    func inYear(_ date: LocalDate) -> Bool { year?.contains(date) ?? false }

    // The walks below read each child and episode in place (through the array's buffer) rather than copy it:
    // a copy retains every string and list it holds, and the rules run side by side on the same return, so
    // those reference counts would be fought over by every core (109 rules over 20,000 children).

    /// One place for each child that `fails`.
    func children(_ field: String, failing fails: (CensusChild) -> Bool) -> [CensusPlace] {
        census.children.withUnsafeBufferPointer { children in
            children.indices.compactMap { fails(children[$0]) ? CensusPlace(child: $0, field: field) : nil }
        }
    }

    /// One place for each episode that `fails`, given its child.
    func episodes(_ field: String, failing fails: (CensusChild, CINDetails) -> Bool) -> [CensusPlace] {
        episodeGroups(field) { child, episode in fails(child, episode) ? [nil] : [] }
    }

    /// One place for each failing group (assessment, plan, enquiry, review) of each episode: `failing`
    /// gives the step id of each group of the episode that fails (nil for the episode's own fields).
    func episodeGroups(_ field: String, failing: (CensusChild, CINDetails) -> [UUID?]) -> [CensusPlace] {
        var places: [CensusPlace] = []
        census.children.withUnsafeBufferPointer { children in
            for c in children.indices {
                children[c].episodes.withUnsafeBufferPointer { episodes in
                    for e in episodes.indices {
                        for step in failing(children[c], episodes[e]) {
                            places.append(CensusPlace(child: c, episode: e, field: field, stepId: step))
                        }
                    }
                }
            }
        }
        return places
    }

    /// One place for each failure found across a child's episodes (rules that compare episodes, or plans
    /// in different episodes): `failing` gives the episode index and step id of each.
    func acrossEpisodes(_ field: String, failing: (CensusChild) -> [(episode: Int, step: UUID?)]) -> [CensusPlace] {
        census.children.withUnsafeBufferPointer { children in
            children.indices.flatMap { c in
                failing(children[c]).map { CensusPlace(child: c, episode: $0.episode, field: field, stepId: $0.step) }
            }
        }
    }
}

extension CINDetails {
    var isNFA: Bool { CensusFlag.isTrue(referralNFA) }
    var isFurtherAction: Bool { CensusFlag.isFalse(referralNFA) }
    /// Open and not a referral with no further action: the episode the child's work continues in.
    var isOpenFurtherAction: Bool { closureDate == nil && isFurtherAction }
    var closedAfterAssessment: Bool { reasonForClosure.map(CensusCodes.closedAfterAssessment.contains) ?? false }
}

/// A date interval as the overlap rules read it: a start, and an end or (when open) the reference date.
struct CensusSpan {
    let start: LocalDate
    let end: LocalDate?

    /// Whether `date` falls on or after the start and on or before the end (or `openLimit` when open).
    func holds(_ date: LocalDate, openLimit: LocalDate?) -> Bool {
        guard date >= start else { return false }
        if let end { return date <= end }
        return openLimit.map { date <= $0 } ?? true
    }
}
