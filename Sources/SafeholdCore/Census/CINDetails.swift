import Foundation

/// `CINdetails`: one episode of need (a referral and what followed it in the year), or a referral that
/// led to no further action (`referralNFA` "true").
public struct CINDetails: Hashable, Sendable {
    /// The Safehold episode (or, for a referral with no further action, the contact) it was built from.
    public var episodeId: UUID?
    public var referralDate: LocalDate?
    public var referralSource: String?
    public var primaryNeedCode: String?
    public var closureDate: LocalDate?
    public var reasonForClosure: String?
    /// The initial conference when no section 47 enquiry in the year led to it.
    public var dateOfInitialCPC: LocalDate?
    /// "true" or "false" (the specification also accepts "1" and "0").
    public var referralNFA: String?
    public var assessments: [CensusAssessment]
    public var cinPlans: [CINPlanDates]
    public var section47s: [CensusSection47]
    public var protectionPlans: [CensusProtectionPlan]

    public init(
        episodeId: UUID? = nil, referralDate: LocalDate?, referralSource: String?, primaryNeedCode: String?,
        closureDate: LocalDate? = nil, reasonForClosure: String? = nil, dateOfInitialCPC: LocalDate? = nil,
        referralNFA: String?, assessments: [CensusAssessment] = [], cinPlans: [CINPlanDates] = [],
        section47s: [CensusSection47] = [], protectionPlans: [CensusProtectionPlan] = []
    ) {
        self.episodeId = episodeId
        self.referralDate = referralDate
        self.referralSource = referralSource
        self.primaryNeedCode = primaryNeedCode
        self.closureDate = closureDate
        self.reasonForClosure = reasonForClosure
        self.dateOfInitialCPC = dateOfInitialCPC
        self.referralNFA = referralNFA
        self.assessments = assessments
        self.cinPlans = cinPlans
        self.section47s = section47s
        self.protectionPlans = protectionPlans
    }
}

/// `Assessments`: a child and family assessment, started and (when done) authorised.
public struct CensusAssessment: Hashable, Sendable {
    public var stepId: UUID?
    public var actualStartDate: LocalDate?
    public var internalReviewDate: LocalDate?
    public var authorisationDate: LocalDate?
    /// `FactorsIdentifiedAtAssessment/AssessmentFactors` codes.
    public var factors: [String]

    public init(
        stepId: UUID? = nil, actualStartDate: LocalDate?, internalReviewDate: LocalDate? = nil,
        authorisationDate: LocalDate?, factors: [String]
    ) {
        self.stepId = stepId
        self.actualStartDate = actualStartDate
        self.internalReviewDate = internalReviewDate
        self.authorisationDate = authorisationDate
        self.factors = factors
    }
}

/// `CINPlanDates`: a child in need plan's start and end.
public struct CINPlanDates: Hashable, Sendable {
    public var stepId: UUID?
    public var startDate: LocalDate?
    public var endDate: LocalDate?

    public init(stepId: UUID? = nil, startDate: LocalDate?, endDate: LocalDate?) {
        self.stepId = stepId
        self.startDate = startDate
        self.endDate = endDate
    }
}

/// `Section47`: an enquiry, its initial conference target (15 working days after the strategy
/// discussion) and the conference it led to, or that none was required.
public struct CensusSection47: Hashable, Sendable {
    public var stepId: UUID?
    public var actualStartDate: LocalDate?
    public var initialCPCtarget: LocalDate?
    public var dateOfInitialCPC: LocalDate?
    /// "true" or "false".
    public var icpcNotRequired: String?

    public init(
        stepId: UUID? = nil, actualStartDate: LocalDate?, initialCPCtarget: LocalDate?, dateOfInitialCPC: LocalDate?,
        icpcNotRequired: String?
    ) {
        self.stepId = stepId
        self.actualStartDate = actualStartDate
        self.initialCPCtarget = initialCPCtarget
        self.dateOfInitialCPC = dateOfInitialCPC
        self.icpcNotRequired = icpcNotRequired
    }
}

/// `ChildProtectionPlans`: a plan, its categories, the child's earlier plans and every review date.
public struct CensusProtectionPlan: Hashable, Sendable {
    public var stepId: UUID?
    public var startDate: LocalDate?
    public var endDate: LocalDate?
    public var initialCategoryOfAbuse: String?
    public var latestCategoryOfAbuse: String?
    public var numberOfPreviousCPP: Int?
    /// Every `CPPreviewDate` (nil: a review recorded with no date).
    public var reviewDates: [LocalDate?]

    public init(
        stepId: UUID? = nil, startDate: LocalDate?, endDate: LocalDate?, initialCategoryOfAbuse: String?,
        latestCategoryOfAbuse: String?, numberOfPreviousCPP: Int?, reviewDates: [LocalDate?]
    ) {
        self.stepId = stepId
        self.startDate = startDate
        self.endDate = endDate
        self.initialCategoryOfAbuse = initialCategoryOfAbuse
        self.latestCategoryOfAbuse = latestCategoryOfAbuse
        self.numberOfPreviousCPP = numberOfPreviousCPP
        self.reviewDates = reviewDates
    }
}
