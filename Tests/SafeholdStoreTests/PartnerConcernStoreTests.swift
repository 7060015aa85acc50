import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import Testing

/// Partner agencies' concerns: raised about children found by name or described, decided by the
/// front door, and seen by the partner who raised them as their status and what they were told only.
@Suite("Partner concerns in the store")
struct PartnerConcernStoreTests {
    struct Setting: Sendable {
        let w: World
        let school: User
        let otherSchool: User
        let door: User
        let child: UUID
    }

    /// A child of team A, a school's safeguarding lead, another school's lead and a front-door worker.
    static func setting(_ w: World) async throws -> Setting {
        let child = try await w.store.createPerson(Synthetic.child("Nia", "Partnerfield"), context: w.ctx(w.alice))
        let school = try await w.env.createAgency("Riverside Primary", kind: .school)
        let other = try await w.env.createAgency("Hilltop Academy", kind: .school)
        return Setting(
            w: w,
            school: try await w.env.createUser("dsl.river", "Rita Lead", role: .partner, agency: school, team: nil),
            otherSchool: try await w.env.createUser("dsl.hill", "Hal Lead", role: .partner, agency: other, team: nil),
            door: try await PipelineFixture.frontDoor(w, "Partner"), child: child.id)
    }

    static func draft(
        _ children: [UUID], described: [DescribedChild] = [], aware: Bool? = false, reason: String? = "Fear of harm"
    ) -> PartnerConcernDraft {
        PartnerConcernDraft(
            childIds: children, describedChildren: described, seenOrHeard: "Bruising on the upper arm at PE.",
            childsWords: "Dad grabbed me when I dropped the plate.", actionTaken: "Spoke to the child in private.",
            parentsAware: aware, parentsNotAwareReason: reason)
    }

    @Test(
        "A concern about a child found by name is a contact at once; the school sees its status and nothing more",
        arguments: TestBackend.all)
    func knownChild(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await Self.setting(w)
            // Search before raising: the school finds the child by name only, and no adult of that name.
            _ = try await w.store.createPerson(Synthetic.adult("Nora", "Partnerfield"), context: w.ctx(w.alice))
            let found = try await w.store.search(
                PersonQuery(text: "Partnerfield", childrenOnly: true), context: w.ctx(s.school))
            #expect(found.map(\.id) == [s.child] && found.first?.dateOfBirth == nil && found.first?.localId == nil)
            let concern = try await w.store.raiseConcern(Self.draft([s.child]), context: w.ctx(s.school))
            #expect(concern.status == .received && concern.contactId != nil)
            #expect(concern.children.map(\.personId) == [s.child])

            // The front door has the contact, with the school as source and the child's words in it.
            let waiting = try await w.store.contactsAwaitingDecision(context: w.ctx(s.door))
            let contact = try #require(waiting.first { $0.id == concern.contactId })
            #expect(contact.source == .schools && contact.referrerAgency == "Riverside Primary")
            #expect(contact.concern.contains("Dad grabbed me when I dropped the plate."))

            // The school may not open the child's record, nor the contact; another school sees no concern.
            await expectRefusal(.notFound) { try await w.store.openPerson(s.child, context: w.ctx(s.school)) }
            await expectRefusal(.notFound) { try await w.store.contact(contact.id, context: w.ctx(s.school)) }
            await expectRefusal(.notFound) {
                try await w.store.partnerConcern(concern.id, context: w.ctx(s.otherSchool))
            }
            #expect(try await w.store.partnerConcerns(context: w.ctx(s.otherSchool)).isEmpty)
            // Social workers and unscheduled care are not partners: neither raises nor lists.
            await expectRefusal(.forbidden) {
                try await w.store.raiseConcern(Self.draft([s.child]), context: w.ctx(w.alice))
            }
            await expectRefusal(.forbidden) { try await w.store.partnerConcerns(context: w.ctx(w.officer)) }

            // The front door decides and says what it chooses; the school is told that, not the reasons.
            _ = try await w.store.triage(
                contact.id,
                TriageDraft(
                    decision: .strategyDiscussion, reason: "Injury and disclosure: private reasons.", urgency: .red,
                    referrerInformedOn: nil, allocateTo: w.teamA.id,
                    referrerFeedback: "Thank you. A social worker will visit today."),
                expectedVersion: 1, context: w.ctx(s.door))
            let seen = try await w.store.partnerConcern(concern.id, context: w.ctx(s.school))
            #expect(seen.status == .decided && seen.feedback == "Thank you. A social worker will visit today.")
            #expect(seen.feedbackOn == Synthetic.today)
            let told = try await w.store.notifications(context: w.ctx(s.school))
            #expect(
                told.map(\.kind) == [.concernDecided] && told.first?.text.contains("social worker will visit") == true)

