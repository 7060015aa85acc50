import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Updating a person")
struct PersonUpdateTests {
    @Test(
        "updatePerson bumps the version, records the changed fields in history and audits them",
        arguments: TestBackend.all)
    func updateRecordsHistory(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            var details = child.details
            details.givenName = "  Zainab "
            details.addresses = [Address(line1: "3 Sample Road", town: "Exampleton", postcode: "ex11aa")]
            w.env.clock.advance(by: 3600)

            let updated = try await w.store.updatePerson(
                child.id, details: details, expectedVersion: 1, context: w.ctx(w.bob))
            #expect(updated.version == 2)
            #expect(updated.details.givenName == "Zainab")
            #expect(updated.details.addresses.first?.postcode == "EX1 1AA")
            #expect(updated.updatedAt == testNow.addingTimeInterval(3600))
            #expect(updated.createdAt == testNow)
            #expect(updated.localId == child.localId)

            let record = try await w.store.openPerson(child.id, context: w.ctx(w.alice))
            #expect(record.person == updated)
            #expect(record.history.map(\.version) == [2, 1])
            #expect(record.history.first?.changedFields == ["givenName", "addresses"])
            #expect(record.history.first?.changedByName == "Bob Example")
            #expect(record.history.first?.changedAt == testNow.addingTimeInterval(3600))
            #expect(record.history.last?.changedFields == ["created"])

            let update = try #require(
                try await w.store.audit.entries(forPerson: child.id).first { $0.event.action == .update })
            #expect(update.event.actorId == w.bob.id)
            #expect(update.event.entityId == child.id)
            #expect(update.event.detail == "changed: givenName, addresses")
            // The detail names fields, never their values.
            #expect(!(update.event.detail ?? "").contains("Zainab"))

