import Foundation

/// An unscheduled-care question (an emergency department, a walk-in centre, an out-of-hours GP):
/// "is this child on a child protection plan or looked after?", asked with the NHS number and date
/// of birth the clinician holds. For an unborn child, the mother's NHS number and date of birth.
public struct PlanLookupRequest: Sendable, Equatable {
    /// The ten digits as given (spaces removed). A wrong check digit is not an error the caller sees:
    /// it matches nobody, and the answer is the same as for no match.
    public let nhsDigits: String
    public let dateOfBirth: LocalDate
    /// Where the question was asked: "Emergency department, Northbridge General".
    public let setting: String

    /// Checks the shape of a look-up: ten digits, a real date of birth not in the future, a setting.
    public static func validated(
        nhsNumber: String?, dateOfBirth: String?, setting: String?, today: LocalDate
    ) throws(SafeholdError) -> PlanLookupRequest {
        var v = Validation()
        let digits = (nhsNumber ?? "").filter { $0 != " " }
        if digits.isEmpty {
            v.add("nhsNumber", "is required")
        } else if digits.count != 10 || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            v.add("nhsNumber", "must be the ten digits of an NHS number")
        }
        let born = v.isoDate("dateOfBirth", dateOfBirth, notAfter: today)
        v.text("setting", setting, required: true, max: 120)
        try v.check()
        return PlanLookupRequest(
            nhsDigits: digits, dateOfBirth: born!,
            setting: setting!.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The NHS number, or nil when its check digit is wrong (it can match no one).
    public var nhsNumber: NHSNumber? { NHSNumber(nhsDigits) }
}

/// What a look-up tells unscheduled care: the flags, the plan's start date and who to ring. Nothing
/// else of the record; a child with none of the flags gives the same answer as no match.
public enum PlanLookupAnswer: Sendable, Equatable {
    case noInformation
    case known(PlanStatus)

    /// The flags a look-up may reveal.
    public struct PlanStatus: Sendable, Equatable {
        public var onProtectionPlan: Bool
        public var lookedAfter: Bool
        /// The person looked up is expecting a child who is on a pre-birth protection plan.
        public var unbornOnPlan: Bool
        /// The earliest start of the plans or period reported.
        public var since: LocalDate?
        public var responsibleTeam: String
        public var dutyTelephone: String

        public init(
            onProtectionPlan: Bool, lookedAfter: Bool, unbornOnPlan: Bool, since: LocalDate?,
            responsibleTeam: String, dutyTelephone: String
        ) {
            self.onProtectionPlan = onProtectionPlan
            self.lookedAfter = lookedAfter
            self.unbornOnPlan = unbornOnPlan
            self.since = since
            self.responsibleTeam = responsibleTeam
            self.dutyTelephone = dutyTelephone
        }
    }

    /// The words a clinician reads, and the audit keeps.
    public var summary: String {
        guard case .known(let s) = self else {
            return "No information: no child protection plan or looked-after status is recorded for these details."
        }
        var flags: [String] = []
        if s.onProtectionPlan { flags.append("on a child protection plan") }
        if s.lookedAfter { flags.append("looked after") }
        if s.unbornOnPlan { flags.append("expecting a child on a pre-birth child protection plan") }
        return flags.joined(separator: "; ") + (s.since.map { " since \($0.display)" } ?? "")
    }

    /// Decides the answer from what is held about the person matched: open plans of their own
    /// episodes, an open looked-after period, and the open pre-birth plans of unborn children they
    /// are the mother of. No flag is `noInformation`. `team` is the responsible team (the allocated
    /// team, else the front door's).
    public static func decide(
        ownPlanStarts: [LocalDate], lookedAfterSince: LocalDate?, unbornPlanStarts: [LocalDate],
        team: (name: String, dutyTelephone: String)
    ) -> PlanLookupAnswer {
        let starts = ownPlanStarts + unbornPlanStarts + (lookedAfterSince.map { [$0] } ?? [])
        guard !starts.isEmpty else { return .noInformation }
        return .known(
            PlanStatus(
                onProtectionPlan: !ownPlanStarts.isEmpty, lookedAfter: lookedAfterSince != nil,
                unbornOnPlan: !unbornPlanStarts.isEmpty, since: starts.min(), responsibleTeam: team.name,
                dutyTelephone: team.dutyTelephone))
    }
}
