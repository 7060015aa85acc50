import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's statements for court and a court bundle: on a north team child with a plan, the allocated
/// social worker's statement (chronology inserted and reworded, statement of truth confirmed) signed off by the
/// team manager, an addendum still in draft, and a bundle request with a redaction, ready to download.
enum DemoStatements {
    static func load(
        into store: Store, children: [(child: UUID, worker: String)], staged: Set<UUID>, users: [String: User]
    ) async throws {
        guard
            let entry = children.first(where: { staged.contains($0.child) && $0.worker.hasPrefix("sw.north") }),
            let worker = users[entry.worker], let manager = users["tm.north"]
        else { return }
        let author = AuditContext(actor: worker.actor, ipAddress: nil, reason: "demo")
        let child = entry.child
        let sections: [StatementSection: String] = [
            .introduction:
                "I am a registered social worker (Social Work England) employed by Northfield Children's Services "
                + "since 2019, and the child's allocated social worker.",
            .background:
                "The family has been known to children's services since a contact from the school about the "
                + "child's attendance and presentation. The mother lives at 14 Harrow Close with the child.",
            .needsAndWishes: "The child says they feel safe at school and worried at home when there is shouting.",
            .analysis:
                "Neglect of the child's basic care has continued despite the child protection plan; the mother has "
                + "engaged with some services but not consistently.",
            .plan: "The local authority asks the court for an interim care order with the child placed with family.",
        ]
        var draft = StatementDraft(
            title: "Statement of the allocated social worker", proceedings: "ZW26C00481", sections: sections,
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
                    text: "The school contacted children's services: "
                        + "the child had missed 11 days of school and arrived hungry.")
            }
            file = try await store.saveStatement(
                file.statement.id, of: child, draft, expectedVersion: file.statement.version, context: author)
        }
        file = try await store.signOffStatement(
            file.statement.id, of: child, version: file.statement.version,
            context: AuditContext(actor: manager.actor, ipAddress: nil, reason: "demo"))
        let addendum = try await store.startStatement(
            for: child,
            StatementDraft(
                title: "Addendum statement", proceedings: "ZW26C00481",
                sections: [.analysis: "Since the first hearing the child has settled with the maternal aunt."]),
            context: author)
        let records = try await store.bundles(of: child, context: author).records.map(\.id)
        _ = try await store.requestBundle(
            for: child,
            BundleDraft(
                title: "Care proceedings bundle ZW26C00481", statementIds: [file.statement.id, addendum.statement.id],
                recordIds: records, redactedPhrases: ["14 Harrow Close"]), context: author)
    }
}
