import Foundation
import SQLKit
import SafeholdCore
import Testing

@testable import SafeholdStore

/// A team's caseload reads the plan steps of its children's open episodes through the index that holds only plan
/// steps, never every step of each episode.
@Suite struct CaseWorkPlanTests {
    @Test("The caseload's plan steps are read through the plan steps' own index")
    func planStepsUseTheirIndex() async throws {
        try await withFreshStore(.sqlite) { env in
            let plan = try await env.queryPlan(Store.caseWorkQuery(teams: [UUID().text]))
            let text = plan.joined(separator: "\n")
            #expect(text.contains("USING INDEX episode_steps_plan"), "\(text)")
            #expect(!text.contains("sqlite_autoindex_episode_steps"), "\(text)")
        }
    }
}
