import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The demo authority has a CIN census to return for the last year that has ended, and Safehold's own checks
/// find no error in it (the public validator checks the same file in `Tests/e2e/test_census_return.py`).
@Suite struct DemoCensusTests {
    @Test func theDemoReturnHoldsEveryKindOfEpisodeAndNoError() async throws {
        try await DemoFixture.with { demo in
            let store = demo.store, services = demo.services
            let analyst = try #require(try await store.users().first { $0.username == "analyst" })
            let (run, xml) = try await store.censusExport(
                year: 2025, settings: services.configuration.censusInUse, allowErrors: true,
                context: AuditContext(actor: analyst.actor, ipAddress: nil))
            #expect(run.errors.isEmpty, "\(run.errors.map { "\($0.code) \($0.laChildID ?? "") \($0.field ?? "")" })")
            #expect(run.census.children.count >= 10 && run.census.header.lea == CensusSettings.demoLACode)
            let episodes = run.census.children.flatMap(\.episodes)
            #expect(episodes.contains { $0.referralNFA == "true" })
            #expect(episodes.contains { $0.closureDate != nil && $0.reasonForClosure == "RC8" })
            #expect(episodes.contains { $0.protectionPlans.contains { $0.reviewDates.count >= 2 } })
            #expect(episodes.contains { $0.protectionPlans.contains { $0.numberOfPreviousCPP == 1 } })
            #expect(episodes.contains { $0.section47s.contains { $0.icpcNotRequired == "true" } })
            #expect(episodes.contains { !$0.cinPlans.isEmpty })
            #expect(xml.contains("<LEA>999</LEA>"))
        }
    }
}
