import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// Section A of the court bundle reads the child's court record: the case summary and 26-week timetable of the
/// care proceedings (hearings with their weeks, parties and their representatives), each application and order,
/// and the pre-proceedings stage, each an item of the index at the page where it starts (read back with
/// `pdftotext`).
@Suite struct CourtBundleSectionATests {
    /// A child in care proceedings issued 2026-10-01 (due 26 weeks later, extended by 4 weeks), with a hearing
    /// held and one listed, a granted interim care order made in them, and the letter before proceedings.
    static func seedCourt(_ f: WebFixture) async throws -> CareProceedings {
        let north = AuditContext(actor: f.north.actor, ipAddress: nil)
        _ = try await f.store.startPreProceedings(
            f.child.id,
            PreProceedingsForm(
                letterSentOn: "2026-08-03", meetingOn: "2026-08-10", attendees: "Mary Testwick and her solicitor",
                outcome: "proceed_to_issue", outcomeOn: "2026-09-20"), context: north)
        var proceedings = try await f.store.issueProceedings(
            f.child.id,
            ProceedingsForm(
                issuedOn: "2026-10-01", court: "Family Court at Testford", caseNumber: "TF26C00099",
                parties: [
                    PartyForm(
                        role: "child", name: "Ada Testwick", guardian: "Gail Guardian", solicitor: "Cara Counsel",
                        firm: "Counsel & Co"),
                    PartyForm(role: "mother", name: "Mary Testwick", solicitor: "Owen Advocate", firm: "Advocate LLP"),
                ]), context: north)
        proceedings = try await f.store.addHearing(
            to: proceedings.id,
            HearingForm(kind: "case_management", heldOn: "2026-10-15", outcome: "Timetable set; assessments directed."),
            expectedVersion: proceedings.version, context: north)
        proceedings = try await f.store.addHearing(
            to: proceedings.id, HearingForm(kind: "issues_resolution", heldOn: "2026-12-10"),
            expectedVersion: proceedings.version, context: north)
        proceedings = try await f.store.extendProceedings(
            proceedings.id,
            TimetableExtensionForm(grantedOn: "2026-11-20", weeks: 4, reason: "An expert report is late."),
            expectedVersion: proceedings.version, context: north)
        _ = try await f.store.applyForOrder(
            f.child.id,
            CourtOrderForm(
                kind: "interim_care", appliedOn: "2026-10-01", court: "Family Court at Testford",
                applicant: "Testshire Council", proceedingsId: proceedings.id.uuidString, outcome: "granted",
                outcomeOn: "2026-10-01"), context: north)
        return proceedings
    }

    @Test func sectionAListsTheProceedingsTimetableHearingsPartiesAndOrdersAtTheirIndexedPages() async throws {
        try await WebFixture.withApp { f, client in
            let proceedings = try await Self.seedCourt(f)
            let due = proceedings.dueOn(f.store.ruleset.court)
            #expect(due == LocalDate(iso: "2027-04-29"), "26 weeks and the 4 weeks' extension")
            let token = try await f.apiToken(f.north)
            let made = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles", method: .post, headers: bearer(token),
                body: jsonBody(#"{"title":"Bundle with orders","includeChronology":true}"#))
            #expect(made.status == .created, "\(made.text)")
            let bundle = try #require(try made.json()["id"] as? String)
            let response = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles/\(bundle)/pdf", method: .get,
                headers: bearer(token))
            #expect(response.status == .ok, "\(response.text)")
            let pages = try CourtBundleWebTests.pages(Data(response.body.readableBytesView))
            let labels = pages.map { CourtBundleWebTests.lines($0).last?.split(separator: " ").last ?? "" }
            let sectionA = zip(pages, labels).filter { $0.1.hasPrefix("A") }.map(\.0).joined(separator: "\n")
            let flat = sectionA.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for expected in [
                "Case summary and timetable (TF26C00099)", "Family Court at Testford",
                "Issued on 1 Oct 2026", "26 weeks, to end by \(due.display) after extensions of 4 weeks in all",
                "An expert report is late.", "Week 8 of the proceedings",
                "Case management hearing, 15 Oct 2026 (week 3): Timetable set; assessments directed.",
                "Issues resolution hearing, 10 Dec 2026 (week 11): listed.",
                "The child (through the children's guardian): Ada Testwick; guardian Gail Guardian; solicitor "
                    + "Cara Counsel, Counsel & Co",
                "Mother: Mary Testwick; solicitor Owen Advocate, Advocate LLP",
                "Application: Interim care order", "Applied for on 1 Oct 2026 by Testshire Council",
                "Public Law Outline pre-proceedings", "Letter before proceedings sent on 3 Aug 2026",
                "Attended by: Mary Testwick and her solicitor.",
                "Proceed to issue care proceedings",
            ] {
                #expect(flat.contains(expected), "section A lacks \"\(expected)\"")
            }
            // The index names each item of section A at the page where its marker heads the page.
            let row = /^A\/(\d+)\s+(.+?)\s+A(\d+)$/
            var index: [(number: Int, title: String, page: Int)] = []
            for page in pages.prefix(2) {
                for line in CourtBundleWebTests.lines(page) {
                    if let m = line.wholeMatch(of: row) { index.append((Int(m.1)!, String(m.2), Int(m.3)!)) }
                }
            }
            #expect(index.count == 4, "\(index)")
            #expect(index.contains { $0.title.hasPrefix("Case summary and timetable (TF26C00099)") })
            #expect(index.contains { $0.title == "Application: Interim care order" })
            for entry in index {
                let at = try #require(labels.firstIndex(of: "A\(entry.page)"), "no page A\(entry.page)")
                #expect(CourtBundleWebTests.lines(pages[at]).first == "Item \(entry.number) of section A")
            }
        }
    }
}
