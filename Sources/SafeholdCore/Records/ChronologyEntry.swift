import Foundation

/// One entry in a child's chronology: an event from the record, where it came from, and any
/// analysis workers have added (which never changes the event itself).
public struct ChronologyEntry: Hashable, Sendable, Identifiable {
    public enum Kind: String, CaseIterable, Sendable {
        case contact, step, note, police, escalation
        case agencyReport = "agency_report"
        case oversight
        case court
        case bodyMap = "body_map"

        public var label: String {
            switch self {
            case .contact: "Contacts and decisions"
            case .step: "Statutory steps"
            case .note: "Significant notes"
            case .police: "Police events shared"
            case .agencyReport: "Agency reports"
            case .escalation: "Escalations of disagreement"
            case .oversight: "Management oversight"
            case .court: "Court orders and proceedings"
            case .bodyMap: "Body maps"
            }
        }
    }

    public struct Analysis: Hashable, Sendable {
        public let body: String
        public let authorName: String
        public let at: Date

        public init(body: String, authorName: String, at: Date) {
            self.body = body
            self.authorName = authorName
            self.at = at
        }

        /// Checks the analysis a worker adds to an entry.
        public static func validate(body: String) throws(SafeholdError) {
            var v = Validation()
            v.text("analysis", body, required: true, max: 4000, multiline: true)
            try v.check()
        }
    }

    /// The id of the underlying record (a contact, a step, a note).
    public let id: UUID
    public let date: LocalDate
    public let kind: Kind
    public let title: String
    public let detail: String
    /// Who recorded it, and for which agency or service.
    public let source: String
    public var analysis: [Analysis]

    public init(
        id: UUID, date: LocalDate, kind: Kind, title: String, detail: String, source: String, analysis: [Analysis] = []
    ) {
        self.id = id
        self.date = date
        self.kind = kind
        self.title = title
        self.detail = detail
        self.source = source
        self.analysis = analysis
    }

    /// Entries in date order (ties keep the order they were recorded), filtered by kind and dates.
    public static func arrange(
        _ entries: [ChronologyEntry], kinds: Set<Kind>? = nil, from: LocalDate? = nil,
        to: LocalDate? = nil
    ) -> [ChronologyEntry] {
        entries.enumerated()
            .filter { _, e in
                (kinds?.contains(e.kind) ?? true) && (from.map { e.date >= $0 } ?? true)
                    && (to.map { e.date <= $0 } ?? true)
            }
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
    }
}

extension EpisodeStep {
    /// A sentence for the chronology: what the step found or decided.
    public var chronologySummary: String {
        switch self {
        case .assessmentStarted: "Child and family assessment started."
        case .assessmentCompleted(_, _, let factors, let seen, _, _, _, let outcome):
            "Assessment completed (child \(seen ? "seen" : "not seen")); "
                + "factors \(factors.joined(separator: ", ")). \(outcome)"
        case .strategyDiscussion(_, let participants, _, _, let decision, let actions):
            "Strategy discussion with \(Set(participants.map(\.agency)).sorted().joined(separator: ", ")): "
                + "\(decision.label)." + (actions.isEmpty ? "" : " Safety actions: \(actions)")
        case .section47Started: "Section 47 enquiry started."
        case .section47Completed(_, _, let substantiated, let needed, let reason):
            "Section 47 enquiry completed: concerns \(substantiated ? "substantiated" : "not substantiated"); "
                + (needed ? "initial conference needed." : "no conference (\(reason ?? "no reason given")).")
        case .conference(let initial, _, let chair, _, _, let views, _, let decision, let category, _):
            "\(initial ? "Initial" : "Review") conference chaired by \(chair): \(decision.label)"
                + "\(category.map { ", \($0.label)" } ?? ""). Child's views: \(views)"
        case .planStarted(let kind, _, let category, let interval):
            "\(kind.label) started\(category.map { " (\($0.label))" } ?? ""); visits every \(interval) working days."
        case .planEnded(_, _, let reason): "Plan ended: \(reason)"
        case .coreGroupMeeting(_, _, let attendees, let notes):
            "Core group met (\(attendees.count) attending). \(notes)"
        case .visit(_, let visitor, let seen, let alone, let location, let observations, let words):
            "Visit by \(visitor) at \(location): "
                + "child \(seen ? (alone ? "seen alone" : "seen") : "not seen"). \(observations)"
                + (words.isEmpty ? "" : " In the child's words: “\(words)”")
        case .closed(_, let reason): "Episode closed: \(reason.label)."
        }
    }
}

extension EpisodeStep {
    /// A short title for the step as recorded ("Section 47 enquiry started").
    public var title: String {
        switch self {
        case .assessmentStarted: "Assessment started"
        case .assessmentCompleted: "Assessment completed"
        case .strategyDiscussion: "Strategy discussion"
        case .section47Started: "Section 47 enquiry started"
        case .section47Completed: "Section 47 enquiry completed"
        case .conference(let initial, _, _, _, _, _, _, _, _, _):
            initial ? "Initial child protection conference" : "Review conference"
        case .planStarted(let kind, _, _, _): "\(kind.label) started"
        case .planEnded: "Plan ended"
        case .coreGroupMeeting: "Core group meeting"
        case .visit: "Visit"
        case .closed: "Episode closed"
        }
    }
}
