import Foundation
import Testing

@testable import SafeholdCore

/// Every statutory step, contact, triage decision, plan action, core group member, note and analysis
/// is checked in Core, naming each wrong field as the API names it.
@Suite struct StepValidationTests {
    let today = Fixture.today
    let plan = Fixture.id(7)

    func errors(_ step: EpisodeStep) -> [FieldError] {
        do {
            _ = try step.validated(today: today)
            return []
        } catch {
            guard case .invalid(let errors) = error else { Issue.record("expected .invalid, got \(error)"); return [] }
            return errors
        }
    }

    func errors(_ body: () throws(SafeholdError) -> Void) -> [FieldError] {
        do { try body(); return [] } catch {
            guard case .invalid(let errors) = error else { Issue.record("expected .invalid, got \(error)"); return [] }
            return errors
        }
    }

    func plan(interval: Int, kind: PlanKind = .childInNeed, category: AbuseCategory? = nil) -> EpisodeStep {
        .planStarted(kind: kind, on: today, category: category, visitIntervalWorkingDays: interval)
    }

    func visit(
        visitor: String = "North", location: String = "Home", seen: Bool = true, alone: Bool = false,
        observations: String = ""
    ) -> EpisodeStep {
        .visit(
            on: today, visitor: visitor, childSeen: seen, seenAlone: alone, location: location,
            observations: observations, childsWords: "")
    }

    @Test(arguments: [1, 10, 60])
    func aVisitIntervalFrom1To60WorkingDaysIsAccepted(interval: Int) {
        #expect(errors(plan(interval: interval)).isEmpty)
    }

