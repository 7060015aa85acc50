import Foundation
import Testing

@testable import SafeholdCore

/// Instants are stored in UTC but dated and shown in UK time (Europe/London): across both clock
/// changes and around midnight the date of an instant is the date a worker in England reads.
@Suite struct UKTimeTests {
    let england = Ruleset.england2025
    func at(_ text: String) -> Date { Timestamp.date(text)! }
    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test(arguments: [
        // Winter: UK time is UTC.
        ("2026-01-15T23:59:59.000Z", "2026-01-15", "15 Jan 2026 23:59 GMT"),
        ("2026-01-16T00:00:00.000Z", "2026-01-16", "16 Jan 2026 00:00 GMT"),
        // 29 March 2026: at 01:00 UTC the clocks go forward to 02:00 BST.
        ("2026-03-29T00:59:00.000Z", "2026-03-29", "29 Mar 2026 00:59 GMT"),
        ("2026-03-29T01:00:00.000Z", "2026-03-29", "29 Mar 2026 02:00 BST"),
        ("2026-03-28T23:30:00.000Z", "2026-03-28", "28 Mar 2026 23:30 GMT"),
        ("2026-03-29T23:30:00.000Z", "2026-03-30", "30 Mar 2026 00:30 BST"),
        // Summer: 23:30 UTC is 00:30 the next day.
        ("2026-06-26T23:30:00.000Z", "2026-06-27", "27 Jun 2026 00:30 BST"),
        ("2026-06-26T22:59:59.000Z", "2026-06-26", "26 Jun 2026 23:59 BST"),
        // 25 October 2026: at 01:00 UTC the clocks go back from 02:00 BST to 01:00 GMT.
        ("2026-10-24T23:30:00.000Z", "2026-10-25", "25 Oct 2026 00:30 BST"),
        ("2026-10-25T00:30:00.000Z", "2026-10-25", "25 Oct 2026 01:30 BST"),
        ("2026-10-25T01:30:00.000Z", "2026-10-25", "25 Oct 2026 01:30 GMT"),
        ("2026-10-25T23:30:00.000Z", "2026-10-25", "25 Oct 2026 23:30 GMT"),
        ("2026-10-25T23:59:59.999Z", "2026-10-25", "25 Oct 2026 23:59 GMT"),
        ("2026-10-26T00:00:00.000Z", "2026-10-26", "26 Oct 2026 00:00 GMT"),
    ])
    func anInstantIsDatedAndShownInUKTime(utc: String, date: String, shown: String) {
        #expect(england.date(of: at(utc)) == day(date))
        #expect(england.display(at(utc)) == shown)
    }

    @Test func aContactAtHalfPastMidnightBSTOnASaturdayIsASaturdayContact() {
        let contact = Contact(
            id: UUID(), receivedAt: at("2026-06-26T23:30:00.000Z"), source: .police, referrerName: "PC",
            referrerAgency: nil, childIds: [UUID()], concern: "Concern", triage: nil, version: 1)
        #expect(contact.receivedOn(england) == day("2026-06-27"))
        #expect(contact.receivedOn(england).isoWeekday == 6)
    }

    @Test func dueDatesFollowFromTheUKDate() {
        // 00:30 BST on Monday 29 June is 23:30 UTC on Sunday: the decision is due Tuesday, not Monday.
        let contact = Contact(
            id: UUID(), receivedAt: at("2026-06-28T23:30:00.000Z"), source: .police, referrerName: "PC",
            referrerAgency: nil, childIds: [UUID()], concern: "Concern", triage: nil, version: 1)
        #expect(contact.decisionDue(england) == day("2026-06-30"))
        // The evening before the clocks go back: 23:30 UTC on Saturday 24 October is Sunday in the UK.
        let autumn = Contact(
            id: UUID(), receivedAt: at("2026-10-24T23:30:00.000Z"), source: .police, referrerName: "PC",
            referrerAgency: nil, childIds: [UUID()], concern: "Concern", triage: nil, version: 1)
        #expect(autumn.receivedOn(england) == day("2026-10-25"))
        #expect(autumn.decisionDue(england) == day("2026-10-26"))
    }

    @Test func aUKClockReadingNamesItsInstantAndTheMissingHourNamesNone() throws {
        let zone = england.timeZone
        let summer = try #require(LocalDateTime(iso: "2026-06-27T00:30"))
        #expect(summer.instant(in: zone) == at("2026-06-26T23:30:00.000Z"))
        let winter = try #require(LocalDateTime(iso: "2026-11-24T09:00"))
        #expect(winter.instant(in: zone) == at("2026-11-24T09:00:00.000Z"))
        #expect(
            try #require(LocalDateTime(iso: "2026-03-29T01:30")).instant(in: zone) == nil, "the clocks skip 01:00-02:00"
        )
        #expect(
            try #require(LocalDateTime(iso: "2026-03-29T02:00")).instant(in: zone) == at("2026-03-29T01:00:00.000Z"))
        #expect(
            try #require(LocalDateTime(iso: "2026-10-25T01:30")).instant(in: zone) == at("2026-10-25T00:30:00.000Z"),
            "01:30 happens twice; the first (BST) is meant")
        #expect(
            try #require(LocalDateTime(iso: "2026-10-25T02:00")).instant(in: zone) == at("2026-10-25T02:00:00.000Z"))
    }

    @Test func aReadingRoundTripsThroughItsInstantEveryHalfHourAcrossBothChanges() {
        for start in ["2026-03-28T12:00:00.000Z", "2026-10-24T12:00:00.000Z"] {
            for step in 0..<96 {
                let instant = at(start).addingTimeInterval(Double(step) * 1800)
                let reading = england.localTime(of: instant)
                let back = reading.instant(in: england.timeZone)
                // In the repeated hour the reading names its first occurrence.
                #expect(back == instant || back == instant.addingTimeInterval(-3600), "\(reading)")
            }
        }
    }

    @Test(arguments: ["2026-06-27T00:30", "2026-06-27T00:30:15"])
    func dateTimeFieldsParse(text: String) {
        #expect(LocalDateTime(iso: text)?.isoMinute == "2026-06-27T00:30")
    }

    @Test(arguments: [
        "2026-06-27 00:30", "2026-06-27T24:00", "2026-06-27T00:60", "2026-02-30T00:30", "2026-06-27T0:30",
        "99999-06-27T00:30", "2026-06-27T00:30Z", "",
    ])
    func impossibleDateTimeFieldsAreRefused(text: String) {
        #expect(LocalDateTime(iso: text) == nil)
    }
}
