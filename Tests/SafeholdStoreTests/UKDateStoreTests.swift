import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore
import Testing

/// The store dates contacts, episodes and "today" by the UK day, while keeping instants in UTC.
@Suite("UK dates in the store")
struct UKDateStoreTests {
    @Test(
        "A contact at 00:30 BST on a Saturday is a Saturday contact, and its episode is referred on the Saturday",
        arguments: TestBackend.all)
    func saturdayContact(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            // 10:00 BST on Saturday 26 June 2027; the contact came in at 00:30 BST (23:30 UTC on Friday).
            w.env.clock.set(Timestamp.date("2027-06-26T09:00:00.000Z")!)
            #expect(w.store.today == Synthetic.date("2027-06-26"))
            let door = try await w.env.createTeam("Front Door", in: w.council)
            let frontDoor = try await w.env.createUser(
                "door", "Dee Door", role: .frontDoor, agency: w.council, team: door)
            let decider = try await w.env.createUser(
                "door2", "Dan Door", role: .frontDoor, agency: w.council, team: door)
            let child = try await w.store.createPerson(Synthetic.child("Sat", "Urday"), context: w.ctx(w.alice))
            let contact = try await w.store.recordContact(
                ContactDraft(
                    receivedAt: Timestamp.date("2027-06-25T23:30:00.000Z")!, source: .police, referrerName: "PC",
                    referrerAgency: "Police", childIds: [child.id], concern: "Found alone at night."),
                context: w.ctx(frontDoor))
            _ = try await w.store.triage(
                contact.id,
                TriageDraft(
                    decision: .assessment, reason: "Assess", urgency: .amber,
                    referrerInformedOn: Synthetic.date("2027-06-26")),
                expectedVersion: 1, context: w.ctx(decider))
            let row = try await w.store.database.withConnection { db in
                try await db.raw("SELECT received_at, received_on, decision_due FROM contacts").first()!
            }
            #expect(try row.decode(column: "received_at", as: String.self) == "2027-06-25T23:30:00.000Z")
            #expect(try row.decode(column: "received_on", as: String.self) == "2027-06-26")
            #expect(try row.decode(column: "decision_due", as: String.self) == "2027-06-28")
            let episode = try #require(try await w.store.episodes(of: child.id, context: w.ctx(w.alice)).first)
            #expect(episode.referralDate == Synthetic.date("2027-06-26"))
            let chronology = try await w.store.chronology(of: child.id, context: w.ctx(w.alice))
            #expect(chronology.first?.date == Synthetic.date("2027-06-26"))
        }
    }

    @Test(
        "After midnight BST the store's today is already the next day, so a step on it is not in the future",
        arguments: TestBackend.all)
    func todayIsTheUKDay(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            w.env.clock.set(Timestamp.date("2027-06-26T23:15:00.000Z")!)
            #expect(w.store.today == Synthetic.date("2027-06-27"))
            w.env.clock.set(Timestamp.date("2027-12-26T23:15:00.000Z")!)
            #expect(w.store.today == Synthetic.date("2027-12-26"))
        }
    }
}
