import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// The subject of an allegation is a restricted record by rule: only the LADO service and the people it
/// grants find or open them; the subject, as a user, never sees their own case or record; the case itself
/// is the LADO service's, and everyone else gets the one 404, audited.
@Suite("Allegation access in the store")
struct AllegationAccessStoreTests {
    @Test(
        "Outside the LADO service nobody finds the subject by name: social worker, police, partner",
        arguments: TestBackend.all)
    func subjectHiddenFromSearch(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            // Before the allegation an ordinary adult record: found by name by a social worker and police.
            let carolFinds = try await a.finds(a.w.carol)
            let officerFinds = try await a.finds(a.w.officer)
            #expect(carolFinds && officerFinds)
            _ = try await a.record()
            for user in [a.w.carol, a.w.officer, a.w.alice] {
                #expect(try await !a.finds(user), "\(user.username) found the subject")
            }
            // Alice created the adult and was allocated it; that relationship no longer opens it.
            await expectRefusal(.notFound) { try await a.store.openPerson(a.teacher, context: a.ctx(a.w.alice)) }
            // A partner's search refuses itself or leaves the subject out.
            let partner = try? await a.store.search(PersonQuery(text: "Teachwell"), context: a.ctx(a.school))
            #expect(!(partner ?? []).contains { $0.id == a.teacher })
            // The DPO does not find them by name either (the access log by id stays theirs).
            #expect(try await !a.finds(a.w.dpo))
            // The LADO service finds and opens them.
            #expect(try await a.finds(a.lado))
            #expect(try await a.store.openPerson(a.teacher, context: a.ctx(a.lado)).person.id == a.teacher)
            // The refusal to open is audited against the subject.
            let denied = try await a.store.audit.entries(forPerson: a.teacher).filter {
                $0.event.action == .denied && $0.event.actorId == a.w.alice.id
            }
            #expect(!denied.isEmpty)
        }
    }

    @Test("A LADO grant lets one named user find and open the subject; nobody else", arguments: TestBackend.all)
    func grantByTheLADO(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let made = try await a.record()
            let granted = try await a.store.grantSubjectAccess(
                made.id, userId: a.w.officer.id.uuidString, reason: "Officer in the case", expectedVersion: 1,
                context: a.ctx(a.lado))
            #expect(granted.version == 2)
            #expect(try await a.finds(a.w.officer))
            #expect(try await a.store.openPerson(a.teacher, context: a.ctx(a.w.officer)).person.id == a.teacher)
            #expect(try await !a.finds(a.w.carol))
            // The grant never opens the case itself, which is the LADO service's.
            await expectRefusal(.notFound) { try await a.store.allegation(made.id, context: a.ctx(a.w.officer)) }
            // Only the LADO grants: a social worker is refused, nothing written.
            let before = try await a.footprint()
            let grants = try await a.w.env.count("access_grants")
            await expectRefusal(.notFound) {
                try await a.store.grantSubjectAccess(
                    made.id, userId: a.w.carol.id.uuidString, reason: "Curious", expectedVersion: 2,
                    context: a.ctx(a.w.alice))
            }
            #expect(try await a.footprint() == before)
            #expect(try await a.w.env.count("access_grants") == grants)
        }
    }

    @Test(
        "The subject as a user (a LADO, even with a grant) never sees their own case or record",
        arguments: TestBackend.all)
    func subjectAsUser(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let made = try await a.record(subjectUser: a.subjectLado.id)
            // Even a grant on their own record does not let them reach it.
            try await a.w.env.execute(
                """
                INSERT INTO access_grants (id, person_id, user_id, can_edit, reason, granted_at)
                VALUES ('\(UUID().uuidString)', '\(a.teacher.uuidString)', '\(a.subjectLado.id.uuidString)', 1,
                        'mistaken grant', '\(Timestamp.string(testNow))')
                """)
            await expectRefusal(.notFound) { try await a.store.allegation(made.id, context: a.ctx(a.subjectLado)) }
            await expectRefusal(.notFound) { try await a.store.openPerson(a.teacher, context: a.ctx(a.subjectLado)) }
            #expect(try await !a.finds(a.subjectLado))
            #expect(try await a.store.allegations(context: a.ctx(a.subjectLado)).isEmpty)
            #expect(try await a.store.ladoHome(context: a.ctx(a.subjectLado)).open.isEmpty)
            let before = try await a.footprint()
            await expectRefusal(.notFound) {
                try await a.store.recordConsideration(
                    made.id, decision: "no_further_action", reasons: "Mine", on: Synthetic.today.description,
                    expectedVersion: 1, context: a.ctx(a.subjectLado))
            }
            #expect(try await a.footprint() == before)
            // The LADO who is not the subject works on it as usual, and the subject cannot be granted access.
            #expect(try await a.store.allegations(context: a.ctx(a.lado)).map(\.id) == [made.id])
            await expectRefusal(.invalid) {
                try await a.store.grantSubjectAccess(
                    made.id, userId: a.subjectLado.id.uuidString, reason: "r", expectedVersion: 1,
                    context: a.ctx(a.lado))
            }
            // The refusals are audited against the subject and the child.
            let denied = try await a.store.audit.entries(forPerson: a.child).filter {
                $0.event.action == .denied && $0.event.actorId == a.subjectLado.id
            }
            #expect(denied.count >= 2)
        }
    }

    @Test("Other roles get the one 404 on a case and a 403 on the LADO's lists", arguments: TestBackend.all)
    func otherRoles(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let made = try await a.record()
            for user in [a.w.alice, a.w.manager, a.w.officer, a.school, a.w.dpo] {
                let real = await expectRefusal(.notFound) {
                    try await a.store.allegation(made.id, context: a.ctx(user))
                }
                let made = await expectRefusal(.notFound) {
                    try await a.store.allegation(UUID(), context: a.ctx(user))
                }
                #expect("\(real!)" == "\(made!)")
                await expectRefusal(.forbidden) { try await a.store.allegations(context: a.ctx(user)) }
                await expectRefusal(.forbidden) {
                    try await a.store.allegationFigures(year: 2026, context: a.ctx(user))
                }
            }
            // Only the LADO records an allegation.
            let before = try await a.footprint()
            await expectRefusal(.forbidden) {
                try await a.store.recordAllegation(try a.draft(), context: a.ctx(a.w.alice))
            }
            #expect(try await a.footprint() == before)
        }
    }

    @Test(
        "The figures count a year's referrals by source, sector and outcome, with timeliness",
        arguments: TestBackend.all)
    func figures(_ backend: TestBackend) async throws {
        try await withAllegations(backend) { a in
            let made = try await a.record()
            _ = try await a.store.recordConsideration(
                made.id, decision: "no_further_action", reasons: "Not a position of trust matter",
                on: Synthetic.today.description, expectedVersion: 1, context: a.ctx(a.lado))
            _ = try await a.record()
            let figures = try await a.store.allegationFigures(year: 2026, context: a.ctx(a.lado))
            #expect(figures.total == 2 && figures.open == 1)
            #expect(figures.bySource.first { $0.code == "employer" }?.count == 2)
            #expect(figures.bySector.first { $0.code == "education" }?.count == 2)
            #expect(figures.byOutcome.first { $0.code == "no_further_action" }?.count == 1)
            #expect(figures.timeliness.map(\.percent) == [100, 100])
            #expect(try await a.store.allegationFigures(year: 2025, context: a.ctx(a.lado)).total == 0)
            await expectRefusal(.invalid) { try await a.store.allegationFigures(year: 99999, context: a.ctx(a.lado)) }
        }
    }
}
