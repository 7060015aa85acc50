import Foundation

/// The check an act that needs an accreditation makes on the date of the act, and the manager's override.
public enum TrainingGate {
    /// Nil when `records` (the worker's) hold a record of a course allowing `act` current on `date`;
    /// otherwise the sentence a 409 gives: the course, whose, and when it expired (or that none is held).
    public static func refusal(
        _ act: GatedAct, worker name: String, records: [TrainingRecord], on date: LocalDate,
        catalogue: TrainingCatalogue
    ) -> String? {
        let allowing = catalogue.courses(allowing: act)
        let codes = Set(allowing.map(\.code))
        let relevant = records.filter { codes.contains($0.course) }
        if relevant.contains(where: { $0.isCurrent(on: date) }) { return nil }
        let names = allowing.map(\.label).joined(separator: " or ")
        let lapsed = relevant.compactMap(\.expiresOn).filter { $0 < date }.max()
        let why =
            lapsed.map { "it expired on \($0.display)" }
            ?? (relevant.isEmpty ? "none is recorded in the training register" : "it is not yet current")
        return "\(name) holds no \(names) current on \(date.display) (\(why)), which \(act.label) needs. "
            + "Renew it in the training register, or ask their manager to record an override with a reason."
    }
}

/// A manager's override of an accreditation gate: lets one worker do one gated act once, with a reason,
/// within the catalogue's override validity.
public struct TrainingOverride: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let act: GatedAct
    public let userId: UUID
    public let userName: String
    public let reason: String
    public let recordedByName: String
    public let recordedAt: Date
    /// The last day it may be used.
    public let validUntil: LocalDate
    /// When the act used it (nil while unused).
    public let usedAt: Date?

    public init(
        id: UUID, act: GatedAct, userId: UUID, userName: String, reason: String, recordedByName: String,
        recordedAt: Date, validUntil: LocalDate, usedAt: Date?
    ) {
        self.id = id
        self.act = act
        self.userId = userId
        self.userName = userName
        self.reason = reason
        self.recordedByName = recordedByName
        self.recordedAt = recordedAt
        self.validUntil = validUntil
        self.usedAt = usedAt
    }

    /// Checks an override's fields: a known act (422 `act`), a worker (422 `userId`), a reason (422 `reason`).
    public static func validate(
        act: String?, userId: String?, reason: String?
    ) throws(SafeholdError) -> (
        GatedAct, UUID, String
    ) {
        var v = Validation()
        let gated = act.flatMap { GatedAct(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        if gated == nil { v.add("act", "choose one of the acts that need an accreditation") }
        let user = userId.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
        if user == nil { v.add("userId", "choose the worker the override is for") }
        v.text("reason", reason, required: true, max: 2000, multiline: true)
        try v.check()
        guard let gated, let user, let reason else { throw .invalid([FieldError("act", "is required")]) }
        return (gated, user, reason.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
