import Foundation

/// An act that a worker may only do with a current accreditation (checked on the date of the act).
public enum GatedAct: String, CaseIterable, Codable, Sendable {
    case abeInterviewer = "abe_interviewer"
    case conferenceChair = "conference_chair"
    case sexualAbuseOfficerInCase = "csa_officer_in_case"
    case ladoCaseAllocation = "lado_case_allocation"

    public var label: String {
        switch self {
        case .abeInterviewer: "recording an Achieving Best Evidence interviewer"
        case .conferenceChair: "chairing a child protection conference"
        case .sexualAbuseOfficerInCase: "being officer in the case of a child sexual abuse investigation"
        case .ladoCaseAllocation: "being allocated a LADO case"
        }
    }
}

/// One course, accreditation or registration in the catalogue.
public struct TrainingCourse: Hashable, Sendable, Identifiable {
    public enum Kind: String, Codable, Sendable {
        case course, accreditation, registration
    }

    /// The stable code kept on training records ("abe_interviewing").
    public let code: String
    public let label: String
    public let kind: Kind
    /// How long it stays current after the date it was completed or renewed (nil: it does not expire).
    public let validity: Timescale?
    /// The acts it allows (one current record of any course that allows an act is enough).
    public let allows: Set<GatedAct>
    /// The roles expected to hold it: the team view counts a worker in one of them without it as not current.
    public let expectedOf: Set<Role>

    public var id: String { code }

    public init(
        code: String, label: String, kind: Kind, validity: Timescale?, allows: Set<GatedAct> = [],
        expectedOf: Set<Role> = []
    ) {
        self.code = code
        self.label = label
        self.kind = kind
        self.validity = validity
        self.allows = allows
        self.expectedOf = expectedOf
    }
}

/// The courses, accreditations and registrations Safehold records, as data a service can change.
public struct TrainingCatalogue: Hashable, Sendable {
    public let courses: [TrainingCourse]
    /// How long before an expiry a worker and their manager are reminded (longest first).
    public let reminders: [Timescale]
    /// How long a manager's override of an accreditation gate may wait to be used (from the day recorded).
    public let overrideValidity: Timescale
    /// The offence codes that make an investigation a child sexual abuse investigation (its officer in the
    /// case needs `GatedAct.sexualAbuseOfficerInCase`).
    public let sexualAbuseOffences: Set<String>

    public init(
        courses: [TrainingCourse], reminders: [Timescale], overrideValidity: Timescale = .calendarDays(7),
        sexualAbuseOffences: Set<String> = []
    ) {
        self.courses = courses
        self.reminders = reminders
        self.overrideValidity = overrideValidity
        self.sexualAbuseOffences = sexualAbuseOffences
    }

    /// Whether an investigation into `offences` is a child sexual abuse investigation.
    public func isSexualAbuse(offences: [String]) -> Bool { offences.contains { sexualAbuseOffences.contains($0) } }

    /// The course with `code`, or nil for a code the catalogue does not hold.
    public func course(_ code: String) -> TrainingCourse? { courses.first { $0.code == code } }

    /// The courses that allow `act`.
    public func courses(allowing act: GatedAct) -> [TrainingCourse] { courses.filter { $0.allows.contains(act) } }

    /// England: the College of Policing's specialist child abuse investigation development programme and
    /// ABE interviewing, Working Together 2023's expectations of conference chairs, MAPPA and LADO
    /// practitioners, the intercollegiate safeguarding levels for health and schools, and Social Work
    /// England registration (renewed every year, by 30 November).
    public static let england = TrainingCatalogue(
        courses: [
            TrainingCourse(
                code: "csa_specialist", label: "Specialist child sexual abuse and exploitation", kind: .course,
                validity: .calendarMonths(36), allows: [.sexualAbuseOfficerInCase],
                expectedOf: [.socialWorker, .police]),
            TrainingCourse(
                code: "abe_interviewing", label: "Achieving Best Evidence interviewing", kind: .accreditation,
                validity: .calendarMonths(36), allows: [.abeInterviewer], expectedOf: [.police]),
            TrainingCourse(
                code: "conference_chairing", label: "Child protection conference chairing", kind: .accreditation,
                validity: .calendarMonths(36), allows: [.conferenceChair], expectedOf: [.conferenceChair]),
            TrainingCourse(
                code: "mappa", label: "MAPPA practitioner", kind: .course, validity: .calendarMonths(36),
                expectedOf: [.mappaCoordinator]),
            TrainingCourse(
                code: "lado", label: "LADO practice (allegations management)", kind: .accreditation,
                validity: .calendarMonths(36), allows: [.ladoCaseAllocation], expectedOf: [.lado]),
            TrainingCourse(
                code: "safeguarding_l1", label: "Safeguarding children level 1", kind: .course,
                validity: .calendarMonths(36)),
            TrainingCourse(
                code: "safeguarding_l2", label: "Safeguarding children level 2", kind: .course,
                validity: .calendarMonths(36)),
            TrainingCourse(
                code: "safeguarding_l3", label: "Safeguarding children level 3", kind: .course,
                validity: .calendarMonths(36), expectedOf: [.partner, .unscheduledCare]),
            TrainingCourse(
                code: "swe_registration", label: "Social Work England registration", kind: .registration,
                validity: .calendarMonths(12), expectedOf: [.socialWorker, .teamManager, .conferenceChair]),
        ],
        reminders: [.calendarDays(90), .calendarDays(60), .calendarDays(30)], overrideValidity: .calendarDays(7),
        sexualAbuseOffences: [
            "SOA5", "SOA7", "SOA9", "SOA10", "SOA14", "SOA15", "SOA15A", "SOA25", "SOA48", "PCA1", "CJA160",
        ])
}
