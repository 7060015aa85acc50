import Foundation

/// A professional accreditation a user holds. For now Safehold keeps the one the police side needs:
/// the Achieving Best Evidence interviewing accreditation, valid between two dates.
public struct Accreditation: Identifiable, Hashable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case abeInterviewing = "abe_interviewing"

        public var label: String { "Achieving Best Evidence interviewing" }
    }

    public let id: UUID
    public let userId: UUID
    public let kind: Kind
    public let validFrom: LocalDate
    public let expiresOn: LocalDate

    public init(id: UUID, userId: UUID, kind: Kind, validFrom: LocalDate, expiresOn: LocalDate) {
        self.id = id
        self.userId = userId
        self.kind = kind
        self.validFrom = validFrom
        self.expiresOn = expiresOn
    }

    /// Whether it is current on `date` (both ends included).
    public func isCurrent(on date: LocalDate) -> Bool { validFrom <= date && date <= expiresOn }

    /// Refuses an accreditation that ends before it starts or lies outside 1900-2100.
    public static func validate(validFrom: LocalDate?, expiresOn: LocalDate?) throws(SafeholdError) {
        var v = Validation()
        let fromOK = v.date("validFrom", validFrom, required: true)
        if v.date("expiresOn", expiresOn, required: true), fromOK, let validFrom, let expiresOn,
            expiresOn < validFrom
        {
            v.add("expiresOn", "cannot be before the accreditation starts")
        }
        try v.check()
    }
}
