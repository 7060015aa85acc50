import Foundation

/// A risk profile as a form or an API caller sends it: every field as text, so that Core names each
/// field it refuses.
public struct RiskProfileInput: Sendable, Equatable {
    public var kind: String?
    public var registeredOn: String?
    /// A number of years (1-99) or `indefinite`.
    public var registrationPeriod: String?
    public var lastNotifiedOn: String?
    public var lastChangeOn: String?
    public var changeNotifiedOn: String?
    public var offences: [String]
    public var riskOfSeriousHarm: String?
    public var riskTo: [String]
    public var leadAgencyId: String?
    public var offenderManagerUserId: String?
    public var offenderManagerName: String?
    public var offenderManagerPhone: String?
    public var mappaCategory: String?
    public var mappaLevel: String?
    public var nextMeetingOn: String?

    public init(
        kind: String? = nil, registeredOn: String? = nil, registrationPeriod: String? = nil,
        lastNotifiedOn: String? = nil, lastChangeOn: String? = nil, changeNotifiedOn: String? = nil,
        offences: [String] = [], riskOfSeriousHarm: String? = nil, riskTo: [String] = [],
        leadAgencyId: String? = nil, offenderManagerUserId: String? = nil, offenderManagerName: String? = nil,
        offenderManagerPhone: String? = nil, mappaCategory: String? = nil, mappaLevel: String? = nil,
        nextMeetingOn: String? = nil
    ) {
        self.kind = kind
        self.registeredOn = registeredOn
        self.registrationPeriod = registrationPeriod
        self.lastNotifiedOn = lastNotifiedOn
        self.lastChangeOn = lastChangeOn
        self.changeNotifiedOn = changeNotifiedOn
        self.offences = offences
        self.riskOfSeriousHarm = riskOfSeriousHarm
        self.riskTo = riskTo
        self.leadAgencyId = leadAgencyId
        self.offenderManagerUserId = offenderManagerUserId
        self.offenderManagerName = offenderManagerName
        self.offenderManagerPhone = offenderManagerPhone
        self.mappaCategory = mappaCategory
        self.mappaLevel = mappaLevel
        self.nextMeetingOn = nextMeetingOn
    }
}

/// A checked risk profile, ready for the store (which checks what only the database knows: the person
/// is an adult, the lead agency and the offender manager exist).
public struct RiskProfileDraft: Sendable, Equatable {
    public let kind: RiskPersonKind
    public let registration: SexOffenderRegistration?
    public let offences: [String]
    public let riskOfSeriousHarm: RiskOfSeriousHarm
    public let riskTo: [RiskGroup]
    public let leadAgencyId: UUID
    public let offenderManagerUserId: UUID?
    /// Blank when the offender manager is a user: the store takes their name.
    public let offenderManagerName: String?
    public let offenderManagerPhone: String
    public let mappaCategory: MappaCategory?
    public let mappaLevel: MappaLevel?
    public let nextMeetingOn: LocalDate?

    /// Checks every field on `today`, collecting every error.
    public static func validated(
        _ input: RiskProfileInput, today: LocalDate
    ) throws(SafeholdError) -> RiskProfileDraft {
        var v = Validation()
        let kind = RiskField.code(
            "kind", input.kind, RiskPersonKind.self,
            "a registered sex offender, a violent offender or another potentially dangerous person", into: &v)
        let registration = kind == .registeredSexOffender ? RiskField.registration(input, today: today, into: &v) : nil
        if kind != nil && kind != .registeredSexOffender {
            for (field, value) in [
                ("registeredOn", input.registeredOn), ("registrationPeriod", input.registrationPeriod),
                ("lastNotifiedOn", input.lastNotifiedOn), ("lastChangeOn", input.lastChangeOn),
                ("changeNotifiedOn", input.changeNotifiedOn),
            ] where !RiskField.blank(value) {
                v.add(field, "applies to a registered sex offender only")
            }
        }
        let offences = RiskField.offences(input.offences, into: &v)
        let harm = RiskField.code(
            "riskOfSeriousHarm", input.riskOfSeriousHarm, RiskOfSeriousHarm.self, "low, medium, high or very high",
            into: &v)
        let riskTo = RiskField.groups(input.riskTo, into: &v)
        let lead = RiskField.uuid("leadAgencyId", input.leadAgencyId, required: true, "an agency on the list", into: &v)
        let managerUser = RiskField.uuid(
            "offenderManagerUserId", input.offenderManagerUserId, required: false, "a Safehold user", into: &v)
        if managerUser == nil && RiskField.blank(input.offenderManagerUserId) {
            v.text("offenderManagerName", input.offenderManagerName, required: true, max: 120)
        } else {
            v.text("offenderManagerName", input.offenderManagerName, max: 120)
        }
        let phone = RiskField.phone("offenderManagerPhone", input.offenderManagerPhone, into: &v)
        let (category, level, next) = RiskField.mappa(input, into: &v)
        try v.check()
        return RiskProfileDraft(
            kind: kind!, registration: registration, offences: offences, riskOfSeriousHarm: harm!, riskTo: riskTo,
            leadAgencyId: lead!, offenderManagerUserId: managerUser,
            offenderManagerName: RiskField.trimmed(input.offenderManagerName), offenderManagerPhone: phone!,
            mappaCategory: category, mappaLevel: level, nextMeetingOn: next)
    }
}
