import Foundation

/// A registered sex offender's registration and notifications (Sexual Offences Act 2003, Part 2).
public struct SexOffenderRegistration: Hashable, Sendable {
    public var registeredOn: LocalDate
    public var period: RegistrationPeriod
    /// The last periodic notification made to the police (none yet: counted from registration).
    public var lastNotifiedOn: LocalDate?
    /// The last change of circumstances recorded (name, address, travel), and when it was notified.
    public var lastChangeOn: LocalDate?
    public var changeNotifiedOn: LocalDate?

    public init(
        registeredOn: LocalDate, period: RegistrationPeriod, lastNotifiedOn: LocalDate? = nil,
        lastChangeOn: LocalDate? = nil, changeNotifiedOn: LocalDate? = nil
    ) {
        self.registeredOn = registeredOn
        self.period = period
        self.lastNotifiedOn = lastNotifiedOn
        self.lastChangeOn = lastChangeOn
        self.changeNotifiedOn = changeNotifiedOn
    }

    /// The day the notification requirements end, or nil when they are indefinite.
    public var endsOn: LocalDate? {
        guard case .years(let n) = period else { return nil }
        return registeredOn.adding(months: 12 * n)
    }
}

/// A notification a registered sex offender owes the police, with its due date.
public struct NotificationDue: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case periodic, change

        public var label: String {
            switch self {
            case .periodic: "Periodic notification"
            case .change: "Notification of a change"
            }
        }
    }
    public let kind: Kind
    public let dueOn: LocalDate

    public init(kind: Kind, dueOn: LocalDate) {
        self.kind = kind
        self.dueOn = dueOn
    }
}

/// The offender manager: a Safehold user (by id) or a named officer, with a telephone.
public struct OffenderManager: Hashable, Sendable {
    public let userId: UUID?
    public let name: String
    public let phone: String

    public init(userId: UUID?, name: String, phone: String) {
        self.userId = userId
        self.name = name
        self.phone = phone
    }
}

/// An adult's risk profile (DOMAIN.md section 5): why they pose a risk, the risk of serious harm and to
/// whom, the lead agency and offender manager, and MAPPA management. One per adult person record.
public struct RiskProfile: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let personId: UUID
    public let personName: String
    public let kind: RiskPersonKind
    public let registration: SexOffenderRegistration?
    /// Offence codes from `RiskOffenceCodes`.
    public let offences: [String]
    public let riskOfSeriousHarm: RiskOfSeriousHarm
    public let riskTo: [RiskGroup]
    public let leadAgencyId: UUID
    public let leadAgencyName: String
    public let offenderManager: OffenderManager
    public let mappaCategory: MappaCategory?
    public let mappaLevel: MappaLevel?
    /// The next (or first) MAPPA meeting or review: a due item for level 2 and 3 cases.
    public let nextMeetingOn: LocalDate?
    public let version: Int

    public init(
        id: UUID, personId: UUID, personName: String, kind: RiskPersonKind, registration: SexOffenderRegistration?,
        offences: [String], riskOfSeriousHarm: RiskOfSeriousHarm, riskTo: [RiskGroup], leadAgencyId: UUID,
        leadAgencyName: String, offenderManager: OffenderManager, mappaCategory: MappaCategory?,
        mappaLevel: MappaLevel?, nextMeetingOn: LocalDate?, version: Int
    ) {
        self.id = id
        self.personId = personId
        self.personName = personName
        self.kind = kind
        self.registration = registration
        self.offences = offences
        self.riskOfSeriousHarm = riskOfSeriousHarm
        self.riskTo = riskTo
        self.leadAgencyId = leadAgencyId
        self.leadAgencyName = leadAgencyName
        self.offenderManager = offenderManager
        self.mappaCategory = mappaCategory
        self.mappaLevel = mappaLevel
        self.nextMeetingOn = nextMeetingOn
        self.version = version
    }

    /// The notifications owed on `today`'s rules: the next periodic notification (from the last one, or
    /// from registration) while the requirements last, and a change not yet notified.
    public func notificationsDue(_ timescales: RiskTimescales, ruleset: Ruleset) -> [NotificationDue] {
        guard let registration else { return [] }
        var due: [NotificationDue] = []
        let periodic = ruleset.due(
            timescales.periodicNotification, from: registration.lastNotifiedOn ?? registration.registeredOn)
        if registration.endsOn.map({ periodic <= $0 }) ?? true {
            due.append(NotificationDue(kind: .periodic, dueOn: periodic))
        }
        if let change = registration.lastChangeOn,
            registration.changeNotifiedOn.map({ $0 < change }) ?? true
        {
            due.append(NotificationDue(kind: .change, dueOn: ruleset.due(timescales.changeNotification, from: change)))
        }
        return due
    }

    /// The offences' words from the code list.
    public var offenceLabels: [String] { offences.map { RiskOffenceCodes.offence($0)?.label ?? $0 } }
}
