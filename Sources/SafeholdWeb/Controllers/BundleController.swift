import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The court bundle page and the PDFs (a bundle, the chronology, one record), for the pages and for `/api/v1`:
/// the same store calls and the same refusals; a PDF is produced on each download and each is audited.
struct BundleController {
    let store: Store
    let renderer: PageRenderer
    let tools: PDFTools

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.bundles) { _, context, id in try await self.page(context, id) }
        group.post(SiteRoute.bundles) { request, context, id in
            let form = try await FormData.read(request, context: context)
            _ = try await self.store.requestBundle(for: id, CourtForms.bundle(form), context: try context.audit())
            return Response.redirect(to: SiteRoute.bundles(id).path, type: .normal)
        }
        registerPDFs(
            on: group, bundle: SiteRoute.bundlePDF, chronology: SiteRoute.chronologyPDF, record: SiteRoute.recordPDF)
    }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        registerPDFs(
            on: group, bundle: SiteRoute.API.bundlePDF, chronology: SiteRoute.API.chronologyPDF,
            record: SiteRoute.API.recordPDF)
    }

    private func registerPDFs(
        on group: RouterGroup<SafeholdContext>, bundle: Route2, chronology: Route1, record: Route2
    ) {
        group.get(bundle) { _, context, id, bundle in
            let content = try await self.store.bundleContent(bundle, of: id, context: try context.audit())
            let made = try await BundleMaker(tools: self.tools).make(content)
            return Self.pdf(made.pdf, name: "bundle-\(content.preparedOn)")
        }
        group.get(chronology) { _, context, id in
            let (name, entries) = try await self.store.chronologyForPrint(of: id, context: try context.audit())
            let pdf = try await SinglePrints(tools: self.tools).chronology(
                entries, childName: name, preparedOn: self.store.today)
            return Self.pdf(pdf, name: "chronology-\(self.store.today)")
        }
        group.get(record) { _, context, id, step in
            let (name, record) = try await self.store.printableRecord(step, of: id, context: try context.audit())
            let pdf = try await SinglePrints(tools: self.tools).record(
                record, childName: name, preparedOn: self.store.today)
            return Self.pdf(pdf, name: "record-\(record.date)")
        }
    }

    func page(_ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        let overview = try await store.bundles(of: id, context: try context.audit())
        let statements = try await store.statements(of: id, context: try context.audit()).statements
        let chronology = try await store.chronology(of: id, context: try context.audit())
        let documents = try await store.documents(on: .person(id), context: try context.audit())
        let name = overview.childName
        return renderer.page(
            BundlePage(
                personId: id, name: name, statements: statements,
                records: overview.records.map { ($0.id, "\($0.title), \($0.date.display)") }, chronology: chronology,
                documents: documents, includesWithheld: StatementAccess.mayIncludeWithheld(identity.actor),
                bundles: overview.bundles, chrome: Chrome(title: "Court bundle: \(name)", identity: identity),
                ruleset: store.ruleset))
    }

    /// A PDF as an attachment, never cached.
    static func pdf(_ data: Data, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = "attachment; filename=\"\(name).pdf\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
