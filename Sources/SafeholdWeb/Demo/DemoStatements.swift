import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's statements for court and a court bundle, on the child in care proceedings (`DemoCourt`): the
/// allocated social worker's statement (chronology inserted and reworded, statement of truth confirmed) signed
/// off by the team manager, an addendum still in draft, and the team manager's bundle request with both
/// statements, the chronology, the documents (the paediatric report, not to be disclosed to the family,
/// included by the manager) and a redaction, ready to download.
enum DemoStatements {
    static func load(
        into store: Store, child: UUID, documents: [UUID], worker: User, manager: User
    ) async throws {
        let author = AuditContext(actor: worker.actor, ipAddress: nil, reason: "demo")
        let signer = AuditContext(actor: manager.actor, ipAddress: nil, reason: "demo")
        let inCourt = try await store.courtRecord(of: child, context: author).proceedings.first
        let reference = inCourt.map { "\($0.court), case \($0.caseNumber)" }
        var draft = StatementDraft(
            title: "Statement of the allocated social worker", proceedings: reference, sections: sections,
            truth: StatementOfTruth(confirmed: true, name: worker.displayName, signedOn: store.today))
        var file = try await store.startStatement(for: child, draft, context: author)
        let entries = try await store.chronology(of: child, context: author).prefix(6).map(\.id)
        if !entries.isEmpty {
            file = try await store.insertChronology(
                into: file.statement.id, of: child, entryIds: entries, expectedVersion: 1, context: author)
            draft = file.current?.content ?? draft
            if let first = draft.chronology.first {
                draft.chronology[0] = StatementChronologyLine(
                    sourceId: first.sourceId, date: first.date,
                    text: "As recorded on Maisie's file: \(first.text)")
            }
            file = try await store.saveStatement(
                file.statement.id, of: child, draft, expectedVersion: file.statement.version, context: author)
        }
        file = try await store.signOffStatement(
            file.statement.id, of: child, version: file.statement.version, context: signer)
        let addendum = try await store.startStatement(
            for: child,
            StatementDraft(
                title: "Addendum statement", proceedings: reference,
                sections: [
                    .analysis:
                        "Since the case management hearing Maisie has settled with her foster carers and sees her "
                        + "mother three times a week, supervised."
                ]),
            context: author)
        let records = try await store.bundles(of: child, context: signer).records.map(\.id)
        let withheld = try await store.documents(on: .person(child), context: signer)
            .filter { $0.notForFamily && documents.contains($0.id) }.map(\.id)
        _ = try await store.requestBundle(
            for: child,
            BundleDraft(
                title: "Care proceedings bundle \(inCourt?.caseNumber ?? "")".trimmingCharacters(in: .whitespaces),
                statementIds: [file.statement.id, addendum.statement.id], recordIds: records,
                documentIds: documents, redactedPhrases: ["Larch Avenue"], includeWithheld: withheld),
            context: signer)
    }

    /// The social worker's statement, section by section (synthetic).
    static let sections: [StatementSection: String] = [
        .introduction:
            "I am a registered social worker (Social Work England) employed by Northfield Children's Services "
            + "since 2019, and Maisie's allocated social worker.",
        .background:
            "Maisie lived with her mother at 3 Larch Avenue. Her school wrote about her attendance this term. "
            + "She was taken into police protection one evening when she was found alone at night with a bruise "
            + "her mother could not explain.",
        .needsAndWishes: "Maisie says she likes her foster carers' dog and wants to see her mother more often.",
        .analysis:
            "The injuries seen on the body map and the paediatric report, with the mother's drinking, mean Maisie "
            + "would be at risk of significant harm at home today.",
        .plan: "The local authority asks the court to continue the interim care order while the parenting "
            + "assessment is completed.",
    ]
}
