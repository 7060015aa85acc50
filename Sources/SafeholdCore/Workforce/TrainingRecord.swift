import Foundation

/// One entry of the training and accreditation register: a course completed, an accreditation held or a
/// registration renewed by a worker, with its date, provider, evidence and expiry.
public struct TrainingRecord: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let userId: UUID
    /// The catalogue's code (`TrainingCourse.code`).
    public let course: String
    /// The date it was completed, granted or renewed: it is current from this day.
    public let completedOn: LocalDate
    /// The last day it is current (nil: it does not expire).
    public let expiresOn: LocalDate?
    public let provider: String?
    public let evidenceReference: String?
    public let recordedAt: Date
    public let recordedByName: String

    public init(
        id: UUID, userId: UUID, course: String, completedOn: LocalDate, expiresOn: LocalDate?, provider: String?,
        evidenceReference: String?, recordedAt: Date, recordedByName: String
    ) {
        self.id = id
        self.userId = userId
        self.course = course
        self.completedOn = completedOn
        self.expiresOn = expiresOn
        self.provider = provider
        self.evidenceReference = evidenceReference
        self.recordedAt = recordedAt
        self.recordedByName = recordedByName
    }

    /// Whether it is current on `date` (from its first to its last day, both included).
    public func isCurrent(on date: LocalDate) -> Bool {
        completedOn <= date && (expiresOn.map { date <= $0 } ?? true)
    }
}

/// A new register entry as a form or the API gives it, before it is checked.
public struct TrainingDraft: Hashable, Sendable {
    public var course: String?
    public var completedOn: String?
    /// Blank: the catalogue's validity after `completedOn`.
    public var expiresOn: String?
    public var provider: String?
    public var evidenceReference: String?

    public init(
        course: String?, completedOn: String?, expiresOn: String? = nil, provider: String? = nil,
        evidenceReference: String? = nil
    ) {
        self.course = course
        self.completedOn = completedOn
        self.expiresOn = expiresOn
        self.provider = provider
        self.evidenceReference = evidenceReference
    }

    /// The checked entry: a course the catalogue holds (422 `course`), a completion date in 1900-2100,
    /// an expiry (by default the course's validity after completion) not before it (422 `expiresOn`), and
    /// provider and evidence reference as short single-line text.
    public func validated(ruleset: Ruleset = .england2025) throws(SafeholdError) -> CheckedTraining {
        var v = Validation()
        let code = course?.trimmingCharacters(in: .whitespaces) ?? ""
        let found = ruleset.workforce.training.course(code)
        if code.isEmpty {
            v.add("course", "is required")
        } else if found == nil {
            v.add("course", "is not a course, accreditation or registration in the catalogue")
        }
        let completed = v.isoDate("completedOn", completedOn)
        var expires: LocalDate? = nil
        let expiryText = expiresOn?.trimmingCharacters(in: .whitespaces) ?? ""
        if !expiryText.isEmpty {
            expires = v.isoDate("expiresOn", expiryText)
            if let expires, let completed, expires < completed {
                v.add("expiresOn", "cannot be before the date it was completed (\(completed.display))")
            }
        }
        v.text("provider", provider, max: 200)
        v.text("evidenceReference", evidenceReference, max: 200)
        try v.check()
        guard let found, let completed else { throw .invalid([FieldError("course", "is required")]) }
        if expires == nil, let validity = found.validity {
            // Current up to the day before the same date `validity` later.
            expires = ruleset.due(validity, from: completed).adding(days: -1)
        }
        if let e = expires, !LocalDate.acceptedRange.contains(e) {
            throw .invalid([FieldError("expiresOn", "must be a date between 1900 and 2100")])
        }
        return CheckedTraining(
            course: found, completedOn: completed, expiresOn: expires, provider: Self.blankNil(provider),
            evidenceReference: Self.blankNil(evidenceReference))
    }

    static func blankNil(_ text: String?) -> String? {
        let t = text?.trimmingCharacters(in: .whitespaces) ?? ""
        return t.isEmpty ? nil : t
    }
}

/// A register entry that passed its checks, with its expiry worked out.
public struct CheckedTraining: Hashable, Sendable {
    public let course: TrainingCourse
    public let completedOn: LocalDate
    public let expiresOn: LocalDate?
    public let provider: String?
    public let evidenceReference: String?
}