            // Search follows the new name, and no longer the old one.
            #expect(
                try await w.store.search(PersonQuery(text: "Zainab Testchild"), context: w.ctx(w.alice)).map(\.id) == [
                    child.id
                ])
            #expect(try await w.store.search(PersonQuery(text: "Amelia"), context: w.ctx(w.alice)).isEmpty)

            // A second change builds on the first.
            var again = updated.details
            again.nhsNumber = "9434765919"
            let third = try await w.store.updatePerson(
                child.id, details: again, expectedVersion: 2, context: w.ctx(w.alice))
            #expect(third.version == 3)
            #expect(
                try await w.store.openPerson(child.id, context: w.ctx(w.alice)).history.first?.changedFields == [
                    "nhsNumber"
                ])
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test("A stale expectedVersion is a conflict and writes nothing", arguments: TestBackend.all)
    func staleVersionConflicts(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            var first = child.details
            first.givenName = "Amelie"
            _ = try await w.store.updatePerson(child.id, details: first, expectedVersion: 1, context: w.ctx(w.alice))

            let before = try await w.env.footprint()
            var stale = child.details
            stale.familyName = "Otherchild"
            await expectRefusal(.conflict) {
                try await w.store.updatePerson(child.id, details: stale, expectedVersion: 1, context: w.ctx(w.bob))
            }
            await expectRefusal(.conflict) {
                try await w.store.updatePerson(child.id, details: stale, expectedVersion: 7, context: w.ctx(w.bob))
            }
            #expect(try await w.env.footprint() == before, "no new version, name key or audit row")
            let record = try await w.store.openPerson(child.id, context: w.ctx(w.alice))
            #expect(record.person.version == 2)
            #expect(record.person.details.familyName == "Testchild")
            #expect(record.person.details.givenName == "Amelie")
        }
    }

    @Test(
        "Two workers saving over the same version at once: exactly one wins, the other gets a conflict",
        arguments: TestBackend.all)
    func racingSavesOneWins(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let outcomes = await withTaskGroup(of: Result<Person, SafeholdError>.self) { group in
                for (user, name) in [(w.alice, "Alicechosen"), (w.bob, "Bobchosen")] {
                    var details = child.details
                    details.givenName = name
                    let ctx = w.ctx(user)
                    group.addTask {
                        do {
                            return .success(
                                try await w.store.updatePerson(
                                    child.id, details: details, expectedVersion: 1, context: ctx))
                        } catch let error as SafeholdError { return .failure(error) } catch {
                            return .failure(.invalid([FieldError("unexpected", String(reflecting: error))]))
                        }
                    }
                }
                var all: [Result<Person, SafeholdError>] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            let wins = outcomes.compactMap { try? $0.get() }
            let losses = outcomes.compactMap { if case .failure(let e) = $0 { e } else { nil } }
            #expect(wins.count == 1)
            #expect(losses.map(\.refusal) == [.conflict], "\(losses)")
            let record = try await w.store.openPerson(child.id, context: w.ctx(w.alice))
            #expect(record.person.version == 2)
            #expect(record.person.details.givenName == wins.first?.details.givenName)
            #expect(record.history.map(\.version) == [2, 1])
        }
    }

    @Test("Saving unchanged details writes nothing and keeps the version", arguments: TestBackend.all)
    func unchangedDetailsWriteNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(
                Synthetic.child("Amelia", "Testchild", nhs: "9434765919"),
                context: w.ctx(w.alice))
            let before = try await w.env.footprint()
            var sameButMessy = child.details
            sameButMessy.givenName = " Amelia "
            sameButMessy.nhsNumber = "943 476 5919"
            let result = try await w.store.updatePerson(
                child.id, details: sameButMessy, expectedVersion: 1, context: w.ctx(w.alice))
            #expect(result.version == 1)
            #expect(result == child)
            var after = try await w.env.footprint()
            #expect(after["audit_log"] == before["audit_log"]! + 1, "the save itself is audited")
            after["audit_log"] = before["audit_log"]
            #expect(after == before)
        }
    }

    @Test(
        "Invalid new details are refused with the field named and nothing written; a child cannot become an adult",
        arguments: TestBackend.all)
    func invalidUpdateWritesNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let before = try await w.env.footprint()
            var bad = child.details
            bad.nhsNumber = "943 476 5918"
            let error = await expectRefusal(.invalid) {
                try await w.store.updatePerson(child.id, details: bad, expectedVersion: 1, context: w.ctx(w.alice))
            }
            #expect(error?.fields == ["nhsNumber"])
            var adult = child.details
            adult.kind = .adult
            let kindError = await expectRefusal(.invalid) {
                try await w.store.updatePerson(child.id, details: adult, expectedVersion: 1, context: w.ctx(w.alice))
            }
            #expect(kindError?.fields == ["kind"])
            await expectRefusal(.notFound) {
                try await w.store.updatePerson(
                    UUID(), details: child.details, expectedVersion: 1, context: w.ctx(w.alice))
            }
            var after = try await w.env.footprint()
            #expect(after["audit_log"] == before["audit_log"]! + 1, "only the probe of an unknown id is audited")
            after["audit_log"] = before["audit_log"]
            #expect(after == before)
        }
    }

    @Test(
        "Another team's worker may not update a record; the refusal is audited and nothing else written",
        arguments: TestBackend.all)
    func otherTeamMayNotUpdate(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            let before = try await w.env.footprint()
            var details = child.details
            details.givenName = "Changed"
            for user in [w.carol, w.admin] {
                await expectRefusal(.notFound) {
                    try await w.store.updatePerson(child.id, details: details, expectedVersion: 1, context: w.ctx(user))
                }
            }
            var after = try await w.env.footprint()
            #expect(after["audit_log"] == before["audit_log"]! + 2)
            after["audit_log"] = before["audit_log"]
            #expect(after == before)
            let denials = try await w.store.audit.entries(forPerson: child.id).filter { $0.event.action == .denied }
            #expect(Set(denials.compactMap(\.event.actorId)) == [w.carol.id, w.admin.id])
        }
    }
}
