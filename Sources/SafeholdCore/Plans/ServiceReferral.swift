import Foundation

/// A kind of service a plan refers a child or family to (family support, a domestic abuse service,
/// CAMHS, substance misuse, housing), with the working days the service is expected to answer in.
/// The list is data (the `service_types` table), not code.
public struct ServiceType: Hashable, Codable, Sendable {
    public let code: String
    public let label: String
    public let responseWorkingDays: Int

    public init(code: String, label: String, responseWorkingDays: Int) {
        self.code = code
        self.label = label
        self.responseWorkingDays = responseWorkingDays
    }
}

/// A referral from a child's open plan to a service, tracked to its outcome.
public struct ServiceReferral: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let episodeId: UUID
    public let personId: UUID
    public let planId: UUID
    public let type: ServiceType
    public let provider: String
    public let request: String
    public let sentOn: LocalDate
    public var status: ServiceReferralStatus
    public var declineReason: String?
    public var outcome: String?
    public var version: Int
    /// What happened to it, oldest first: who moved it to which status, when.
    public var history: [ServiceReferralEvent]

    public init(
        id: UUID, episodeId: UUID, personId: UUID, planId: UUID, type: ServiceType, provider: String,
        request: String, sentOn: LocalDate, status: ServiceReferralStatus, declineReason: String?, outcome: String?,
        version: Int, history: [ServiceReferralEvent]
    ) {
        self.id = id
        self.episodeId = episodeId
        self.personId = personId
        self.planId = planId
        self.type = type
        self.provider = provider
        self.request = request
        self.sentOn = sentOn
        self.status = status
        self.declineReason = declineReason
        self.outcome = outcome
        self.version = version
        self.history = history
    }

    /// When the service should have answered: `sentOn` plus the type's working days.
    public func responseDue(_ calendar: WorkingCalendar) -> LocalDate {
        calendar.adding(workingDays: type.responseWorkingDays, to: sentOn)
    }

    /// Whether the service has not answered by its due date (the referral is still only sent).
    public func isResponseOverdue(today: LocalDate, calendar: WorkingCalendar) -> Bool {
        status == .sent && responseDue(calendar) < today
    }
}

/// One change of a referral's status: who recorded it, the date it happened, when it was recorded.
public struct ServiceReferralEvent: Hashable, Sendable {
    public let status: ServiceReferralStatus
    public let on: LocalDate
    public let note: String?
    public let byName: String
    public let at: Date

    public init(status: ServiceReferralStatus, on: LocalDate, note: String?, byName: String, at: Date) {
        self.status = status
        self.on = on
        self.note = note
        self.byName = byName
        self.at = at
    }
}

/// What a worker sends to refer from a plan: checked against the service types held as data.
public struct ServiceReferralDraft: Sendable, Equatable {
    public let type: ServiceType
    public let provider: String
    public let request: String
    public let sentOn: LocalDate

    /// Checks a new referral: a known service type, a provider, what is asked, and a date sent that is
    /// neither in the future nor before the plan started.
    public static func validated(
        serviceType: String?, provider: String?, request: String?, sentOn: String?, types: [ServiceType],
        planStartedOn: LocalDate, today: LocalDate
    ) throws(SafeholdError) -> ServiceReferralDraft {
        var v = Validation()
        let code = serviceType?.trimmingCharacters(in: .whitespaces) ?? ""
        let type = types.first { $0.code == code }
        if code.isEmpty {
            v.add("serviceType", "is required")
        } else if type == nil {
            v.add("serviceType", "must be one of \(types.map(\.code).joined(separator: ", "))")
        }
        v.text("provider", provider, required: true, max: 200)
        v.text("request", request, required: true, max: 4000, multiline: true)
        let sent = v.isoDate(
            "sentOn", sentOn, notAfter: today, notBefore: planStartedOn, beforeMessage: "is before the plan started")
        try v.check()
        return ServiceReferralDraft(
            type: type!, provider: provider!.trimmingCharacters(in: .whitespacesAndNewlines),
            request: request!.trimmingCharacters(in: .whitespacesAndNewlines), sentOn: sent!)
    }
}
