import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The documents named for section E, each on this child's record (on the child or one of the child's
    /// episodes; else 404 naming it), with whether it is marked not to be disclosed to the family. The caller has
    /// decided the child's record; the content is read afterwards through `documentContent` (its own audited
    /// download, decided by the document's rules).
    func bundleDocuments(
        _ ids: [UUID], of childId: UUID, on db: any SQLDatabase
    ) async throws -> [(id: UUID, withheld: Bool)] {
        var out: [(id: UUID, withheld: Bool)] = []
        for (index, id) in ids.enumerated() {
            guard
                let row = try await db.raw(
                    """
                    SELECT not_for_family FROM documents WHERE id = \(bind: id.db) AND person_id = \(bind: childId.db)
                    """
                ).first()
            else {
                throw SafeholdError.notFound(
                    "Document \(index + 1) of the bundle is not a document on this child's record that you may see.")
            }
            out.append((id, try row.flag("not_for_family")))
        }
        return out
    }

    /// The content of the documents a bundle shows, each read by `documentContent` (an audited download that the
    /// document's own rules decide); a document that can no longer be read stops the bundle.
    func bundleDocumentContents(_ ids: [UUID], context: AuditContext) async throws -> [BundleDocument] {
        var out: [BundleDocument] = []
        for id in ids {
            let content = try await documentContent(id, context: context)
            out.append(
                BundleDocument(
                    id: id, title: content.document.title, mediaType: content.document.type.mediaType,
                    data: Data(content.bytes), date: ruleset.date(of: content.document.uploadedAt)))
        }
        return out
    }

    /// Section A: the child's care proceedings (case summary, timetable, hearings, parties), applications and
    /// orders, and pre-proceedings, read from the court record. The caller has decided the child's record for
    /// children's social care (who read the proceedings) and audits the production.
    func bundleProceedings(of childId: UUID, on db: any SQLDatabase) async throws -> [BundleProceedingsItem] {
        BundleProceedingsItem.sectionA(
            orders: try await courtOrders(where: "o.person_id = \(bind: childId.db)", on: db),
            preProceedings: try await preProceedings(where: "person_id = \(bind: childId.db)", on: db),
            proceedings: try await careProceedings(where: "c.person_id = \(bind: childId.db)", on: db),
            rules: ruleset.court, today: today)
    }
}
