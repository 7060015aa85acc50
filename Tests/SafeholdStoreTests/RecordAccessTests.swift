import Foundation
import SQLKit
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

@Suite("Opening a record under the access policy")
struct RecordAccessTests {
    @Test(
        """
        openPerson: allocated worker and same-team colleague allowed; \
        another team's worker refused and the refusal audited
        """,
        arguments: TestBackend.all)
    func openPersonFollowsAllocation(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))

            let mine = try await w.store.openPerson(child.id, context: w.ctx(w.alice))
            #expect(mine.person.id == child.id)
            #expect(mine.canEdit)

            let colleague = try await w.store.openPerson(child.id, context: w.ctx(w.bob))
            #expect(colleague.person.id == child.id)
            #expect(colleague.canEdit)

            let manager = try await w.store.openPerson(child.id, context: w.ctx(w.manager))
            #expect(manager.canEdit)

            let auditBefore = try await w.env.count("audit_log")
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(w.carol)) }
            await expectRefusal(.notFound) { try await w.store.openPerson(child.id, context: w.ctx(w.officer)) }
            #expect(try await w.env.count("audit_log") == auditBefore + 2)

            let entries = try await w.store.audit.entries(forPerson: child.id)
            let denials = entries.filter { $0.event.action == .denied }
            #expect(denials.map(\.event.actorId) == [w.officer.id, w.carol.id])
            #expect(denials.allSatisfy { $0.event.personId == child.id && $0.event.entityId == child.id })
            #expect(denials.allSatisfy { ($0.event.detail ?? "").contains("no working relationship") })

            // Nothing about a refused read is recorded as a read.
            let readers = Set(entries.filter { $0.event.action == .read }.compactMap(\.event.actorId))
            #expect(readers == [w.alice.id, w.bob.id, w.manager.id])
        }
    }

    @Test(
        "Administrator and data protection officer may not view a child's record, and are audited",
        arguments: TestBackend.all)
    func nonCaseworkRolesDeniedView(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            for user in [w.admin, w.dpo] {
                let error = await expectRefusal(.notFound) {
                    try await w.store.openPerson(child.id, context: w.ctx(user))
                }
                #expect(error?.message == AccessPolicy.noVisibleRecord)
            }
            let denials = try await w.store.audit.entries(forPerson: child.id).filter { $0.event.action == .denied }
            #expect(Set(denials.compactMap(\.event.actorId)) == [w.admin.id, w.dpo.id])
            #expect(denials.allSatisfy { ($0.event.detail ?? "").contains("does not give access") })
        }
    }

    @Test("A read writes a `read` audit entry naming the reader and the person", arguments: TestBackend.all)
    func readIsAudited(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let before = try await w.env.count("audit_log")
            _ = try await w.store.openPerson(
                child.id,
                context: AuditContext(
                    actor: w.bob.actor, ipAddress: "10.0.0.7",
                    reason: "duty visit"))
            #expect(try await w.env.count("audit_log") == before + 1)
            let newest = try #require(try await w.store.audit.entries(forPerson: child.id).first)
            #expect(newest.event.action == .read)
            #expect(newest.event.actorId == w.bob.id)
            #expect(newest.event.actorName == "Bob Example")
            #expect(newest.event.personId == child.id)
            #expect(newest.event.entityType == "person")
            #expect(newest.event.ipAddress == "10.0.0.7")
            #expect(newest.event.reason == "duty visit")
            #expect(newest.at == testNow)
        }
    }

    @Test("Opening an unknown id is notFound; without an actor it is unauthenticated", arguments: TestBackend.all)
    func unknownAndAnonymous(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            await expectRefusal(.notFound) { try await w.store.openPerson(UUID(), context: w.ctx(w.alice)) }
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            await expectRefusal(.unauthenticated) {
                try await w.store.openPerson(child.id, context: AuditContext(system: "no one"))
            }
        }
    }

    @Test(
        """
        Restricted records: refused to team members other than the allocated worker, \
        hidden from others' name search, found by the worker
        """,
        arguments: TestBackend.all)
    func restrictedRecords(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let ids = try await w.store.bulkLoad(
                [
                    BulkPerson(
                        details: Synthetic.child("Quinn", "Hiddenfield", born: "2014-02-02"), restricted: true,
                        team: w.teamA.id, worker: w.alice.id),
                    BulkPerson(
                        details: Synthetic.child("Rowan", "Openfield", born: "2014-02-02"), team: w.teamA.id,
                        worker: w.alice.id),
                ], links: [], context: w.env.system)
            let restricted = ids[0], open = ids[1]

            let record = try await w.store.openPerson(restricted, context: w.ctx(w.alice))
            #expect(record.person.restricted)
            #expect(record.canEdit)

            for user in [w.bob, w.manager, w.carol, w.officer] {
                await expectRefusal(.notFound) { try await w.store.openPerson(restricted, context: w.ctx(user)) }
            }
            let denials = try await w.store.audit.entries(forPerson: restricted).filter { $0.event.action == .denied }
            #expect(denials.count == 4)

            // The unrestricted record of the same team stays open to the team.
            _ = try await w.store.openPerson(open, context: w.ctx(w.bob))

            // Name search: the allocated worker finds it in full; nobody else learns it exists.
            let found = try await w.store.search(PersonQuery(text: "Quinn Hiddenfield"), context: w.ctx(w.alice))
            #expect(found.map(\.id) == [restricted])
            #expect(found.first?.canView == true)
            for user in [w.bob, w.manager, w.carol, w.officer, w.dpo] {
                let hits = try await w.store.search(PersonQuery(text: "Quinn Hiddenfield"), context: w.ctx(user))
                #expect(hits.isEmpty, "\(user.username) should not find the restricted record")
                let byFamily = try await w.store.search(PersonQuery(text: "Hiddenfield"), context: w.ctx(user))
                #expect(byFamily.isEmpty, "\(user.username) should not find the restricted record by family name")
                #expect(try await w.store.findByLocalId(record.person.localId, context: w.ctx(user)) == nil)
            }
            // The team sees the restricted record in no list either.
            let bobs = try await w.store.caseload(context: w.ctx(w.bob))
            #expect(!(bobs.mine + bobs.team).map(\.id).contains(restricted))
            #expect((bobs.mine + bobs.team).map(\.id).contains(open))
            let alices = try await w.store.caseload(context: w.ctx(w.alice))
            #expect(Set(alices.mine.map(\.id)) == [restricted, open])
        }
    }

    @Test("An explicit grant allows view but not edit; an edit grant allows both", arguments: TestBackend.all)
    func grantsAllowViewNotEdit(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let ids = try await w.store.bulkLoad(
                [
                    BulkPerson(
                        details: Synthetic.child("Sami", "Grantley"), team: w.teamA.id, worker: w.alice.id,
                        grants: [(user: w.officer.id, canEdit: false), (user: w.carol.id, canEdit: true)]),
                    BulkPerson(details: Synthetic.adult("Terry", "Grantley"), team: w.teamA.id, worker: w.alice.id),
                ], links: [], context: w.env.system)
            let child = ids[0], adult = ids[1]

            let seen = try await w.store.openPerson(child, context: w.ctx(w.officer))
            #expect(seen.person.id == child)
            #expect(seen.canEdit == false)
            #expect(seen.facts.grants == [w.officer.id: false, w.carol.id: true])

            let before = try await w.env.footprint()
            var changed = seen.person.details
            changed.givenName = "Samira"
            await expectRefusal(.forbidden) {
                try await w.store.updatePerson(child, details: changed, expectedVersion: 1, context: w.ctx(w.officer))
            }
            await expectRefusal(.forbidden) {
                try await w.store.addRelationship(
                    to: child,
                    RelationshipDraft(
                        otherPersonId: adult, kind: .father,
                        parentalResponsibility: true, livesTogether: true),
                    context: w.ctx(w.officer))
            }
            var after = try await w.env.footprint()
            #expect(after["audit_log"] == before["audit_log"]! + 2, "each refusal leaves one audit entry")
            after["audit_log"] = before["audit_log"]
            #expect(after == before, "a refused edit changes nothing else")
            let denials = try await w.store.audit.entries(forPerson: child).filter { $0.event.action == .denied }
            #expect(denials.count == 2)
            #expect(denials.allSatisfy { $0.event.actorId == w.officer.id })
            #expect(try await w.store.openPerson(child, context: w.ctx(w.alice)).person.version == 1)

            // The grant is for that one record only.
            await expectRefusal(.notFound) { try await w.store.openPerson(adult, context: w.ctx(w.officer)) }

            // An edit grant lets carol (another team) change it.
            let asCarol = try await w.store.openPerson(child, context: w.ctx(w.carol))
            #expect(asCarol.canEdit)
            let updated = try await w.store.updatePerson(
                child, details: changed, expectedVersion: 1, context: w.ctx(w.carol))
            #expect(updated.version == 2)
            #expect(updated.details.givenName == "Samira")
        }
    }

    @Test("Expired and revoked grants give no access, on the page and in lists alike", arguments: TestBackend.all)
    func expiredAndRevokedGrants(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let ids = try await w.store.bulkLoad(
                [
                    BulkPerson(
                        details: Synthetic.child("Uma", "Lapsed", nhs: Synthetic.nhsNumber(21)), team: w.teamA.id,
                        worker: w.alice.id)
                ], links: [], context: w.env.system)
            let child = ids[0]
            let past = Timestamp.string(testNow.addingTimeInterval(-60))
            let future = Timestamp.string(testNow.addingTimeInterval(3600))
            let now = Timestamp.string(testNow)
            try await w.env.database.withConnection { db in
                // The officer's grant expired a minute ago; carol's (not yet expired) was revoked.
                try await db.raw(
                    """
                    INSERT INTO access_grants \
                    (id, person_id, user_id, can_edit, reason, granted_by, granted_at, expires_at, revoked_at)
                    VALUES (\(bind: UUID().uuidString), \(bind: child.uuidString), \(bind: w.officer.id.uuidString), 0,
                            'strategy discussion', NULL, \(bind: now), \(bind: past), NULL),
                           (\(bind: UUID().uuidString), \(bind: child.uuidString), \(bind: w.carol.id.uuidString), 1,
                            'joint visit', NULL, \(bind: now), \(bind: future), \(bind: now))
                    """
                ).run()
            }
            for user in [w.officer, w.carol] {
                await expectRefusal(.notFound) { try await w.store.openPerson(child, context: w.ctx(user)) }
                let byNHS = try await w.store.search(PersonQuery(text: Synthetic.nhsNumber(21)), context: w.ctx(user))
                #expect(byNHS.isEmpty, "\(user.username) must not find the record by NHS number")
                let byName = try await w.store.search(PersonQuery(text: "Uma Lapsed"), context: w.ctx(user))
                #expect(byName.map(\.canView) == [false])
            }
            let record = try await w.store.openPerson(child, context: w.ctx(w.alice))
            #expect(record.facts.grants.isEmpty)

            // Once the clock passes it, a grant that was live stops working.
            try await w.env.database.withConnection { db in
                try await db.raw(
                    """
                    INSERT INTO access_grants \
                    (id, person_id, user_id, can_edit, reason, granted_by, granted_at, expires_at)
                    VALUES (\(bind: UUID().uuidString), \(bind: child.uuidString), \(bind: w.officer.id.uuidString), 0,
                            'section 47 enquiry', NULL, \(bind: now), \(bind: future))
                    """
                ).run()
            }
            _ = try await w.store.openPerson(child, context: w.ctx(w.officer))
            #expect(
                try await w.store.search(PersonQuery(text: Synthetic.nhsNumber(21)), context: w.ctx(w.officer)).map(
                    \.id) == [child])
            w.env.clock.advance(by: 3601)
            await expectRefusal(.notFound) { try await w.store.openPerson(child, context: w.ctx(w.officer)) }
            #expect(
                try await w.store.search(PersonQuery(text: Synthetic.nhsNumber(21)), context: w.ctx(w.officer)).isEmpty)
        }
    }

    @Test("findByLocalId gives an unrelated user the name only, like search", arguments: TestBackend.all)
    func findByLocalIdNameOnly(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(
                Synthetic.child("Amelia", "Testchild", born: "2016-04-12"),
                context: w.ctx(w.alice))
            let own = try #require(try await w.store.findByLocalId(child.localId, context: w.ctx(w.bob)))
            #expect(own.canView)
            #expect(own.dateOfBirth == Synthetic.date("2016-04-12"))

            let other = try #require(
                try await w.store.findByLocalId(child.localId.lowercased(), context: w.ctx(w.carol)))
            #expect(other.id == child.id)
            #expect(other.familyName == "Testchild")
            #expect(other.canView == false)
            // PersonSummary: "When canView is false it carries the name only."
            #expect(other.dateOfBirth == nil, "date of birth of a record carol may not open")
            #expect(other.kind == nil)
            #expect(
                other.localId == nil || other.localId == child.localId,
                "carol typed the local id, so echoing it reveals nothing new")
            #expect(try await w.store.findByLocalId("SH-999999", context: w.ctx(w.alice)) == nil)
        }
    }

    @Test(
        "Access log: the data protection officer sees who touched a record (and that is audited); a worker is refused",
        arguments: TestBackend.all)
    func accessLog(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            _ = try await w.store.openPerson(child.id, context: w.ctx(w.bob))
            _ = try? await w.store.openPerson(child.id, context: w.ctx(w.carol))

            let page = try await w.store.accessLog(of: child.id, context: w.ctx(w.dpo))
            let entries = page.lines.map(\.entry)
            #expect(page.person.displayName == "Amelia Testchild")
            #expect(page.olderThan == nil)
            #expect(entries.map(\.event.action) == [.denied, .read, .create])
            #expect(entries.map(\.event.actorId) == [w.carol.id, w.bob.id, w.alice.id])
            let newest = try #require(try await w.store.audit.entries(forPerson: child.id).first)
            #expect(newest.event.action == .read)
            #expect(newest.event.entityType == "access_log")
            #expect(newest.event.actorId == w.dpo.id)

            // Workers who may see the record are told why not; anyone else gets the answer for no record.
            for user in [w.alice, w.manager] {
                await expectRefusal(.forbidden) { try await w.store.accessLog(of: child.id, context: w.ctx(user)) }
            }
            await expectRefusal(.notFound) { try await w.store.accessLog(of: child.id, context: w.ctx(w.admin)) }
            let denials = try await w.store.audit.entries(forPerson: child.id)
                .filter { $0.event.action == .denied && $0.event.entityType == "access_log" }
            #expect(Set(denials.compactMap(\.event.actorId)) == [w.alice.id, w.manager.id, w.admin.id])
            await expectRefusal(.notFound) { try await w.store.accessLog(of: UUID(), context: w.ctx(w.dpo)) }
        }
    }
}
