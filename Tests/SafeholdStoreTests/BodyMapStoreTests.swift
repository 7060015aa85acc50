import Foundation
import SafeholdCore
import SafeholdStore
import Testing

@Suite("Body maps in the store")
struct BodyMapStoreTests {
    static func mark(_ site: String = "forearm_left_front", photos: [UUID] = []) -> BodyMarkDraft {
        BodyMarkDraft(
            site: site, type: "bruise", sizeMm: 25, colour: "blue-purple", explanation: "Fell at the park",
            explainedBy: "Mother", seenBy: "Alice Example", photos: photos)
    }

    @Test(
        "A body map is recorded, read and changed with its version; a stale version is a 409",
        arguments: TestBackend.all)
    func recordReadChange(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Bea", "Mapson"), context: w.ctx(w.alice))
            let photo = try await w.store.addDocument(
                to: .person(child.id), SampleFiles.draft("Arm", name: "arm.png"), bytes: SampleFiles.png,
                context: w.ctx(w.alice))
            let map = try await w.store.recordBodyMap(
                for: child.id,
                BodyMapDraft(seenOn: Synthetic.today, marks: [Self.mark(photos: [photo.id]), Self.mark("upper_back")]),
                context: w.ctx(w.alice))
            #expect(map.version == 1 && map.marks.map(\.number) == [1, 2] && map.marks[0].photos == [photo.id])
            #expect(map.marks[1].site.side == .back && map.recordedBy == "Alice Example")
            #expect(try await w.store.bodyMap(map.id, context: w.ctx(w.bob)) == map)
            #expect(try await w.store.bodyMaps(of: child.id, context: w.ctx(w.bob)).map(\.id) == [map.id])
            let changed = try await w.store.updateBodyMap(
                map.id, BodyMapDraft(seenOn: Synthetic.today, notes: "Seen at school", marks: [Self.mark("chest")]),
                expectedVersion: 1, context: w.ctx(w.bob))
            #expect(changed.version == 2 && changed.marks.count == 1 && changed.notes == "Seen at school")
            let stale = await expectRefusal(.conflict) {
                try await w.store.updateBodyMap(
                    map.id, BodyMapDraft(seenOn: Synthetic.today, marks: [Self.mark()]), expectedVersion: 1,
                    context: w.ctx(w.alice))
            }
            #expect(stale?.message.contains("changed this body map") == true)
            #expect(try await w.env.count("body_map_marks") == 1)
            let entries = try await w.env.recentAudit(20)
            #expect(entries.contains { $0.event.action == .create && $0.event.entityType == "body_map" })
            #expect(entries.contains { $0.event.action == .update && $0.event.entityId == map.id })
        }
    }

    @Test(
        "Another team's worker and a partner get the one 404; another child's photograph is a 422; nothing written",
        arguments: TestBackend.all)
    func refusals(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let health = try await w.env.createAgency("Northfield Health", kind: .health)
            let nurse = try await w.env.createUser("hv.hana", "Hana Visitor", role: .partner, agency: health, team: nil)
            let child = try await w.store.createPerson(Synthetic.child("Cy", "Mapson"), context: w.ctx(w.alice))
            let other = try await w.store.createPerson(Synthetic.child("Di", "Other"), context: w.ctx(w.alice))
            let theirs = try await w.store.addDocument(
                to: .person(other.id), SampleFiles.draft("Leg", name: "leg.png"), bytes: SampleFiles.png,
                context: w.ctx(w.alice))
            let map = try await w.store.recordBodyMap(
                for: child.id, BodyMapDraft(seenOn: Synthetic.today, marks: [Self.mark()]), context: w.ctx(w.alice))
            let before = try await w.env.count("body_map_marks")
            for user in [w.carol, nurse] {
                await expectRefusal(.notFound) {
                    try await w.store.recordBodyMap(
                        for: child.id, BodyMapDraft(seenOn: Synthetic.today, marks: [Self.mark()]), context: w.ctx(user)
                    )
                }
                await expectRefusal(.notFound) { try await w.store.bodyMap(map.id, context: w.ctx(user)) }
                await expectRefusal(.notFound) {
                    try await w.store.updateBodyMap(
                        map.id, BodyMapDraft(seenOn: Synthetic.today, marks: [Self.mark()]), expectedVersion: 1,
                        context: w.ctx(user))
                }
                let denials = try await w.env.recentAudit(3)
                #expect(denials.allSatisfy { $0.event.action == .denied && $0.event.personId == child.id })
            }
            let wrongPhoto = await expectRefusal(.invalid) {
                try await w.store.recordBodyMap(
                    for: child.id, BodyMapDraft(seenOn: Synthetic.today, marks: [Self.mark(photos: [theirs.id])]),
                    context: w.ctx(w.alice))
            }
            #expect(wrongPhoto?.fields == ["marks[1].photos"])
            await expectRefusal(.invalid) {
                try await w.store.recordBodyMap(
                    for: child.id,
                    BodyMapDraft(
                        seenOn: Synthetic.today,
                        marks: [BodyMarkDraft(site: "chest", type: "burn", sizeMm: 5_000, seenBy: "A")]),
                    context: w.ctx(w.alice))
            }
            let counts = (try await w.env.count("body_maps"), try await w.env.count("body_map_marks"))
            #expect(counts.0 == 1 && counts.1 == before)
            await expectRefusal(.notFound) { try await w.store.bodyMap(UUID(), context: w.ctx(w.alice)) }
        }
    }
}
