import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore

/// Children whose work fell in the last collection year that has ended, so that the demo authority has a CIN
/// census to return (the rest of the demo is dated around today): child in need and child protection plans
/// with their reviews, enquiries with and without a conference, closures, a child with an earlier plan, work
/// still open at the year's end and referrals with no further action. Every step goes through the store and
/// the workflow; the children carry what the return needs (UPN, ethnicity, disability), so that the return
/// passes the DfE's rules.
enum DemoCensus {
    /// The demo's census year: the last that has ended.
    static func year(today: LocalDate) -> CensusYear {
        CensusYear(startYear: CensusYear(containing: today).startYear - 1)!
    }

    static func load(into store: Store, teams: [String: Team], users: [String: User]) async throws {
        let year = year(today: store.today)
        let calendar = store.ruleset.calendar
        let team = teams["Children in Need"]!.id
        var ages = [9, 3, 12, 7, 14, 6, 2, 10, 8, 4, 11].makeIterator()
        let children = try await store.bulkLoad(
            (0..<11).map { i in
                BulkPerson(
                    details: details(i, age: ages.next()!, year: year), team: team, worker: users["sw.cin1"]!.id)
            }, links: [], context: AuditContext(system: "demo loader"))
        let flow = DemoCensusFlow(
            store: store, calendar: calendar, door: users["frontdoor1"]!, decider: users["frontdoor2"]!,
            worker: users["sw.cin1"]!, manager: users["tm.cin"]!)
        let s = year.start
        try await flow.childInNeedPlan(children[0], referred: s.adding(days: 35))
        try await flow.closedAfterAssessment(children[1], referred: s.adding(days: 70))
        try await flow.protectionPlan(children[2], referred: s.adding(days: 13), reviews: 2, endsAndCloses: false)
        try await flow.protectionPlan(children[3], referred: s.adding(days: 100), reviews: 1, endsAndCloses: true)
        try await flow.enquiryWithoutConference(children[4], referred: s.adding(days: 160))
        // An earlier plan, two years before, then a new episode and plan in the year: NumberOfPreviousCPP is 1.
        try await flow.protectionPlan(
            children[5], referred: s.adding(days: -640), reviews: 1, endsAndCloses: true)
        try await flow.protectionPlan(children[5], referred: s.adding(days: 220), reviews: 0, endsAndCloses: false)
        try await flow.referralWithNoFurtherAction(children[6], referred: s.adding(days: 190))
        try await flow.referralWithNoFurtherAction(children[7], referred: s.adding(days: 250))
        try await flow.openAssessment(children[8], referred: year.end.adding(days: -20))
        try await flow.openEnquiry(children[9], referred: year.end.adding(days: -9))
        try await flow.childInNeedPlan(children[10], referred: s.adding(days: 280))
    }

    /// A child with what the return needs: a UPN from the age of five (LA part 001, a pseudo-LA code, as no
    /// real authority's), an ethnicity and "no disability".
    static func details(_ i: Int, age: Int, year: CensusYear) -> PersonDetails {
        let born = LocalDate(year: year.startYear - age, month: 1 + (i * 5) % 12, day: 3 + (i * 7) % 25)!
        let upn = age >= 5 ? UniquePupilNumber.withCheckLetter(body: "00120" + String(format: "%07d", 4_100 + i)) : nil
        let given = ["Ava", "Noah", "Isla", "Leo", "Maya", "Theo", "Ruby", "Arlo", "Esme", "Otis", "Nell"][i]
        let ethnicity = ["WBRI", "MWBC", "AIND", "BAFR", "WOTH", "CHNE", "APKN", "WBRI", "BCRB", "MOTH", "WIRI"][i]
        return PersonDetails(
            kind: .child, givenName: given, familyName: "Census-Demo", dateOfBirth: born,
            sex: i % 2 == 0 ? .female : .male, ethnicity: ethnicity, disabilities: i == 4 ? ["LD", "COMM"] : ["NONE"],
            upn: upn?.value)
    }
}
