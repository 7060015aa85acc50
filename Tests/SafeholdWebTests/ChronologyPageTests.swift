import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

@Suite struct ChronologyPageTests {
    @Test func aSignificantNoteReachesTheChronologyAndNoteSearchWithinTheWorkersScope() async throws {
        try await WebFixture.withApp { f, client in
            let north = try await f.session(f.north)
            let notes = "/people/\(f.child.id.uuidString)/notes"
            let added = try await client.execute(
                uri: notes, method: .post, headers: north.formHeaders(),
                body: north.form([
                    ("notedOn", "2026-11-23"), ("noteType", "observation"),
                    ("significant", "1"), ("body", "Ada said <b>nobody</b> collected her."),
                ]))
            #expect(added.status == .seeOther)
            let future = try await client.execute(
                uri: notes, method: .post, headers: north.formHeaders(),
                body: north.form([("notedOn", "2027-01-01"), ("noteType", "email"), ("body", "x")]))
            #expect(future.status == .unprocessableContent)
            let chronology = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/chronology", method: .get, headers: north.headers)
            #expect(chronology.status == .ok)
            #expect(chronology.text.contains("Ada said &lt;b&gt;nobody&lt;/b&gt; collected her."))
            #expect(chronology.text.contains("Chronology: Ada Testwick"), "the child's name heads the page")
            #expect(
                chronology.text.contains("/chronology/") && chronology.text.contains("/analysis\""),
                "an editor may add analysis")
            let filtered = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/chronology?kind=step", method: .get, headers: north.headers)
            #expect(!filtered.text.contains("collected her"))
            let badDate = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/chronology?from=2026-02-30", method: .get,
                headers: north.headers)
            #expect(badDate.status == .unprocessableContent)
            let found = try await client.execute(uri: "/notes?q=collected", method: .get, headers: north.headers)
            #expect(found.text.contains("Ada Testwick"))
            let south = try await f.session(f.south)
            let hidden = try await client.execute(uri: "/notes?q=collected", method: .get, headers: south.headers)
            #expect(!hidden.text.contains("Ada Testwick"))
            let refused = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/chronology", method: .get, headers: south.headers)
            #expect(refused.status == .notFound)
            let refusedNote = try await client.execute(
                uri: notes, method: .post, headers: south.formHeaders(),
                body: south.form([("notedOn", "2026-11-23"), ("noteType", "email"), ("body", "x")]))
            #expect(refusedNote.status == .notFound)
        }
    }
}
