import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The statements named, each this child's and readable by `actor` (else 404/403 naming it), with the
    /// version the bundle shows: the latest signed off, else the latest (shown as a draft).
    func bundleStatements(
        _ ids: [UUID], of childId: UUID, actor: Actor, on db: any SQLDatabase
    ) async throws -> [(statement: CourtStatement, version: StatementVersion)] {
        var out: [(statement: CourtStatement, version: StatementVersion)] = []
        for (index, id) in ids.enumerated() {
            let statement: CourtStatement
            do {
                statement = try await readableStatement(id, of: childId, actor: actor, on: db)
            } catch SafeholdError.notFound {
                throw SafeholdError.notFound(
                    "Statement \(index + 1) of the bundle is not a statement on this child's record that you may see.")
            }
            let versions = try await statementVersions(id, on: db)
            guard let shown = versions.first(where: { $0.number == statement.signedVersion }) ?? versions.first else {
                throw StoreError.corrupt("statement \(id) has no version")
            }
            out.append((statement, shown))
        }
        return out
    }

    /// The recorded steps named, each on this child's record (else 404 naming it) and, unless `anyKind`, of a kind
    /// a bundle's section D holds (else 422).
    func bundleRecords(
        _ ids: [UUID], of childId: UUID, on db: any SQLDatabase, anyKind: Bool = false
    ) async throws -> [PrintableRecord] {
        let decoder = JSONDecoder()
        var out: [PrintableRecord] = []
        for (index, id) in ids.enumerated() {
            guard
                let r = try await db.raw(
                    """
                    SELECT * FROM episode_steps WHERE id = \(bind: id.db) AND person_id = \(bind: childId.db)
                    """
                ).first()
            else {
                throw SafeholdError.notFound(
                    anyKind
                        ? AccessPolicy.noVisibleRecord
                        : "Record \(index + 1) of the bundle is not a record on this child's file that you may see.")
            }
            let recorded = RecordedStep(
                id: id, episodeId: try r.uuid("episode_id"),
                step: try r.step(decoder: decoder),
                recordedAt: try r.timestamp("recorded_at"), recordedBy: try r.string("recorded_by_name"),
                authorisedBy: try r.optionalString("authorised_by_name"),
                authorisedAt: try r.optionalTimestamp("authorised_at"),
                managerComment: try r.optionalString("manager_comment"))
            if !anyKind && !PrintableRecord.bundleKinds.contains(recorded.step.kind) {
                throw SafeholdError.invalid([
                    FieldError(
                        "recordIds[\(index)]",
                        "\(recorded.step.title) is not an assessment, conference, plan or meeting record for a bundle")
                ])
            }
            out.append(PrintableRecord(recorded))
        }
        return out.sorted { $0.date < $1.date }
    }

    static func bundleRow(_ row: any SQLRow) throws -> CourtBundle {
        CourtBundle(
            id: try row.uuid("id"), personId: try row.uuid("person_id"),
            request: try row.json("request", as: BundleDraft.self),
            requestedByName: try row.string("requested_by_name"),
            createdAt: try row.timestamp("created_at"))
    }
}
