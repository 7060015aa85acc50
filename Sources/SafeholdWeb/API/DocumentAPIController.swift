import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for documents: the list and the upload (multipart/form-data, the file in the part `file`)
/// on a child, an episode or an investigation, one document's metadata and its content. The same store
/// calls, checks, policy and audit as the pages.
struct DocumentAPIController {
    let store: Store

    struct DocumentsDTO: Encodable { let documents: [Document] }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        let owners: [(Route1, @Sendable (UUID) -> DocumentOwner)] = [
            (SiteRoute.API.personDocuments, DocumentOwner.person),
            (SiteRoute.API.episodeDocuments, DocumentOwner.episode),
            (SiteRoute.API.investigationDocuments, DocumentOwner.investigation),
        ]
        for (route, owner) in owners {
            group.get(route) { _, context, id in
                let documents = try await self.store.documents(on: owner(id), context: try context.audit())
                return try APIResponse.json(DocumentsDTO(documents: documents))
            }
            group.post(route) { request, context, id in
                let form = try await MultipartForm.read(
                    request, context: context, maxFileBytes: self.store.documentMaxBytes, checkCSRF: false)
                let document = try await self.store.addDocument(
                    to: owner(id), DocumentUpload.draft(form), bytes: form.file ?? [], context: try context.audit())
                return try APIResponse.json(document, status: .created)
            }
        }
        group.get(SiteRoute.API.document) { _, context, id in
            try APIResponse.json(try await self.store.document(id, context: try context.audit()))
        }
        group.get(SiteRoute.API.documentContent) { _, context, id in
            DocumentUpload.download(
                try await self.store.documentContent(id, context: try context.audit()), inline: false)
        }
    }
}
