import Foundation

/// The legal status under which a child is looked after by the local authority (the codes of the
/// SSDA903 return, the ones a child protection service meets).
public enum LookedAfterStatus: String, CaseIterable, Codable, Sendable {
    case interimCareOrder = "C1"
    case fullCareOrder = "C2"
    case placementOrder = "E1"
    case accommodatedSection20 = "V2"
    case emergencyProtectionOrder = "L2"
    case remanded = "J2"

    public var label: String {
        switch self {
        case .interimCareOrder: "Interim care order (s38)"
        case .fullCareOrder: "Care order (s31)"
        case .placementOrder: "Placement order"
        case .accommodatedSection20: "Accommodated with consent (s20)"
        case .emergencyProtectionOrder: "Emergency protection order (s44), in local authority accommodation"
        case .remanded: "Remanded to local authority accommodation"
        }
    }
}

/// A period in which a child is looked after: open until it ends.
public struct LookedAfterPeriod: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let personId: UUID
    public let status: LookedAfterStatus
    public let startedOn: LocalDate
    public let endedOn: LocalDate?

    public init(id: UUID, personId: UUID, status: LookedAfterStatus, startedOn: LocalDate, endedOn: LocalDate?) {
        self.id = id
        self.personId = personId
        self.status = status
        self.startedOn = startedOn
        self.endedOn = endedOn
    }

    /// Checks a new period: a known legal status and a start date not in the future.
    public static func validatedStart(
        status: String?, startedOn: String?, today: LocalDate
    ) throws(SafeholdError) -> (LookedAfterStatus, LocalDate) {
        var v = Validation()
        let code = status.flatMap(LookedAfterStatus.init(rawValue:))
        if status?.isEmpty ?? true {
            v.add("status", "is required")
        } else if code == nil {
            v.add("status", "must be one of \(LookedAfterStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let start = v.isoDate("startedOn", startedOn, notAfter: today)
        try v.check()
        return (code!, start!)
    }

    /// Checks the end of this period: a date on or after its start, not in the future.
    public func validatedEnd(_ endedOn: String?, today: LocalDate) throws(SafeholdError) -> LocalDate {
        var v = Validation()
        let end = v.isoDate(
            "endedOn", endedOn, notAfter: today, notBefore: startedOn, beforeMessage: "cannot be before the start")
        try v.check()
        return end!
    }
}
