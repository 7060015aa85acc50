import Foundation

/// A record laid out for print (a PDF of one step, an assessment, a plan or a conference's minutes, or a
/// bundle's section D): a title, when and by whom, and labelled fields of text in the record's own words.
public struct PrintableRecord: Hashable, Sendable {
    public struct Field: Hashable, Sendable {
        public let label: String
        public let text: String

        public init(_ label: String, _ text: String) {
            self.label = label
            self.text = text
        }
    }

    public let id: UUID
    public let title: String
    public let date: LocalDate
    public let recordedBy: String
    public let fields: [Field]

    public init(id: UUID, title: String, date: LocalDate, recordedBy: String, fields: [Field]) {
        self.id = id
        self.title = title
        self.date = date
        self.recordedBy = recordedBy
        self.fields = fields
    }

    /// A recorded step as it prints: every field it holds, labelled as the step's form labels it.
    public init(_ recorded: RecordedStep) {
        var fields = recorded.step.printFields
        if let by = recorded.authorisedBy {
            fields.append(Field("Authorised by", by + (recorded.managerComment.map { ": \($0)" } ?? "")))
        }
        self.init(
            id: recorded.id, title: recorded.step.title, date: recorded.step.date, recordedBy: recorded.recordedBy,
            fields: fields)
    }

    /// The kinds of step a bundle's section D holds (assessments, conferences and plans).
    public static let bundleKinds: Set<String> = [
        "assessment_completed", "initial_conference", "review_conference", "plan_started", "plan_ended",
        "core_group", "strategy_discussion", "s47_completed",
    ]
}

extension EpisodeStep {
    /// Every field of the step, labelled, for print.
    public var printFields: [PrintableRecord.Field] {
        typealias F = PrintableRecord.Field
        let people = { (list: [Participant]) in
            list.isEmpty ? "None recorded" : list.map { "\($0.name) (\($0.agency))" }.joined(separator: "; ")
        }
        switch self {
        case .assessmentCompleted(_, _, let factors, let seen, let needs, let parenting, let family, let outcome):
            return [
                F("Child seen", seen ? "Yes" : "No"), F("Factors", factors.joined(separator: ", ")),
                F("The child's developmental needs", needs), F("Parenting capacity", parenting),
                F("Family and environmental factors", family), F("Outcome", outcome),
            ]
        case .conference(
            _, _, let chair, let attendees, let apologies, let views, let how, let decision, let category,
            let review):
            return [
                F("Chair", chair), F("Attending", people(attendees)),
                F("Apologies", apologies.isEmpty ? "None" : apologies.joined(separator: "; ")),
                F("The child's views", views), F("How the child's views were obtained", how),
                F("Decision", decision.label + (category.map { " (\($0.label))" } ?? "")),
                F("Next review", review?.display ?? "Not set"),
            ]
        case .strategyDiscussion(_, let participants, let absent, let shared, let decision, let actions):
            return [
                F("Participants", people(participants)), F("Agencies absent", absent ?? "None"),
                F("Information shared", shared), F("Decision", decision.label), F("Safety actions", actions),
            ]
        case .coreGroupMeeting(_, _, let attendees, let notes):
            return [F("Attending", people(attendees)), F("Notes", notes)]
        case .visit(_, let visitor, _, _, let location, let observations, let words):
            return [
                F("Visitor", visitor), F("Where", location), F("Summary", chronologySummary),
                F("Observations", observations), F("In the child's words", words),
            ]
        default:
            return [F("Summary", chronologySummary)]
        }
    }
}
