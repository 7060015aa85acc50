import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb
import Testing

/// The demo's child in care proceedings (Maisie Thornbury) holds everything the court work shows: documents (a
/// letter, a medical report PDF not to be disclosed to the family, a photograph), a body map with marks, a
/// signed-off statement and an addendum, and a bundle whose PDF has every section, the documents' included.
@Suite struct DemoCourtTests {
    @Test func theChildInCareProceedingsHasDocumentsABodyMapStatementsAndABundle() async throws {
        try await DemoFixture.with(children: 60) { demo in
            let store = demo.store
            let worker = try demo.ctx("sw.north1")
            let manager = try demo.ctx("tm.north")
            let found = try await store.search(PersonQuery(text: DemoCourt.childName), context: worker)
            let child = try #require(found.first { $0.displayName == DemoCourt.childName && $0.canView }).id
            #expect(try await store.courtRecord(of: child, context: worker).proceedings.count == 1)

            let documents = try await store.documents(on: .person(child), context: worker)
            #expect(Set(documents.map(\.kind)) == [.letter, .medicalReport, .bodyMapPhoto])
            let report = try #require(documents.first { $0.kind == .medicalReport })
            #expect(report.type == .pdf && report.notForFamily)
            let photo = try #require(documents.first { $0.kind == .bodyMapPhoto })
            let maps = try await store.bodyMaps(of: child, context: worker)
            #expect(maps.count == 1 && maps[0].marks.count == 2)
            #expect(maps[0].marks.contains { $0.photos == [photo.id] })

            let statements = try await store.statements(of: child, context: worker).statements
            #expect(statements.count == 2 && statements.contains { $0.signedVersion != nil })
            let bundle = try #require(try await store.bundles(of: child, context: manager).bundles.first)
            #expect(Set(bundle.request.documentIds) == Set(documents.map(\.id)))
            #expect(bundle.request.includeWithheld == [report.id])

            let content = try await store.bundleContent(bundle.id, of: child, context: manager)
            #expect(content.documents.count == 3 && content.statements.count == 2 && !content.chronology.isEmpty)
            let made = try await CourtPDF.bundle(content)
            #expect(Set(made.labels.map { $0.prefix(1) }) == ["A", "B", "C", "E"], "\(made.labels)")
            let text = try CourtBundleWebTests.pages(made.pdf).joined(separator: "\n")
            #expect(text.contains("Paediatric assessment report") && text.contains(DemoCourt.childName))
            #expect(!text.contains("Larch Avenue"), "the demo's redaction is applied")
        }
    }
}
