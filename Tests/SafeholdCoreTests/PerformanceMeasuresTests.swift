import Foundation
import Testing

@testable import SafeholdCore

/// The dashboard's measures on one child's history: the DfE's inclusive count at its boundaries, the
/// workers' count for contacts and visits, calendar months for reviews and long plans, and the period.
struct PerformanceMeasuresTests {
    let ruleset = Ruleset.england2025
    let child = UUID()

    private func events(
        _ history: PerformanceHistory, from: String = "2025-04-01", to: String = "2026-03-31",
        today: String = "2026-06-01"
    ) -> [PerformanceEvent] {
        PerformanceMeasures.events(
            history, period: PerformancePeriod(from: d(from), to: d(to)), today: d(today), ruleset: ruleset)
    }

    private func outcomes(_ events: [PerformanceEvent], _ measure: PerformanceMeasure) -> [Bool] {
        events.filter { $0.measure == measure }.map(\.met)
    }

    private func history(_ builder: EpisodeBuilder, closed: String? = nil) -> PerformanceHistory {
        PerformanceHistory(
            personId: child,
            episodes: [
                .init(
                    id: builder.episode, referralDate: builder.referral, closedOn: closed.map(d), steps: builder.steps)
            ])
    }

    private func completed(_ b: inout EpisodeBuilder, _ start: String, _ end: String) throws {
        let id = try b.record(.assessmentStarted(on: d(start)))
        try b.record(
            .assessmentCompleted(
                assessment: id, on: d(end), factors: ["21"], childSeen: true, developmentalNeeds: "n",
                parentingCapacity: "p", familyAndEnvironment: "f", outcome: "o"))
    }

    @Test func anAssessmentOfFortyFiveWorkingDaysBothEndsCountedIsInTimeAndOfFortySixIsNot() throws {
        // 31 March 2025 minus 45 working days is 28 January 2025 (DOMAIN.md section 3).
        var inTime = EpisodeBuilder(referral: "2025-01-28")
        try completed(&inTime, "2025-01-28", "2025-03-31")
        var late = EpisodeBuilder(referral: "2025-01-27")
        try completed(&late, "2025-01-27", "2025-03-31")
        let period = ("2025-03-01", "2025-03-31")
        #expect(outcomes(events(history(inTime), from: period.0, to: period.1), .assessments) == [true])
        #expect(outcomes(events(history(late), from: period.0, to: period.1), .assessments) == [false])
    }

    @Test func anInitialConferenceOnTheFifteenthWorkingDayIsInTimeAndOnTheSixteenthIsNot() throws {
        // 31 March 2025 minus 15 working days is 11 March 2025.
        for (strategy, expected) in [("2025-03-11", true), ("2025-03-10", false)] {
            var b = EpisodeBuilder(referral: "2025-03-01")
            let sd = try b.record(
                .strategyDiscussion(
                    on: d(strategy), participants: [], absentAgencyReason: "x", informationShared: "x",
                    decision: .jointS47, safetyActions: ""))
            try b.record(.section47Started(on: d(strategy), strategyDiscussion: sd))
            try b.record(
                .conference(
                    initial: true, on: d("2025-03-31"), chair: "C", attendees: [], apologies: [], childViews: "v",
                    howViewsObtained: "h", decision: .noPlan, category: nil, nextReview: nil))
            let found = events(history(b), from: "2025-03-01", to: "2025-03-31")
            #expect(outcomes(found, .initialConferences) == [expected], "\(strategy)")
        }
    }

    @Test func aContactIsDecidedInTimeOnTheNextWorkingDayAndAnUndecidedOneCountsOnlyOnceLate() {
        // Thursday 17 April 2025: Good Friday and Easter Monday follow, so the decision is due on Tuesday 22nd.
        let contacts = [
            PerformanceHistory.ContactTiming(receivedOn: d("2025-04-17"), decidedOn: d("2025-04-22")),
            PerformanceHistory.ContactTiming(receivedOn: d("2025-04-17"), decidedOn: d("2025-04-23")),
            PerformanceHistory.ContactTiming(receivedOn: d("2025-05-29"), decidedOn: nil),
            PerformanceHistory.ContactTiming(receivedOn: d("2025-05-30"), decidedOn: nil),
        ]
        let found = events(PerformanceHistory(personId: child, contacts: contacts), today: "2025-06-02")
        #expect(outcomes(found, .contactDecisions) == [true, false, false], "the contact due today is not yet late")
    }

