import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The court bundle and the PDFs, read back with `pdftotext` (poppler-utils): the index's page labels are the
/// pages where each item starts, every section's pages are labelled with its letter from 1, a redacted phrase is
/// nowhere in the file, and a bundle naming a record the caller may not see is refused with nothing kept.
@Suite struct CourtBundleWebTests {
    static let secret = "Flat 9 Larkspur Row"

    /// The text of each page of a PDF.
    static func pages(_ pdf: Data) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", file.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var pages = String(decoding: data, as: UTF8.self).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    static func lines(_ page: String) -> [String] {
        page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A child with two statements (one long and signed off), a chronology of many entries, and a plan.
    static func seed(_ f: WebFixture) async throws -> (statements: [UUID], records: [UUID]) {
        let north = AuditContext(actor: f.north.actor, ipAddress: nil)
        for day in 0..<70 {
            _ = try await f.store.addNote(
                to: f.child.id,
                CaseNoteDraft(
                    notedOn: f.store.today.adding(days: -day), kind: .observation, significant: true,
                    body: "Visit \(day): the child was seen at home. \(day % 7 == 0 ? secret : "Nothing new.")"),
                context: north)
        }
        let background = (1...40).map {
            "Paragraph \($0). The family moved to \(secret) in 2025 and the school "
                + "raised concerns about attendance, hunger and a bruise seen on the child's arm."
        }.joined(separator: "\n\n")
        let long = try await f.store.startStatement(
            for: f.child.id,
            StatementDraft(
                title: "Statement of the allocated social worker", proceedings: "ZW26C00123",
                sections: [
                    .introduction: "I am the allocated social worker.", .background: background,
                    .plan: "The local authority seeks an interim care order.",
                ],
                truth: StatementOfTruth(confirmed: true, name: "North Worker", signedOn: f.store.today)), context: north
        )
        _ = try await f.store.signOffStatement(
            long.statement.id, of: f.child.id, version: 1, context: AuditContext(actor: f.manager.actor, ipAddress: nil)
        )
        let short = try await f.store.startStatement(
            for: f.child.id, StatementDraft(title: "Addendum statement", sections: [.analysis: "Risk remains high."]),
            context: north)
        return ([long.statement.id, short.statement.id], [])
    }

    @Test func theBundleIndexMatchesThePagesAndRedactedTextIsNotInTheFile() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await Self.seed(f)
            let token = try await f.apiToken(f.north)
            let ids = seeded.statements.map { "\"\($0.uuidString)\"" }.joined(separator: ",")
            let made = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"title":"Care proceedings bundle","statementIds":[\#(ids)],"includeChronology":true,"#
                        + #""redactedPhrases":["\#(Self.secret.lowercased())"]}"#))
            #expect(made.status == .created, "\(made.text)")
            let bundle = try #require(try made.json()["id"] as? String)
            let response = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles/\(bundle)/pdf", method: .get,
                headers: bearer(token))
            #expect(response.status == .ok && response.headers[.contentType] == "application/pdf")
            let pdf = Data(response.body.readableBytesView)
            #expect(pdf.starts(with: Data("%PDF".utf8)))
            let pages = try Self.pages(pdf)
            let whole = pages.joined(separator: "\n")
            #expect(!whole.localizedCaseInsensitiveContains(Self.secret), "a redacted phrase is in the PDF")
            #expect(!whole.localizedCaseInsensitiveContains("Larkspur"))
            #expect(whole.contains(Redaction.label))

