import Foundation

/// One action on a plan: what is to be done, by whom, by when, and how it stands.
public struct PlanAction: Identifiable, Hashable, Codable, Sendable {
    public enum Status: String, CaseIterable, Codable, Sendable {
        case notStarted = "not_started", inProgress = "in_progress", done, notDone = "not_done"

        public var label: String {
            switch self {
            case .notStarted: "Not started"
            case .inProgress: "In progress"
            case .done: "Done"
            case .notDone: "Not done"
            }
        }
    }

    public let id: UUID
    public let planId: UUID
    public var what: String
    public var who: String
    public var dueOn: LocalDate
    public var status: Status
    public var version: Int

    public init(id: UUID, planId: UUID, what: String, who: String, dueOn: LocalDate, status: Status, version: Int) {
        self.id = id
        self.planId = planId
        self.what = what
        self.who = who
        self.dueOn = dueOn
        self.status = status
        self.version = version
    }

    /// Checks the fields a worker types: what and who, and a due date between 1900 and 2100 (it
    /// may be in the future; whether it falls within the plan is checked against the plan).
    public static func validate(what: String, who: String, dueOn: LocalDate) throws(SafeholdError) {
        var v = Validation()
        v.text("what", what, required: true, max: 1000)
        v.text("who", who, required: true, max: 200)
        v.date("dueOn", dueOn)
        try v.check()
    }
}
