import Foundation
import SafeholdCore
import SafeholdStore

/// The labels of the training forms' fields.
let trainingFieldLabels: [String: String] = [
    "course": "Course", "completedOn": "Completed on", "expiresOn": "Expires on", "provider": "Provider",
    "evidenceReference": "Evidence reference", "act": "Act", "userId": "Worker", "reason": "Reason", "team": "Team",
]

/// One course's line on a worker's register page or the team view.
struct StandingLine {
    let course: String; let state: String; let stateClass: String; let expires: String; let window: String
    let expected: Bool

    init(_ s: CourseStanding) {
        course = s.course.label
        state = s.state.label
        stateClass = s.state.rawValue
        expires = s.latest.map { $0.expiresOn?.display ?? "Does not expire" } ?? "—"
        window = s.windowDays.map { "within \($0) days" } ?? ""
        expected = s.expected
    }
}

/// One register entry as a worker's page lists it.
struct RecordLine {
    let course: String; let completed: String; let expires: String; let provider: String; let evidence: String
    let recordedBy: String

    init(_ r: TrainingRecord, catalogue: TrainingCatalogue) {
        course = catalogue.course(r.course)?.label ?? r.course
        completed = r.completedOn.display
        expires = r.expiresOn?.display ?? "Does not expire"
        provider = r.provider ?? ""
        evidence = r.evidenceReference ?? ""
        recordedBy = r.recordedByName
    }
}

/// A worker's register: their standing, their entries, and the form to record one (when the caller may).
struct TrainingPage: Page {
    static let template = Template.training
    let chrome: Chrome; let form: FormState
    let heading: String; let own: Bool; let action: String
    let standing: [StandingLine]; let hasStanding: Bool
    let records: [RecordLine]; let hasRecords: Bool
    let courses: [Option]; let mayRecord: Bool
}

/// The team view: who is current in what, expired, and expiring within 30, 60 and 90 days.
struct TrainingTeamPage: Page {
    struct Row {
        let name: String; let link: String; let team: String; let role: String
        let current: String; let expiring: String; let expired: String; let missing: String
    }
    struct Figure { let label: String; let count: Int }
    static let template = Template.trainingTeam
    let chrome: Chrome; let form: FormState
    let rows: [Row]; let hasRows: Bool; let figures: [Figure]
    let teams: [Option]; let choosesTeam: Bool
}

/// The report of overrides of the accreditation gates, with the form to record one.
struct TrainingOverridesPage: Page {
    struct Row {
        let worker: String; let act: String; let reason: String; let by: String; let at: String
        let validUntil: String; let used: String
    }
    static let template = Template.trainingOverrides
    let chrome: Chrome; let form: FormState
    let rows: [Row]; let hasRows: Bool
    let acts: [Option]; let workers: [Option]; let mayOverride: Bool
    /// How long an override may wait to be used, from the catalogue ("7 days").
    let validity: String
}

/// A line of the due page's training part: the caller's own entries (and a team manager's team's) expiring
/// within the longest reminder window, or expired when the role expects them.
struct TrainingDueRow {
    let name: String; let href: String; let course: String; let expires: String; let status: String

    static func rows(_ store: Store, context: AuditContext) async throws -> [TrainingDueRow] {
        guard let me = context.actor?.userId else { return [] }
        return try await store.trainingDue(context: context).map { line in
            TrainingDueRow(
                name: line.worker.displayName,
                href: line.worker.id == me ? SiteRoute.myTraining.path : SiteRoute.workerTraining(line.worker.id).path,
                course: line.standing.course.label, expires: line.standing.latest?.expiresOn?.display ?? "",
                status: line.standing.state == .expired
                    ? "Expired" : "Expires within \(line.standing.windowDays ?? 0) days")
        }
    }
}