    @Test(arguments: [Int.min, -5, 0, 61, 1_000_000, Int.max])
    func aVisitIntervalOutside1To60IsRefused(interval: Int) {
        #expect(
            errors(plan(interval: interval))
                == [FieldError("visitIntervalWorkingDays", "give a number of working days from 1 to 60")])
    }

    @Test(arguments: ["1899-12-31", "0001-01-01", "2101-01-01", "9999-12-31"])
    func aStepDatedOutside1900To2100IsRefused(date: String) {
        let step = EpisodeStep.assessmentStarted(on: LocalDate(iso: date)!)
        #expect(errors(step) == [FieldError("on", "must be a date between 1900 and 2100")])
    }

    @Test func aStepDatedAfterTodayIsRefused() {
        #expect(
            errors(.closed(on: today.adding(days: 1), reason: .rc1)) == [FieldError("on", "cannot be in the future")])
    }

    @Test func aChildProtectionPlanNeedsACategory() {
        #expect(
            errors(plan(interval: 10, kind: .childProtection)) == [
                FieldError("category", "choose the category of abuse")
            ])
        #expect(errors(plan(interval: 10, kind: .childProtection, category: .neglect)).isEmpty)
    }

    @Test func aVisitNeedsAVisitorAndAPlaceAndAChildSeenAloneWasSeen() {
        #expect(
            errors(visit(visitor: " ", location: "", seen: false, alone: true)) == [
                FieldError("visitor", "is required"), FieldError("seenAlone", "a child seen alone was seen"),
                FieldError("location", "is required"),
            ])
    }

    @Test func freeTextOnAStepFollowsTheTextRules() {
        let refused = errors(
            visit(
                visitor: "Nor\u{202E}th", location: "Ho\nme",
                observations: "a" + String(repeating: "\u{0300}", count: 5000)))
        #expect(refused.map(\.field) == ["visitor", "location", "observations"])
        #expect(errors(visit(observations: "Seen in the kitchen.\nCalm.")).isEmpty)
        #expect(errors(visit(observations: String(repeating: "x", count: 4001))).map(\.field) == ["observations"])
    }

    @Test func assessmentFactorsComeFromTheCodeSetOnceEach() {
        func completed(_ factors: [String]) -> EpisodeStep {
            .assessmentCompleted(
                assessment: Fixture.id(1), on: today, factors: factors, childSeen: true, developmentalNeeds: "d",
                parentingCapacity: "p", familyAndEnvironment: "f", outcome: "o")
        }
        #expect(errors(completed(["16A", "4B"])).isEmpty)
        #expect(errors(completed([])) == [FieldError("factors", "choose the factors identified, or 21 (no factors)")])
        #expect(errors(completed(["16A", "99Z"])) == [FieldError("factors", "'99Z' is not a factor code")])
        #expect(errors(completed(["16A", "16A"])) == [FieldError("factors", "lists a factor twice")])
        #expect(
            errors(completed(Array(repeating: "16A", count: 10_000))) == [FieldError("factors", "at most 42 factors")])
    }

    @Test func meetingsNameTheirPeopleWithinLimits() {
        let people = (0..<3).map {
            Participant(name: "P\($0)", agency: "A", agencyKind: [.localAuthority, .police, .health][$0])
        }
        let strategy = EpisodeStep.strategyDiscussion(
            on: today, participants: people, absentAgencyReason: nil, informationShared: "i",
            decision: .jointS47, safetyActions: "")
        #expect(errors(strategy).isEmpty)
        let missingHealth = EpisodeStep.strategyDiscussion(
            on: today, participants: Array(people.prefix(2)), absentAgencyReason: nil,
            informationShared: "i", decision: .jointS47, safetyActions: "")
        #expect(
            errors(missingHealth) == [
                FieldError("participants", "include social care, police and health, or say why an agency was absent")
            ])
        let crowd = Array(repeating: people[0], count: 51)
        let core = EpisodeStep.coreGroupMeeting(plan: plan, on: today, attendees: crowd, notes: "")
        #expect(errors(core) == [FieldError("attendees", "at most 50 people")])
        let unnamed = EpisodeStep.coreGroupMeeting(
            plan: plan, on: today,
            attendees: [
                Participant(
                    name: "", agency: "\u{7}",
                    agencyKind: .school)
            ], notes: "")
        #expect(
            errors(unnamed) == [
                FieldError("attendees[0].name", "is required"),
                FieldError("attendees[0].agency", "contains control characters"),
            ])
    }

    @Test func aConferenceNeedsItsChairViewsAndAReviewAfterIt() {
        let conference = EpisodeStep.conference(
            initial: true, on: today, chair: "", attendees: [], apologies: ["Ok", "Bad\u{2066}"],
            childViews: "", howViewsObtained: "Asked", decision: .plan, category: nil,
            nextReview: today.adding(days: -1))
        #expect(errors(conference).map(\.field) == ["chair", "apologies[1]", "childViews", "category", "nextReview"])
    }

    @Test func theStepCountAFormSawIsAWholeNumberOfSteps() {
        #expect(errors { () throws(SafeholdError) in try EpisodeStep.checkExpectedSteps(0) }.isEmpty)
        for count in [-1, Int.min, 10_001, Int.max] {
            #expect(
                errors { () throws(SafeholdError) in try EpisodeStep.checkExpectedSteps(count) }.map(\.field) == [
                    "expectedSteps"
                ])
        }
    }

    @Test func contactsTriageNotesActionsMembersAndAnalysisAreCheckedInCore() {
        let now = Timestamp.date("2025-06-15T12:00:00.000Z")!
        let contact = ContactDraft(
            receivedAt: Timestamp.date("1850-01-01T00:00:00.000Z") ?? Date(timeIntervalSince1970: -4e9),
            source: .police, referrerName: "PC\u{202D}", referrerAgency: nil,
            childIds: (0..<51).map(Fixture.id), concern: "Line one\nline two")
        #expect(
            errors { () throws(SafeholdError) in _ = try contact.validated(now: now) }.map(\.field)
                == ["receivedAt", "childIds", "referrerName"])
        let triage = TriageDraft(
            decision: .assessment, reason: "", urgency: .red, referrerInformedOn: LocalDate(iso: "2200-01-01"))
        #expect(
            errors { () throws(SafeholdError) in _ = try triage.validated(today: today) }.map(\.field) == [
                "reason", "referrerInformedOn",
            ])
        let note = CaseNoteDraft(
            notedOn: LocalDate(iso: "1066-10-14")!, kind: .other, significant: false, body: "\u{202E}")
        #expect(
            errors { () throws(SafeholdError) in _ = try note.validated(today: today) }.map(\.field) == [
                "notedOn", "body",
            ])
        #expect(
            errors { () throws(SafeholdError) in
                try PlanAction.validate(what: "Attend\nschool", who: "", dueOn: LocalDate(iso: "9999-01-01")!)
            }.map(\.field) == ["what", "who", "dueOn"])
        #expect(
            errors { () throws(SafeholdError) in
                _ = try Participant(name: "Dr \u{200F}Who", agency: "NHS", agencyKind: .health).validated()
            }.map(\.field) == ["name"])
        #expect(
            errors { () throws(SafeholdError) in try ChronologyEntry.Analysis.validate(body: " ") } == [
                FieldError("analysis", "is required")
            ])
        #expect(
            errors { () throws(SafeholdError) in try RecordedStep.validateManagerComment("Agreed.\nProceed.") }.isEmpty)
    }
}