            // The index: "B/1  Statement of ...  B1" rows, read from the front pages.
            let row = /^([A-E])\/(\d+)\s+(.+?)\s+([A-E])(\d+)$/
            var index: [(letter: String, number: Int, page: Int)] = []
            for page in pages.prefix(3) {
                for line in Self.lines(page) {
                    if let m = line.wholeMatch(of: row), m.output.1 == m.output.4 {
                        index.append((String(m.output.1), Int(m.output.2)!, Int(m.output.5)!))
                    }
                }
            }
            #expect(Set(index.map(\.letter)) == ["A", "B", "C"], "\(index)")
            #expect(index.filter { $0.letter == "B" }.count == 2)
            // Each page's label is its last line's last word; each section counts from 1.
            let labels = pages.map { Self.lines($0).last?.split(separator: " ").last.map(String.init) ?? "" }
            for letter in ["A", "B", "C"] {
                let numbers = labels.compactMap { $0.hasPrefix(letter) ? Int($0.dropFirst()) : nil }
                #expect(numbers == Array(1...max(numbers.count, 1)), "section \(letter) is labelled \(numbers)")
            }
            #expect(labels.filter { $0.hasPrefix("B") }.count > 2, "the long statement spans pages")
            #expect(labels.filter { $0.hasPrefix("C") }.count > 1, "the chronology spans pages")
            for entry in index {
                let at = try #require(labels.firstIndex(of: "\(entry.letter)\(entry.page)"), "no page \(entry)")
                #expect(
                    Self.lines(pages[at]).first == "Item \(entry.number) of section \(entry.letter)",
                    "index says \(entry.letter)/\(entry.number) starts on \(entry.letter)\(entry.page)")
            }
            let second = try #require(index.first { $0.letter == "B" && $0.number == 2 })
            #expect(second.page > 2, "the second statement starts after the long one")
            let audit = try await f.store.audit.recent(limit: 30)
            #expect(
                audit.contains {
                    $0.event.entityType == "court_bundle_pdf" && $0.event.personId == f.child.id
                        && $0.event.actorId == f.north.id
                })
        }
    }

    @Test func aBundleNamingARecordTheCallerMayNotSeeIsRefusedAndNothingIsKept() async throws {
        try await WebFixture.withApp { f, client in
            let seeded = try await Self.seed(f)
            let token = try await f.apiToken(f.north)
            let other = try await f.store.createPerson(
                PersonDetails(
                    kind: .child, givenName: "Olly", familyName: "Other", dateOfBirth: LocalDate(iso: "2017-01-01")),
                context: AuditContext(actor: f.south.actor, ipAddress: nil))
            let foreign = try await f.store.startStatement(
                for: other.id, StatementDraft(title: "South's"),
                context: AuditContext(actor: f.south.actor, ipAddress: nil))
            let before = try await f.count("court_bundles")
            let refused = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles", method: .post, headers: bearer(token),
                body: jsonBody(#"{"title":"B","statementIds":["\#(foreign.statement.id.uuidString)"]}"#))
            #expect(refused.status == .notFound && refused.text.contains("Statement 1 of the bundle"))
            let step = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles", method: .post, headers: bearer(token),
                body: jsonBody(#"{"title":"B","recordIds":["\#(UUID().uuidString)"]}"#))
            #expect(step.status == .notFound && step.text.contains("Record 1 of the bundle"))
            let south = try await f.apiToken(f.south)
            let stranger = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles", method: .post, headers: bearer(south),
                body: jsonBody(#"{"title":"B","statementIds":["\#(seeded.statements[0].uuidString)"]}"#))
            #expect(stranger.status == .notFound)
            let badPhrase = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles", method: .post, headers: bearer(token),
                body: jsonBody(#"{"title":"B","redactedPhrases":["x","bidi \u202e"]}"#))
            #expect(badPhrase.status == .unprocessableContent && badPhrase.text.contains("redactedPhrases[0]"))
            let withheld = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles", method: .post, headers: bearer(token),
                body: jsonBody(
                    #"{"title":"B","documentIds":["\#(UUID().uuidString)"],"#
                        + #""includeWithheld":["\#(UUID().uuidString)"]}"#
                ))
            #expect(withheld.status == .unprocessableContent && withheld.text.contains("includeWithheld"))
            #expect(try await f.count("court_bundles") == before, "nothing kept")
            let made = try await f.store.requestBundle(
                for: f.child.id, BundleDraft(title: "Kept"), context: AuditContext(actor: f.north.actor, ipAddress: nil)
            )
            let download = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/bundles/\(made.id.uuidString)/pdf", method: .get,
                headers: bearer(south))
            #expect(download.status == .notFound)
            let police = try await f.apiToken(f.police)
            let officer = try await client.execute(
                uri: "/api/v1/people/\(f.child.id.uuidString)/chronology-pdf", method: .get, headers: bearer(police))
            #expect(officer.status == .notFound)
        }
    }

    @Test func theChronologyAndOneRecordPrintAsNumberedPDFs() async throws {
        try await WebFixture.withApp { f, client in
            _ = try await Self.seed(f)
            let seeded = try await RouteAccessTests.seed(f)
            let page = try await f.session(f.north)
            let chronology = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/chronology-pdf", method: .get, headers: page.headers)
            #expect(chronology.status == .ok)
            let text = try Self.pages(Data(chronology.body.readableBytesView))
            #expect(text.count > 1 && text[0].contains("Chronology") && text[0].contains("Page 1 of \(text.count)"))
            let record = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/steps/\(seeded.plan.uuidString)/pdf", method: .get,
                headers: page.headers)
            #expect(record.status == .ok)
            let plan = try Self.pages(Data(record.body.readableBytesView)).joined()
            #expect(plan.contains("Child protection plan started") && plan.contains("Page 1 of 1"))
            let bundles = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/bundles", method: .get, headers: page.headers)
            #expect(bundles.status == .ok && bundles.text.contains("Child protection plan started"))
            let statements = try await client.execute(
                uri: "/people/\(f.child.id.uuidString)/statements", method: .get, headers: page.headers)
            #expect(statements.status == .ok && statements.text.contains("Addendum statement"))
        }
    }
}
