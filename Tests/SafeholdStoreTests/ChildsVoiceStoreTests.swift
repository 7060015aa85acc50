import Foundation
import SafeholdCore
import SafeholdStore
import Testing

@Suite("The child's voice in the store")
struct ChildsVoiceStoreTests {
    static func fields(_ error: SafeholdError?) -> [String] {
        guard case .invalid(let errors) = error else { return [] }
        return errors.map(\.field)
    }

    static func voiceCounts(_ w: World) async throws -> [Int] {
        [
            try await w.env.count("wishes_feelings"), try await w.env.count("safety_mappings"),
            try await w.env.count("safety_ratings"), try await w.env.count("audit_log"),
        ]
    }

    @Test(
        "Wishes and feelings: the team records and reads them, age derived; another team gets 404, nothing written",
        arguments: TestBackend.all)
    func wishesAreRecordedThroughAct(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(
                Synthetic.child("Vera", "Voiceley", born: "2018-01-20"), context: w.ctx(w.alice))
            let first = try await w.store.recordWishes(
                for: child.id,
                WishesDraft(
                    gatheredOn: Synthetic.date("2026-01-10"), words: "I like my bedroom.", interpreter: true,
                    interpreterLanguage: "Polish", tool: "wizard_fairy"), context: w.ctx(w.alice))
            #expect(
                first.ageAtTime == 7 && first.toolLabel == "Wizard and Fairy" && first.recordedBy == "Alice Example")
            let entries = try await w.env.recentAudit(3)
            #expect(
                entries.contains {
                    $0.event.action == .create && $0.event.entityType == "wishes_feelings"
                        && $0.event.personId == child.id
                })
            for day in ["2026-02-01", "2026-03-01", "2026-04-01"] {
                _ = try await w.store.recordWishes(
                    for: child.id, WishesDraft(gatheredOn: Synthetic.date(day), notGatheredReason: "Asleep."),
                    context: w.ctx(w.bob))
            }
            let voice = try await w.store.childsVoice(of: child.id, context: w.ctx(w.bob))
            #expect(
                voice.wishes.map(\.gatheredOn.description) == ["2026-04-01", "2026-03-01", "2026-02-01", "2026-01-10"])
            #expect(voice.canEdit && voice.wishesCount == 4 && voice.tools.count == VoiceTool.standard.count)
            let record = try await w.store.openPerson(child.id, context: w.ctx(w.alice))
            #expect(record.voice?.wishes.count == 3 && record.voice?.wishesCount == 4)

            let before = try await Self.voiceCounts(w)
            await expectRefusal(.notFound) {
                try await w.store.recordWishes(
                    for: child.id, WishesDraft(gatheredOn: Synthetic.today, words: "x", tool: "bubbles"),
                    context: w.ctx(w.carol))
            }
            await expectRefusal(.notFound) { try await w.store.childsVoice(of: child.id, context: w.ctx(w.carol)) }
            let after = try await Self.voiceCounts(w)
            #expect(after[0...2] == before[0...2], "nothing written")
            let denials = try await w.env.recentAudit(2)
            #expect(denials.allSatisfy { $0.event.action == .denied && $0.event.personId == child.id })
            #expect(Set(denials.map(\.event.entityType)) == ["wishes_feelings", "childs_voice"])
        }
    }

    @Test(
        "The tool list is data; an adult's record, a retired tool or a date before birth is a 422, nothing written",
        arguments: TestBackend.all)
    func refusalsWriteNothing(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Tam", "Toolson"), context: w.ctx(w.alice))
            let adult = try await w.store.createPerson(
                PersonDetails(
                    kind: .adult, givenName: "Ada", familyName: "Grownup", dateOfBirth: Synthetic.date("1980-01-01")),
                context: w.ctx(w.alice))
            try await w.env.execute("UPDATE voice_tools SET active = 0 WHERE code = 'bubbles'")
            try await w.env.execute(
                "INSERT INTO voice_tools (code, label, position) VALUES ('my_world', 'My World', 9)")
            let before = try await Self.voiceCounts(w)
            let words = { (tool: String) in WishesDraft(gatheredOn: Synthetic.today, words: "Hello", tool: tool) }
            let refusals: [(UUID, WishesDraft, String)] = [
                (adult.id, words("three_houses"), "person"),
                (child.id, words("bubbles"), "tool"),
                (child.id, WishesDraft(gatheredOn: Synthetic.date("2016-01-01"), notGatheredReason: "x"), "gatheredOn"),
                (
                    child.id, WishesDraft(gatheredOn: Synthetic.today.adding(days: 1), notGatheredReason: "x"),
                    "gatheredOn"
                ),
            ]
            for (person, draft, field) in refusals {
                let error = await expectRefusal(.invalid) {
                    try await w.store.recordWishes(for: person, draft, context: w.ctx(w.alice))
                }
                #expect(Self.fields(error) == [field])
            }
            #expect(try await Self.voiceCounts(w) == before, "nothing written, nothing audited")
            let mine = try await w.store.recordWishes(for: child.id, words("my_world"), context: w.ctx(w.alice))
            #expect(mine.toolLabel == "My World")
        }
    }

    @Test(
        "A conference needs the child's voice recorded on or after the episode opened (422 naming childsVoice)",
        arguments: TestBackend.all)
    func conferenceNeedsTheChildsVoice(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let (child, _, episode) = try await PipelineFixture.episode(w, name: "Conf")
            var count = 0
            func record(_ step: EpisodeStep) async throws -> UUID {
                let id = try await w.store.recordStep(
                    step, episode: episode, expectedSteps: count, context: w.ctx(w.alice)
                )
                .id
                count += 1
                return id
            }
            let sd = try await record(
                .strategyDiscussion(
                    on: Synthetic.today, participants: [], absentAgencyReason: "test", informationShared: "x",
                    decision: .singleAgencyS47, safetyActions: ""))
            let enquiry = try await record(.section47Started(on: Synthetic.today, strategyDiscussion: sd))
            _ = try await record(
                .section47Completed(
                    enquiry: enquiry, on: Synthetic.today, substantiated: true, conferenceNeeded: true,
                    reasonNoConference: nil))
            let conference = EpisodeStep.conference(
                initial: true, on: Synthetic.today, chair: "C", attendees: [], apologies: [], childViews: "v",
                howViewsObtained: "h", decision: .plan, category: .neglect, nextReview: nil)
            // Gathered before the episode opened: it does not count.
            _ = try await w.store.recordWishes(
                for: child, WishesDraft(gatheredOn: Synthetic.today.adding(days: -30), words: "Old", tool: "bubbles"),
                context: w.ctx(w.alice))
            let steps = try await w.env.count("episode_steps"), audit = try await w.env.count("audit_log")
            let error = await expectRefusal(.invalid) { try await record(conference) }
            #expect(Self.fields(error) == ["childsVoice"])
            #expect(try await w.env.count("episode_steps") == steps)
            #expect(try await w.env.count("audit_log") == audit)
            _ = try await w.store.recordWishes(
                for: child, WishesDraft(gatheredOn: Synthetic.today, notGatheredReason: "Unwell in hospital."),
                context: w.ctx(w.alice))
            _ = try await record(conference)
            #expect(try await w.env.count("episode_steps") == steps + 1)
        }
    }

    @Test(
        "Signs of Safety: mappings and 0-10 ratings through act; out of range or another team: nothing written",
        arguments: TestBackend.all)
    func signsOfSafety(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let child = try await w.store.createPerson(Synthetic.child("Sam", "Scaley"), context: w.ctx(w.alice))
            _ = try await w.store.addSafetyMapping(
                for: child.id,
                SafetyMappingDraft(
                    mappedOn: Synthetic.today, worries: "Shouting at night.", workingWell: "School every day.",
                    needsToHappen: "Dad to attend the course."), context: w.ctx(w.alice))
            for (day, role, value) in [
                ("2026-10-01", SafetyRaterRole.child, 3), ("2026-10-01", .parent, 7),
                ("2026-11-01", .socialWorker, 5),
            ] {
                _ = try await w.store.addSafetyRating(
                    for: child.id,
                    SafetyRatingDraft(ratedOn: Synthetic.date(day), participantName: "P", role: role, value: value),
                    context: w.ctx(w.bob))
            }
            let voice = try await w.store.childsVoice(of: child.id, context: w.ctx(w.alice))
            #expect(voice.ratings.map(\.value) == [3, 7, 5] || voice.ratings.map(\.value) == [7, 3, 5])
            #expect(voice.mappings.first?.worries == "Shouting at night.")
            let created = try await w.env.recentAudit(5).filter { $0.event.entityType == "safety_rating" }
            #expect(created.count == 3 && created.allSatisfy { $0.event.personId == child.id })

            let before = try await Self.voiceCounts(w)
            for value in [-1, 11, Int.max] {
                let error = await expectRefusal(.invalid) {
                    try await w.store.addSafetyRating(
                        for: child.id,
                        SafetyRatingDraft(ratedOn: Synthetic.today, participantName: "P", role: .parent, value: value),
                        context: w.ctx(w.alice))
                }
                #expect(Self.fields(error) == ["value"])
            }
            #expect(try await Self.voiceCounts(w) == before)
            await expectRefusal(.notFound) {
                try await w.store.addSafetyRating(
                    for: child.id,
                    SafetyRatingDraft(ratedOn: Synthetic.today, participantName: "P", role: .parent, value: 5),
                    context: w.ctx(w.carol))
            }
            await expectRefusal(.notFound) {
                try await w.store.addSafetyMapping(
                    for: child.id,
                    SafetyMappingDraft(mappedOn: Synthetic.today, worries: "w", workingWell: "g", needsToHappen: "n"),
                    context: w.ctx(w.carol))
            }
            let after = try await Self.voiceCounts(w)
            #expect(after[0...2] == before[0...2])
            #expect(after[3] == before[3] + 2, "each refusal audited once, against the one child")
            let denials = try await w.env.recentAudit(2)
            #expect(denials.allSatisfy { $0.event.action == .denied && $0.event.personId == child.id })
        }
    }
}
