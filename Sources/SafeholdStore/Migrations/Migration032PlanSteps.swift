import Foundation

/// The steps that open and close a child's plans, by episode: a team's caseload page derives each child's stage from
/// the plan steps of their open episode, and read every step of it to find them (3,162 steps and 1.1 MB of their
/// text for a team of 206 children at a million children, where 597 steps were wanted: 4-7 ms). The index holds
/// only those steps; `Store.caseWork` names the same kinds, so SQLite and PostgreSQL see the index serves it.
enum Migration032PlanSteps {
    /// The kinds the index holds, written exactly as the caseload's statement writes them (SQLite uses a partial
    /// index only for a statement whose conditions contain its condition as written).
    static let planKinds = "kind IN ('plan_started', 'plan_ended', 'initial_conference', 'review_conference')"

    static let migration = Migration(version: 32, name: "plan steps") { _ in
        ["CREATE INDEX episode_steps_plan ON episode_steps (episode_id, position) WHERE \(planKinds)"]
    }
}
