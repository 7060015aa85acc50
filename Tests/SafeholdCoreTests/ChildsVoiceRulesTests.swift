import Foundation
import Testing

@testable import SafeholdCore

/// The child's voice and Signs of Safety are checked in Core, naming each wrong field as the API does.
@Suite struct ChildsVoiceRulesTests {
    let today = Fixture.today
    let tools = Set(VoiceTool.standard.map(\.code))

    func fields(_ body: () throws(SafeholdError) -> Void) -> [String] {
        do { try body(); return [] } catch {
            guard case .invalid(let errors) = error else { Issue.record("expected .invalid, got \(error)"); return [] }
            return errors.map(\.field)
        }
    }

    func wishes(_ draft: WishesDraft, bornOn: LocalDate? = nil) -> [String] {
        fields { () throws(SafeholdError) in _ = try draft.validated(today: today, bornOn: bornOn, tools: tools) }
    }

    @Test func wordsWithAToolOrAReasonPassAndBlankOptionalsBecomeNil() throws {
        let words = WishesDraft(gatheredOn: today, words: "I want to stay with Nan.", tool: "three_houses")
        #expect(wishes(words).isEmpty)
        let reason = WishesDraft(gatheredOn: today, notGatheredReason: "Six weeks old.", communicationNeeds: "  ")
        #expect(wishes(reason).isEmpty)
        let clean = try reason.validated(today: today, tools: tools)
        #expect(clean.communicationNeeds == nil && clean.words == nil)
        let interpreted = WishesDraft(
            gatheredOn: today, words: "Dw i eisiau mynd adref.", interpreter: true, interpreterLanguage: "Welsh",
            tool: "other", toolOther: "Feelings cards")
        #expect(wishes(interpreted).isEmpty)
    }

    @Test func neitherOrBothOfWordsAndReasonAreRefused() {
        #expect(wishes(WishesDraft(gatheredOn: today, words: "  ", notGatheredReason: "")) == ["words"])
        #expect(
            wishes(WishesDraft(gatheredOn: today, words: "Hi", notGatheredReason: "Asleep", tool: "bubbles"))
                .contains("notGatheredReason"))
    }

    @Test func theToolMustBeOnTheListAndOtherMustSayWhich() {
        #expect(wishes(WishesDraft(gatheredOn: today, words: "Hi")) == ["tool"])
        #expect(wishes(WishesDraft(gatheredOn: today, words: "Hi", tool: "ouija")) == ["tool"])
        #expect(wishes(WishesDraft(gatheredOn: today, words: "Hi", tool: "other")) == ["toolOther"])
        #expect(
            wishes(WishesDraft(gatheredOn: today, words: "Hi", tool: "bubbles", toolOther: "Cards")) == ["toolOther"])
        #expect(wishes(WishesDraft(gatheredOn: today, notGatheredReason: "Asleep", tool: "bubbles")) == ["tool"])
    }

    @Test func anInterpreterNeedsALanguageAndALanguageNeedsAnInterpreter() {
        let base = WishesDraft(gatheredOn: today, words: "Hi", tool: "bubbles")
        var noLanguage = base
        noLanguage.interpreter = true
        #expect(wishes(noLanguage) == ["interpreterLanguage"])
        var noInterpreter = base
        noInterpreter.interpreterLanguage = "Polish"
        #expect(wishes(noInterpreter) == ["interpreterLanguage"])
    }

    @Test func datesInTheFutureOrBeforeBirthAreRefused() {
        let future = WishesDraft(gatheredOn: today.adding(days: 1), words: "Hi", tool: "bubbles")
        #expect(wishes(future) == ["gatheredOn"])
        let unborn = WishesDraft(gatheredOn: Fixture.day("2015-01-01"), words: "Hi", tool: "bubbles")
        #expect(wishes(unborn, bornOn: Fixture.day("2015-03-10")) == ["gatheredOn"])
        let ancient = WishesDraft(gatheredOn: Fixture.day("1899-12-31"), words: "Hi", tool: "bubbles")
        #expect(wishes(ancient) == ["gatheredOn"])
    }

    @Test func textRulesApply() {
        let bidi = WishesDraft(gatheredOn: today, words: "I am \u{202E}safe", tool: "bubbles")
        #expect(wishes(bidi) == ["words"])
        let control = WishesDraft(gatheredOn: today, words: "Hi\u{0007}", tool: "bubbles")
        #expect(wishes(control) == ["words"])
        let long = WishesDraft(
            gatheredOn: today, words: String(repeating: "a", count: WishesDraft.wordsMax + 1), tool: "bubbles")
        #expect(wishes(long) == ["words"])
        let language = WishesDraft(
            gatheredOn: today, words: "Hi", interpreter: true, interpreterLanguage: "Pol\nish", tool: "bubbles")
        #expect(wishes(language) == ["interpreterLanguage"])
        #expect(wishes(WishesDraft(gatheredOn: today, notGatheredReason: "\u{2066}x")) == ["notGatheredReason"])
    }

    @Test func aMappingNeedsAllThreeTexts() {
        let good = SafetyMappingDraft(mappedOn: today, worries: "W", workingWell: "G", needsToHappen: "N")
        #expect(fields { () throws(SafeholdError) in _ = try good.validated(today: today) }.isEmpty)
        let bad = SafetyMappingDraft(
            mappedOn: today.adding(days: 2), worries: "", workingWell: "x\u{202D}", needsToHappen: " ")
        #expect(
            fields { () throws(SafeholdError) in _ = try bad.validated(today: today) }
                == ["mappedOn", "worries", "workingWell", "needsToHappen"])
    }

    @Test(arguments: [-1, 11, 1_000_000, Int.max, Int.min])
    func aRatingOutsideZeroToTenIsRefused(_ value: Int) {
        let draft = SafetyRatingDraft(ratedOn: today, participantName: "Mum", role: .parent, value: value)
        #expect(fields { () throws(SafeholdError) in _ = try draft.validated(today: today) } == ["value"])
    }

    @Test func ratingsFromZeroToTenPassAndNeedAName() {
        for value in 0...10 {
            let draft = SafetyRatingDraft(ratedOn: today, participantName: "Mum", role: .parent, value: value)
            #expect(fields { () throws(SafeholdError) in _ = try draft.validated(today: today) }.isEmpty)
        }
        let nameless = SafetyRatingDraft(ratedOn: today, participantName: " ", role: .child, value: 5)
        #expect(fields { () throws(SafeholdError) in _ = try nameless.validated(today: today) } == ["participantName"])
    }
}
