import Foundation

/// What the census is built from, as the store reads it from the record in a handful of queries: the
/// children concerned, their episodes of need with each step's census facts, the referrals that led to no
/// further action, and the start of every child protection plan each child has had (for NumberOfPreviousCPP).
public struct CensusRecord: Sendable {
    /// A child with the identifiers and characteristics the return carries.
    public struct Child: Sendable {
        public let personId: UUID
        public let localId: String
        public let facts: CensusPersonFacts

        public init(personId: UUID, localId: String, facts: CensusPersonFacts) {
            self.personId = personId
            self.localId = localId
            self.facts = facts
        }
    }

    /// An episode of need as stored, with its steps in the order recorded.
    public struct Episode: Sendable {
        public let id: UUID
        public let personId: UUID
        public let referralDate: LocalDate
        public let referralSource: String
        public let primaryNeed: String?
        public let closedOn: LocalDate?
        public let closureReason: String?
        public let steps: [Step]

        public init(
            id: UUID, personId: UUID, referralDate: LocalDate, referralSource: String, primaryNeed: String?,
            closedOn: LocalDate?, closureReason: String?, steps: [Step]
        ) {
            self.id = id
            self.personId = personId
            self.referralDate = referralDate
            self.referralSource = referralSource
            self.primaryNeed = primaryNeed
            self.closedOn = closedOn
            self.closureReason = closureReason
            self.steps = steps
        }
    }

    /// One recorded step: its id, whether a manager authorised it, and what it says for the census.
    public struct Step: Sendable {
        public let id: UUID
        public let authorised: Bool
        public let fact: CensusStepFact

        public init(id: UUID, authorised: Bool, fact: CensusStepFact) {
            self.id = id
            self.authorised = authorised
            self.fact = fact
        }
    }

    /// A contact decided as a referral with no further action, for one of its children.
    public struct Referral: Sendable {
        public let contactId: UUID
        public let personId: UUID
        public let receivedOn: LocalDate
        public let source: String

        public init(contactId: UUID, personId: UUID, receivedOn: LocalDate, source: String) {
            self.contactId = contactId
            self.personId = personId
            self.receivedOn = receivedOn
            self.source = source
        }
    }

    public let children: [Child]
    public let episodes: [Episode]
    public let referrals: [Referral]
    /// Every child protection plan start of each child, in any episode, in any year.
    public let protectionPlanStarts: [UUID: [LocalDate]]

    public init(
        children: [Child], episodes: [Episode], referrals: [Referral], protectionPlanStarts: [UUID: [LocalDate]]
    ) {
        self.children = children
        self.episodes = episodes
        self.referrals = referrals
        self.protectionPlanStarts = protectionPlanStarts
    }
}

/// The part of a person's stored details the census reads (decoding the whole record of 20,000 children,
/// addresses and aliases included, would cost most of an export).
public struct CensusPersonFacts: Decodable, Hashable, Sendable {
    public var kind: PersonKind
    public var dateOfBirth: LocalDate?
    public var expectedDateOfBirth: LocalDate?
    public var dateOfDeath: LocalDate?
    public var sex: Sex?
    public var ethnicity: String?
    public var disabilities: [String]?
    public var upn: String?

    public init(
        kind: PersonKind, dateOfBirth: LocalDate? = nil, expectedDateOfBirth: LocalDate? = nil,
        dateOfDeath: LocalDate? = nil, sex: Sex? = nil, ethnicity: String? = nil, disabilities: [String]? = nil,
        upn: String? = nil
    ) {
        self.kind = kind
        self.dateOfBirth = dateOfBirth
        self.expectedDateOfBirth = expectedDateOfBirth
        self.dateOfDeath = dateOfDeath
        self.sex = sex
        self.ethnicity = ethnicity
        self.disabilities = disabilities
        self.upn = upn
    }

    /// The facts of full details (tests and callers that hold a `PersonDetails`).
    public init(_ details: PersonDetails) {
        self.init(
            kind: details.kind, dateOfBirth: details.dateOfBirth, expectedDateOfBirth: details.expectedDateOfBirth,
            dateOfDeath: details.dateOfDeath, sex: details.sex, ethnicity: details.ethnicity,
            disabilities: details.disabilities, upn: details.upn)
    }
}
