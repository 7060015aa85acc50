import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// Each person's postcodes (`person_postcodes`), by which the people of a household are found when someone moves.
@Suite("Each person's postcodes, kept for finding a household")
struct PersonPostcodesTests {
    private static let first = "00000000-0000-7000-8000-000000000001"

    /// "person postcode" for every row, or only `person`'s.
    private static func postcodes(_ env: TestEnv, of person: UUID? = nil) async throws -> [String] {
        try await env.database.withConnection { db in
            try await db.raw("SELECT person_id, postcode FROM person_postcodes ORDER BY person_id, postcode").all()
                .map { row in
                    let id = try row.decode(column: "person_id", as: String.self)
                    return "\(id) \(try row.decode(column: "postcode", as: String.self))"
                }
        }.filter { person == nil || $0.hasPrefix(person!.db) }
    }

    @Test("The upgrade fills them from the stored details, as households compare them", arguments: TestBackend.all)
    func upgradeFillsThem(_ backend: TestBackend) async throws {
        try await withFreshStore(backend, migrate: false) { env in
            try await Migrator(database: env.database).migrate(clock: env.clock, upTo: 28)
            let moved = [
                Address(line1: "1 Ash Row", town: "Northfield", postcode: "nf1 4ab"),
                Address(line1: "2 Ash Row", town: "Northfield", postcode: "NF14AB"),
                Address(line1: "9 Old Lane", town: "Southam", postcode: "SO9 9ZZ", to: Synthetic.date("2020-01-01")),
            ]
            // As the details were stored before: postcodes as typed, a past address, a person with none.
            let addresses =
                #"[{"line1":"1 Ash Row","postcode":"nf1 4ab","town":"Northfield"},"#
                + #"{"line1":"2 Ash Row","postcode":"NF14AB","town":"Northfield"},"#
                + #"{"line1":"9 Old Lane","postcode":"SO9 9ZZ","to":"2020-01-01","town":"Southam"}]"#
            let details = [
                (
                    Self.first,
                    #"{"addresses":"# + addresses + #","familyName":"Mover","givenName":"Ash","kind":"child"}"#
                ),
                ("00000000-0000-7000-8000-000000000002", #"{"familyName":"Nowhere","givenName":"Nat","kind":"adult"}"#),
            ]
            for (index, (id, json)) in details.enumerated() {
                try await env.execute(
                    """
                    INSERT INTO persons (id, local_id, kind, family_name, details, version, created_at, updated_at)
                    VALUES ('\(id)', 'SH-00000\(index)', 'child', 'Mover', '\(json)', 1, '2026-11-20T09:00:00Z',
                        '2026-11-20T09:00:00Z')
                    """)
            }
            _ = try await env.store.migrate()
            let expected = HouseholdKey.postcodes(moved).map { "\(Self.first) \($0)" }
            #expect(expected == ["\(Self.first) NF14AB", "\(Self.first) SO99ZZ"])
            #expect(try await Self.postcodes(env) == expected)
        }
    }

    @Test("A new person's and a changed person's postcodes are kept with them", arguments: TestBackend.all)
    func writesKeepThem(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            var details = Synthetic.child("Ash", "Mover")
            details.addresses = [Address(line1: "1 Ash Row", town: "Northfield", postcode: "NF1 4AB")]
            let person = try await w.store.createPerson(details, context: w.ctx(w.alice))
            #expect(try await Self.postcodes(w.env, of: person.id) == ["\(person.id.db) NF14AB"])
            details.addresses = [Address(line1: "5 Birch Close", town: "Southam", postcode: "SO9 9ZZ")]
            _ = try await w.store.updatePerson(person.id, details: details, expectedVersion: 1, context: w.ctx(w.alice))
            #expect(try await Self.postcodes(w.env, of: person.id) == ["\(person.id.db) SO99ZZ"])
        }
    }
}