            // Each read was audited against the child, the refusal too.
            let entries = try await w.store.audit.entries(forPerson: s.child).filter {
                $0.event.entityType == "partner_concern"
            }
            #expect(entries.contains { $0.event.actorId == s.school.id && $0.event.action == .read })
            #expect(entries.contains { $0.event.actorId == s.otherSchool.id && $0.event.action == .denied })
        }
    }

    @Test(
        "A described child waits for the front door to identify them; the contact is dated when it was raised",
        arguments: TestBackend.all)
    func describedChild(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await Self.setting(w)
            let sibling = DescribedChild(
                name: "Leo Partnerfield", dateOfBirth: Synthetic.date("2019-02-01"), address: "4 Mill Lane",
                school: "Riverside Primary", gp: nil)
            let concern = try await w.store.raiseConcern(
                Self.draft([s.child], described: [sibling]), context: w.ctx(s.school))
            #expect(concern.contactId == nil && concern.unidentified == [sibling])
            #expect(try await w.env.count("contacts") == 0)
            let queue = try await w.store.partnerConcerns(awaitingIdentification: true, context: w.ctx(s.door))
            #expect(queue.map(\.id) == [concern.id])

            let leo = try await w.store.createPerson(
                Synthetic.child("Leo", "Partnerfield", born: "2019-02-01"), context: w.ctx(s.door))
            // A partner cannot identify; a stale version, a wrong count or the same child twice change nothing.
            await expectRefusal(.forbidden) {
                try await w.store.identifyChildren(
                    ofConcern: concern.id, [leo.id], expectedVersion: 1, context: w.ctx(s.school))
            }
            await expectRefusal(.conflict) {
                try await w.store.identifyChildren(
                    ofConcern: concern.id, [leo.id], expectedVersion: 7, context: w.ctx(s.door))
            }
            let twice = await expectRefusal(.invalid) {
                try await w.store.identifyChildren(
                    ofConcern: concern.id, [s.child], expectedVersion: 1, context: w.ctx(s.door))
            }
            #expect(twice?.fields == ["childIds"])
            #expect(try await w.env.count("contacts") == 0)

            let done = try await w.store.identifyChildren(
                ofConcern: concern.id, [leo.id], expectedVersion: 1, context: w.ctx(s.door))
            let contact = try await w.store.contact(try #require(done.contactId), context: w.ctx(s.door))
            #expect(Set(contact.childIds) == [s.child, leo.id] && contact.receivedAt == concern.raisedAt)
            await expectRefusal(.conflict) {
                try await w.store.identifyChildren(
                    ofConcern: concern.id, [leo.id], expectedVersion: 2, context: w.ctx(s.door))
            }
        }
    }

    @Test("Bad concerns are refused naming the field, and nothing is written", arguments: TestBackend.all)
    func refusals(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let s = try await Self.setting(w)
            let hidden = try await w.store.bulkLoad(
                [
                    BulkPerson(
                        details: Synthetic.child("Ray", "Hidden"), restricted: true, team: w.teamA.id,
                        worker: w.alice.id)
                ], links: [], context: w.env.system)[0]
            let cases: [(PartnerConcernDraft, String)] = [
                (Self.draft([]), "children"),
                (Self.draft([s.child], aware: nil), "parentsAware"),
                (Self.draft([s.child], aware: false, reason: " "), "parentsNotAwareReason"),
                (Self.draft([hidden]), "childIds"),
                (Self.draft([UUID()]), "childIds"),
                (
                    Self.draft(
                        [], described: [.init(name: "", dateOfBirth: nil, address: nil, school: nil, gp: nil)]),
                    "describedChildren.1.name"
                ),
                (
                    Self.draft(
                        [s.child],
                        described: [
                            DescribedChild(
                                name: "Future", dateOfBirth: Synthetic.date("2099-01-01"), address: nil, school: nil,
                                gp: nil)
                        ]), "describedChildren.1.dateOfBirth"
                ),
            ]
            for (draft, field) in cases {
                let error = await expectRefusal(.invalid) {
                    try await w.store.raiseConcern(draft, context: w.ctx(s.school))
                }
                #expect(error?.fields.contains(field) == true, "expected \(field), got \(error?.fields ?? [])")
            }
            var bidi = Self.draft([s.child])
            bidi.childsWords = "He said \u{202E}olleh"
            let error = await expectRefusal(.invalid) { try await w.store.raiseConcern(bidi, context: w.ctx(s.school)) }
            #expect(error?.fields == ["childsWords"])
            #expect(try await w.env.count("partner_concerns") == 0)
            #expect(try await w.env.count("contacts") == 0)
        }
    }
}
