import Foundation

/// Where a referral to a service stands. It moves by one table of allowed steps:
/// sent → accepted | declined | waiting; waiting → started | declined; accepted → started;
/// started → ended. Declined and ended are final.
public enum ServiceReferralStatus: String, CaseIterable, Codable, Sendable {
    case sent, accepted, declined, waiting, started, ended

    public var label: String {
        switch self {
        case .sent: "Sent, awaiting the service's answer"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .waiting: "Accepted onto a waiting list"
        case .started: "Service started"
        case .ended: "Service ended"
        }
    }

    /// The statuses a referral in this status may move to.
    public var next: [ServiceReferralStatus] {
        switch self {
        case .sent: [.accepted, .declined, .waiting]
        case .accepted: [.started]
        case .waiting: [.started, .declined]
        case .started: [.ended]
        case .declined, .ended: []
        }
    }

    /// Why `to` cannot follow this status, in words a worker understands; nil when it may.
    public func refusal(to target: ServiceReferralStatus) -> String? {
        if next.contains(target) { return nil }
        let verb: String =
            switch target {
            case .sent: "be sent again"
            case .accepted: "be accepted"
            case .declined: "be declined"
            case .waiting: "go onto a waiting list"
            case .started: "start"
            case .ended: "end"
            }
        let now: String =
            switch self {
            case .sent: "This referral has not been answered by the service yet"
            case .accepted: "This referral was accepted"
            case .declined: "This referral was declined"
            case .waiting: "This referral is on the service's waiting list"
            case .started: "This service has started"
            case .ended: "This service has ended"
            }
        if self == target { return "\(now) already." }
        return "\(now); it cannot \(verb)."
    }
}

/// A change of status a worker records: the new status, the date it happened, and the note it needs
/// (a reason for a decline, an outcome for an end).
public struct ServiceReferralUpdate: Sendable, Equatable {
    public let status: ServiceReferralStatus
    public let on: LocalDate
    public let note: String?

    /// Checks the fields of a change; whether it may follow the referral's status is `apply`'s question.
    /// A decline needs its `reason`, an end its `outcome`; the date is not in the future nor before the
    /// referral was sent.
    public static func validated(
        status: String?, on: String?, reason: String?, outcome: String?, sentOn: LocalDate, today: LocalDate
    ) throws(SafeholdError) -> ServiceReferralUpdate {
        var v = Validation()
        let target = status.flatMap(ServiceReferralStatus.init(rawValue:))
        if status?.isEmpty ?? true {
            v.add("status", "is required")
        } else if target == nil || target == .sent {
            let choices = ServiceReferralStatus.allCases.filter { $0 != .sent }.map(\.rawValue)
            v.add("status", "must be one of \(choices.joined(separator: ", "))")
        }
        let date = v.isoDate(
            "on", on, notAfter: today, notBefore: sentOn, beforeMessage: "is before the referral was sent")
        var note: String?
        switch target {
        case .declined:
            v.text("reason", reason, required: true, max: 2000, multiline: true)
            note = reason
        case .ended:
            v.text("outcome", outcome, required: true, max: 4000, multiline: true)
            note = outcome
        default:
            break
        }
        try v.check()
        return ServiceReferralUpdate(
            status: target!, on: date!, note: note?.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether this change may follow `current`: a refused step is a conflict (409) naming both.
    public func check(from current: ServiceReferralStatus) throws(SafeholdError) {
        if let refusal = current.refusal(to: status) { throw .conflict(refusal) }
    }
}
