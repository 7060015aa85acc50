import Foundation

/// The timescales of work with people who pose a risk and with allegations against people who work
/// with children (DOMAIN.md sections 5 and 6), as data a jurisdiction can change.
public struct RiskTimescales: Hashable, Sendable {
    /// A registered sex offender's periodic notification to the police (yearly in England and Wales).
    public let periodicNotification: Timescale
    /// A registered sex offender's notification of a change (name, address, travel): days after it.
    public let changeNotification: Timescale
    /// The longest gap between MAPPA level 2 and level 3 meetings.
    public let mappaReview: Timescale
    /// A decision whether to hold a strategy discussion after a person who poses a risk is linked to a
    /// child (a new link, or an address change that brings them into a household with children).
    public let linkStrategyDecision: Timescale
    /// The child sex offender disclosure scheme: an application decided within this of its receipt.
    public let disclosureSchemeDecision: Timescale
    /// The LADO's initial consideration of an allegation after it is received.
    public let ladoInitialConsideration: Timescale
    /// The resolution targets a LADO service reports against (the share of allegations resolved within
    /// each, counted from the referral).
    public let ladoResolutionTargets: [Timescale]

    public init(
        periodicNotification: Timescale, changeNotification: Timescale, mappaReview: Timescale,
        linkStrategyDecision: Timescale, disclosureSchemeDecision: Timescale,
        ladoInitialConsideration: Timescale, ladoResolutionTargets: [Timescale]
    ) {
        self.periodicNotification = periodicNotification
        self.changeNotification = changeNotification
        self.mappaReview = mappaReview
        self.linkStrategyDecision = linkStrategyDecision
        self.disclosureSchemeDecision = disclosureSchemeDecision
        self.ladoInitialConsideration = ladoInitialConsideration
        self.ladoResolutionTargets = ladoResolutionTargets
    }

    /// England and Wales: Sexual Offences Act 2003 notification (yearly; changes within 3 days), MAPPA
    /// guidance (level 2 and 3 cases reviewed at least every 16 weeks), Working Together 2023 and Keeping
    /// Children Safe in Education (a LADO's initial consideration within one working day; resolution
    /// within one and three months reported), the child sex offender disclosure scheme guidance (45 days).
    public static let england = RiskTimescales(
        periodicNotification: .calendarMonths(12), changeNotification: .calendarDays(3), mappaReview: .weeks(16),
        linkStrategyDecision: .workingDays(1), disclosureSchemeDecision: .calendarDays(45),
        ladoInitialConsideration: .workingDays(1),
        ladoResolutionTargets: [.calendarMonths(1), .calendarMonths(3)])
}
