import Foundation
import HTTPTypes
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Documents in the pages: the list and upload form on a child's record, an episode or an
/// investigation, one document's metadata, and the download. The record's rules decide, in the store.
struct DocumentController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        let owners: [(Route1, @Sendable (UUID) -> DocumentOwner)] = [
            (SiteRoute.personDocuments, DocumentOwner.person), (SiteRoute.episodeDocuments, DocumentOwner.episode),
            (SiteRoute.investigationDocuments, DocumentOwner.investigation),
        ]
        for (route, owner) in owners {
            group.get(route) { _, context, id in try await self.list(owner(id), route: route, context) }
            group.post(route) { request, context, id in
                let form = try await MultipartForm.read(
                    request, context: context, maxFileBytes: self.store.documentMaxBytes, checkCSRF: true)
                let document = try await self.store.addDocument(
                    to: owner(id), DocumentUpload.draft(form), bytes: form.file ?? [], context: try context.audit())
                return Response.redirect(to: SiteRoute.document(document.id).path, type: .normal)
            }
        }
        group.get(SiteRoute.document) { _, context, id in
            let identity = try context.requireIdentity()
            let document = try await self.store.document(id, context: try context.audit())
            return self.renderer.page(
                DocumentPage(
                    document, chrome: Chrome(title: document.title, identity: identity), ruleset: self.store.ruleset))
        }
        group.get(SiteRoute.documentDownload) { request, context, id in
            let content = try await self.store.documentContent(id, context: try context.audit())
            return DocumentUpload.download(content, inline: request.uri.queryParameters.get("inline") == "1")
        }
    }

    func list(_ owner: DocumentOwner, route: Route1, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let documents = try await store.documents(on: owner, context: try context.audit())
        let heading: String, back: (String, String)
        switch owner {
        case .person(let id):
            (heading, back) = ("Documents on the child's record", (SiteRoute.person(id).path, "the child's record"))
        case .episode(let id):
            // An episode is shown on its child's page.
            let child = try await store.childOfEpisode(id, context: try context.audit())
            (heading, back) = (
                "Documents on the episode", (SiteRoute.person(child).path + "#episodes", "the child's episodes")
            )
        case .investigation(let id):
            (heading, back) = (
                "Documents on the investigation", (SiteRoute.investigation(id).path, "the investigation")
            )
        }
        return renderer.page(
            DocumentsPage(
                documents, heading: heading, back: back, uploadAction: route(owner.id).path,
                maxBytes: store.documentMaxBytes, chrome: Chrome(title: heading, identity: identity),
                ruleset: store.ruleset))
    }
}

/// What the pages and the API share: the upload's fields into a draft, and the download's response.
enum DocumentUpload {
    static func draft(_ form: MultipartForm) throws(SafeholdError) -> DocumentDraft {
        guard form.file != nil else { throw .invalid([FieldError("file", "choose a file to upload")]) }
        return DocumentDraft(
            title: form["title"] ?? "", kind: form["kind"] ?? "", fileName: form.fileName ?? "",
            description: form["description"], thirdParty: form.flag("thirdParty"),
            notForFamily: form.flag("notForFamily"))
    }

    /// The file as an attachment (an image may be asked for inline, and is then served only as that image):
    /// the type detected at upload, `nosniff`, no caching, and a sandbox so nothing in it runs.
    static func download(_ content: DocumentContent, inline: Bool) -> Response {
        let document = content.document
        var headers = HTTPFields()
        headers[.contentType] = document.type.mediaType
        headers[.contentDisposition] = DownloadName.contentDisposition(
            document.fileName, inline: inline && document.type.isImage)
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: content.bytes)))
    }
}
