import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import Testing

@testable import SafeholdWeb

/// `pdftoppm` reads attached PDFs, which come from outside: it runs under `prlimit` (address space, processor
/// time, file size) with its own time limit, a page cap and every page drawn within 1300 pixels. A hostile PDF
/// or one over the page cap makes the bundle's download a 409 naming the document, with nothing produced; a
/// page claiming to be 200 inches square is drawn small; the server carries on.
@Suite struct PDFConfinementTests {
    /// A one-page PDF whose page is 200 inches square: 22,000 pixels a side at 110 dots an inch, a bitmap of
    /// more than a gigabyte.
    static let hugePage = SyntheticFiles.pdf(lines: ["A page too big to draw"], width: 14_400, height: 14_400)
    /// A file that starts like a PDF and is nothing else.
    static let garbage = Array("%PDF-1.7\n".utf8) + Array(repeating: 0x41, count: 4_000)

    static func bundleWith(_ f: WebFixture, _ documents: [UUID]) async throws -> UUID {
        try await f.store.requestBundle(
            for: f.child.id, BundleDraft(title: "Bundle", documentIds: documents, includeChronology: false),
            context: AuditContext(actor: f.north.actor, ipAddress: nil)
        ).id
    }

    @Test func aHostilePDFIsRefusedWithA409NamingItAndAHugePageIsDrawnSmall() async throws {
        try await WebFixture.withApp { f, client in
            let north = AuditContext(actor: f.north.actor, ipAddress: nil)
            let token = try await f.apiToken(f.north)
            let broken = try await f.store.addDocument(
                to: .person(f.child.id), DocumentDraft(title: "Broken file", kind: "other", fileName: "x.pdf"),
                bytes: Self.garbage, context: north)
            let refused = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/bundles/\(try await Self.bundleWith(f, [broken.id]))/pdf",
                method: .get, headers: bearer(token))
            #expect(refused.status == .conflict, "\(refused.status) \(refused.text.prefix(300))")
            #expect(refused.text.contains("The document \\\"Broken file\\\" cannot be reproduced in the bundle"))

            let huge = try await f.store.addDocument(
                to: .person(f.child.id), DocumentDraft(title: "Huge scan", kind: "other", fileName: "huge.pdf"),
                bytes: Self.hugePage, context: north)
            let started = ContinuousClock.now
            let drawn = try await client.execute(
                uri: "/api/v1/people/\(f.child.id)/bundles/\(try await Self.bundleWith(f, [huge.id]))/pdf",
                method: .get, headers: bearer(token))
            #expect(drawn.status == .ok, "\(drawn.text.prefix(300))")
            #expect(ContinuousClock.now - started < .seconds(60))
            let text = try CourtBundleWebTests.pages(Data(drawn.body.readableBytesView)).joined()
            #expect(text.contains("Huge scan") && text.contains("E1"))
        }
    }

    @Test func aDocumentOverThePageCapIsRefusedWithoutDrawingItAll() async throws {
        let tools = PDFTools(maxDocumentPages: 2)
        let three = try await CourtPDF.sample(pages: 3, title: "Three pages", tools: tools)
        let two = try await CourtPDF.sample(pages: 2, title: "Two pages", tools: tools)
        let drawn = try await PDFTools.withScratch { folder in
            try await tools.rasterise(two, into: folder, prefix: "two").count
        }
        #expect(drawn == 2)
        await #expect(throws: PDFTools.RasterRefusal.tooManyPages(2)) {
            try await PDFTools.withScratch { folder in try await tools.rasterise(three, into: folder, prefix: "three") }
        }
    }

    @Test func aToolPastItsTimeIsKilledAndALimitedOneIsHeldToItsMemory() async throws {
        let sleeper = ExternalCommand(executable: URL(fileURLWithPath: "/usr/bin/sleep"), timeout: .milliseconds(500))
        let started = ContinuousClock.now
        await #expect(throws: ExternalCommand.Failure.self) { try await sleeper.run(["30"]) }
        // Killed long before the 30 s it would sleep (the margin allows for a busy machine).
        #expect(ContinuousClock.now - started < .seconds(20))
        // Under prlimit, a page drawn at full size needs more memory than allowed: poppler says "Out of
        // memory" and draws a blank page with exit status 0, which the confined run reports as a failure.
        let confined = ExternalCommand(
            executable: URL(fileURLWithPath: "/usr/bin/pdftoppm"), timeout: .seconds(30),
            limits: ResourceLimits(addressSpaceBytes: 256 << 20, cpuSeconds: 10, fileSizeBytes: 16 << 20),
            confinement: URL(fileURLWithPath: "/usr/bin/prlimit"), failsOn: ["Out of memory"])
        let page = Data(SyntheticFiles.pdf(lines: ["A4"]))
        #expect(try await confined.run(["-png", "-r", "110", "-"], input: page).starts(with: [0x89, 0x50]))
        await #expect(throws: ExternalCommand.Failure.self) {
            try await confined.run(["-png", "-r", "110", "-"], input: Data(Self.hugePage))
        }
    }
}