    @Test func aReviewIsOnTimeOnItsDueDateInCalendarMonthsAndLateTheDayAfter() throws {
        var b = EpisodeBuilder(referral: "2025-05-01")
        let sd = try b.record(
            .strategyDiscussion(
                on: d("2025-05-01"), participants: [], absentAgencyReason: "x", informationShared: "x",
                decision: .singleAgencyS47, safetyActions: ""))
        try b.record(.section47Started(on: d("2025-05-01"), strategyDiscussion: sd))
        for (initial, on, decision) in [(true, "2025-05-30", ConferenceDecision.plan)] {
            try b.record(
                .conference(
                    initial: initial, on: d(on), chair: "C", attendees: [], apologies: [], childViews: "v",
                    howViewsObtained: "h", decision: decision, category: .neglect, nextReview: nil))
        }
        try b.record(
            .planStarted(kind: .childProtection, on: d("2025-05-30"), category: .neglect, visitIntervalWorkingDays: 10))
        // First review due 30 August (3 months), the next 6 months after the first was held.
        for on in ["2025-08-30", "2026-03-01"] {
            try b.record(
                .conference(
                    initial: false, on: d(on), chair: "C", attendees: [], apologies: [], childViews: "v",
                    howViewsObtained: "h", decision: .continuePlan, category: nil, nextReview: nil))
        }
        #expect(outcomes(events(history(b)), .reviews) == [true, false])
    }

    @Test func aPlanIsLongFromTwoCalendarYearsAndASecondPlanIsARepeat() throws {
        func planEpisode(_ start: String, end: String) throws -> PerformanceHistory.Episode {
            var b = EpisodeBuilder(referral: start)
            let sd = try b.record(
                .strategyDiscussion(
                    on: d(start), participants: [], absentAgencyReason: "x", informationShared: "x",
                    decision: .singleAgencyS47, safetyActions: ""))
            let enquiry = try b.record(.section47Started(on: d(start), strategyDiscussion: sd))
            try b.record(
                .section47Completed(
                    enquiry: enquiry, on: d(start), substantiated: true, conferenceNeeded: true,
                    reasonNoConference: nil))
            try b.record(
                .conference(
                    initial: true, on: d(start), chair: "C", attendees: [], apologies: [], childViews: "v",
                    howViewsObtained: "h", decision: .plan, category: .physical, nextReview: nil))
            let plan = try b.record(
                .planStarted(kind: .childProtection, on: d(start), category: .physical, visitIntervalWorkingDays: 10))
            try b.record(.planEnded(plan: plan, on: d(end), reason: "safe"))
            try b.record(.closed(on: d(end), reason: .rc8))
            return .init(id: b.episode, referralDate: b.referral, closedOn: d(end), steps: b.steps)
        }
        let h = PerformanceHistory(
            personId: child,
            episodes: [
                try planEpisode("2023-06-02", end: "2025-06-02"), try planEpisode("2025-07-01", end: "2025-09-01"),
            ])
        let found = events(h)
        #expect(outcomes(found, .longPlans) == [true, false], "two calendar years to the day is two years")
        #expect(outcomes(found, .repeatPlans) == [true])
        #expect(outcomes(found, .physical) == [true] && outcomes(found, .neglect) == [false])
        #expect(outcomes(found, .reReferrals) == [false], "2023 is more than 12 months before July 2025")
    }

    private func fields(_ from: String?, _ to: String?, today: LocalDate) -> [String] {
        do throws(SafeholdError) {
            _ = try PerformancePeriod.parse(from: from, to: to, today: today)
            return []
        } catch {
            if case .invalid(let errors) = error { return errors.map(\.field) }
            return ["not a field error"]
        }
    }

    @Test func aPeriodIsRefusedReversedTooLongOrNotADateAndDefaultsToTwelveMonths() throws {
        let today = d("2026-11-24")
        let fallback = try PerformancePeriod.parse(from: nil, to: "", today: today)
        #expect(fallback.from == d("2025-12-01") && fallback.to == today && fallback.months.count == 12)
        let refused: [(String, String?, String)] = [
            ("2026-05-01", "2026-04-30", "to"), ("2019-01-01", "2026-01-01", "from"), ("2026-02-30", nil, "from"),
            ("\u{202E}2026-01-01", nil, "from"), ("2026-01-01", "1899-12-31", "to"),
        ]
        for (from, to, field) in refused {
            #expect(fields(from, to, today: today).contains(field), "\(from) \(to ?? "")")
        }
        let months = PerformancePeriod(from: d("2025-04-15"), to: d("2025-06-10")).months
        #expect(months.map(\.key) == ["2025-04", "2025-05", "2025-06"])
        #expect(months.first?.first == d("2025-04-15") && months.last?.last == d("2025-06-10"))
    }
}
