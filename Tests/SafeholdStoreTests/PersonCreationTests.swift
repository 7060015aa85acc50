import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Creating a person")
struct PersonCreationTests {
    @Test(
        """
        createPerson stores validated details, allocates to the creator and team, numbers SH-000001 up, \
        and audits the creation
        """,
        arguments: TestBackend.all)
    func createStoresValidatedDetails(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let auditBefore = try await w.env.count("audit_log")
            let messy = PersonDetails(
                kind: .child, givenName: "  Amelia  ", familyName: " Testchild\n", middleNames: "  ",
                dateOfBirth: Synthetic.date("2016-04-12"), sex: .female, ethnicity: " wbri ",
                nhsNumber: " 943 476 5919 ", upn: Synthetic.upn(1).lowercased(),
                addresses: [Address(line1: "  12 Example Street ", town: " Exampleton ", postcode: " sw1a1aa ")])

            let person = try await w.store.createPerson(messy, context: w.ctx(w.alice))

            #expect(person.localId == "SH-000001")
            #expect(person.version == 1)
            #expect(person.restricted == false)
            #expect(person.createdAt == testNow)
            #expect(person.details.givenName == "Amelia")
            #expect(person.details.familyName == "Testchild")
            #expect(person.details.middleNames == nil)
            #expect(person.details.ethnicity == "WBRI")
            #expect(person.details.nhsNumber == "9434765919")
            #expect(person.details.upn == Synthetic.upn(1))
            #expect(person.details.addresses.first?.postcode == "SW1A 1AA")
            #expect(person.details.addresses.first?.line1 == "12 Example Street")
            #expect(person.details.addresses.first?.town == "Exampleton")

            // What comes back from the database is what was validated, not what was typed.
            let record = try await w.store.openPerson(person.id, context: w.ctx(w.alice))
            #expect(record.person == person)
            #expect(record.facts.allocatedWorkerIds == [w.alice.id])
            #expect(record.facts.allocatedTeamIds == [w.teamA.id])
            #expect(record.facts.restricted == false)
            #expect(record.canEdit)
            #expect(record.history.map(\.version) == [1])
            #expect(record.history.first?.changedFields == ["created"])
            #expect(record.history.first?.changedByName == "Alice Example")

            // The identifiers sit in their own columns in standard form too.
            let row = try await w.env.database.withConnection { db in
                try await db.raw(
                    "SELECT nhs_number, upn, given_name, family_name, date_of_birth, created_by FROM persons"
                ).first()!
            }
            #expect(try row.decode(column: "nhs_number", as: String.self) == "9434765919")
            #expect(try row.decode(column: "upn", as: String.self) == Synthetic.upn(1))
            #expect(try row.decode(column: "given_name", as: String.self) == "Amelia")
            #expect(try row.decode(column: "date_of_birth", as: String.self) == "2016-04-12")
            #expect(try row.decode(column: "created_by", as: String.self) == w.alice.id.uuidString)

            // Exactly one audit entry for the creation (the read above adds the second).
            let entries = try await w.store.audit.entries(forPerson: person.id)
            let creations = entries.filter { $0.event.action == .create }
            #expect(creations.count == 1)
            #expect(creations.first?.event.actorId == w.alice.id)
            #expect(creations.first?.event.actorName == "Alice Example")
            #expect(creations.first?.event.entityType == "person")
            #expect(creations.first?.event.entityId == person.id)
            #expect(creations.first?.event.ipAddress == "127.0.0.1")
            #expect(try await w.env.count("audit_log") == auditBefore + 2)

            // Local ids keep counting up.
            let second = try await w.store.createPerson(Synthetic.child("Ben", "Testchild"), context: w.ctx(w.bob))
            let third = try await w.store.createPerson(Synthetic.adult("Cara", "Testparent"), context: w.ctx(w.carol))
            #expect(second.localId == "SH-000002")
            #expect(third.localId == "SH-000003")
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test(
        "Concurrent creations get distinct, gap-free local ids and keep the audit chain whole",
        arguments: TestBackend.all)
    func concurrentCreationsGetDistinctLocalIds(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let people = try await withThrowingTaskGroup(of: Person.self) { group in
                for i in 0..<20 {
                    let author = [w.alice, w.bob, w.carol, w.manager][i % 4]
                    group.addTask {
                        try await w.store.createPerson(Synthetic.child("Kid\(i)", "Concurrent"), context: w.ctx(author))
                    }
                }
                var all: [Person] = []
                for try await person in group { all.append(person) }
                return all
            }
            #expect(Set(people.map(\.localId)) == Set((1...20).map { String(format: "SH-%06d", $0) }))
            #expect(try await w.env.count("persons") == 20)
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test("Invalid details throw .invalid naming the field and write nothing", arguments: TestBackend.all)
    func invalidDetailsWriteNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let before = try await w.env.footprint()
            let cases: [(String, PersonDetails)] = [
                ("nhsNumber", Synthetic.child("Amelia", "Testchild", nhs: "943 476 5918")),
                ("dateOfBirth", Synthetic.child("Amelia", "Testchild", born: "2027-01-01")),
                ("givenName", Synthetic.child(String(repeating: "A", count: 101), "Testchild")),
                ("familyName", Synthetic.child("Amelia", "   ")),
                ("upn", Synthetic.child("Amelia", "Testchild", upn: "A123")),
            ]
            for (field, details) in cases {
                let error = await expectRefusal(.invalid) {
                    try await w.store.createPerson(details, context: w.ctx(w.alice))
                }
                #expect(error?.fields.contains(field) == true, "\(field): \(String(describing: error))")
            }
            #expect(try await w.env.footprint() == before)
            #expect(try await w.env.count("persons") == 0)

            // The counter was not used up either: the next good record is still SH-000001.
            let person = try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(w.alice))
            #expect(person.localId == "SH-000001")
        }
    }

    @Test("Names with HTML and SQL metacharacters are stored and read back exactly", arguments: TestBackend.all)
    func metacharactersRoundTrip(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let given = "Robert'); DROP TABLE persons;--"
            let family = "<script>alert(1)</script>"
            let middle = "\"Bobby\" O'Brien-Nuñez & \\ % _ 李"
            var details = Synthetic.child(given, family)
            details.middleNames = middle
            details.aliases = [Alias(givenName: "' OR '1'='1", familyName: "\"; DELETE FROM audit_log; --")]

            let person = try await w.store.createPerson(details, context: w.ctx(w.alice))
            let record = try await w.store.openPerson(person.id, context: w.ctx(w.alice))
            #expect(record.person.details.givenName == given)
            #expect(record.person.details.familyName == family)
            #expect(record.person.details.middleNames == middle)
            #expect(record.person.details.aliases.first?.givenName == "' OR '1'='1")
            #expect(record.person.details.aliases.first?.familyName == "\"; DELETE FROM audit_log; --")
            #expect(record.person.displayName == "\(given) \(family)")

            let row = try await w.env.database.withConnection { db in
                try await db.raw("SELECT given_name, family_name FROM persons").first()!
            }
            #expect(try row.decode(column: "given_name", as: String.self) == given)
            #expect(try row.decode(column: "family_name", as: String.self) == family)

            // Searching with the same text is harmless and the tables are all still there.
            _ = try await w.store.search(PersonQuery(text: given), context: w.ctx(w.alice))
            _ = try await w.store.search(PersonQuery(text: "' OR 1=1 --"), context: w.ctx(w.alice))
            _ = try await w.store.search(PersonQuery(text: "%"), context: w.ctx(w.alice))
            let byScript = try await w.store.search(PersonQuery(text: "Robert"), context: w.ctx(w.alice))
            #expect(byScript.map(\.id) == [person.id])
            #expect(byScript.first?.familyName == family)
            #expect(try await w.env.count("persons") == 1)
            #expect(try await w.store.audit.verify() == .intact(entries: try await w.env.count("audit_log")))
        }
    }

    @Test(
        "Roles that do not open records are refused createPerson, and the refusal is audited",
        arguments: TestBackend.all)
    func nonCreatingRolesRefused(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let chair = try await w.env.createUser(
                "chair", "Chris Chair", role: .conferenceChair, agency: w.council, team: w.teamA)
            for user in [w.admin, w.dpo, chair] {
                let auditBefore = try await w.env.count("audit_log")
                await expectRefusal(.forbidden) {
                    try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: w.ctx(user))
                }
                #expect(try await w.env.count("audit_log") == auditBefore + 1)
                let last = try await w.env.recentAudit(1).first
                #expect(last?.event.action == .denied)
                #expect(last?.event.actorId == user.id)
            }
            #expect(try await w.env.count("persons") == 0)

            let anonymous = AuditContext(system: "no one")
            await expectRefusal(.unauthenticated) {
                try await w.store.createPerson(Synthetic.child("Amelia", "Testchild"), context: anonymous)
            }
            #expect(try await w.env.count("persons") == 0)
        }
    }
}
