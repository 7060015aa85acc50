import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The demo's MAPPA coordinator and LADO sign in to real work: nominals at levels 1 to 3 with meetings and
/// linked children, disclosure scheme applications, and LADO cases across sectors and every outcome, one
/// about a teacher at the demo's primary school. The demo at its full size (`serve --demo`): a smaller one
/// has too few north-team families for the four nominals.
@Suite struct DemoRiskAndLADOTests {
    @Test func theDemoMAPPACoordinatorAndLADOHaveRealWork() async throws {
        try await DemoFixture.with { demo in
            let store = demo.store
            let ctx = { (u: User) in AuditContext(actor: u.actor, ipAddress: nil) }
            let users = demo.users
            let mappa = try #require(users["mappa1"]), lado = try #require(users["lado1"])

            let home = try await store.mappaHome(context: ctx(mappa))
            #expect(Set(home.profiles.compactMap(\.mappaLevel)) == [.one, .two, .three])
            #expect(!home.reviews.isEmpty, "level 2 and 3 nominals have reviews coming")
            let applications = try await store.disclosureApplications(context: ctx(mappa))
            #expect(!applications.isEmpty)
            let linked = try await store.database.withConnection { db in
                try await db.raw("SELECT COUNT(DISTINCT person_id) AS n FROM risk_links WHERE ended_on IS NULL")
                    .first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(linked >= 3, "the nominals are linked to demo children")

            let cases = try await store.allegations(context: ctx(lado))
            #expect(Set(cases.compactMap(\.outcome?.outcome)) == Set(AllegationOutcome.allCases))
            #expect(Set(cases.map(\.details.sector)).count >= 4)
            let teacher = try #require(cases.first { $0.details.employerName.contains("Riverside Primary") })
            #expect(!teacher.contacts.isEmpty, "a contact is raised for the pupil concerned")
            let ladoHome = try await store.ladoHome(context: ctx(lado))
            #expect(!ladoHome.open.isEmpty)
        }
    }
}
