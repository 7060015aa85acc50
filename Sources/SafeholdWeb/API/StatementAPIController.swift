import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for statements for court and court bundles: the same store calls, validation, policy and audit as
/// the pages. The PDFs are registered by `BundleController`.
struct StatementAPIController {
    let store: Store

    /// A new statement: its title and, optionally, proceedings, sections and statement of truth.
    struct StartBody: Decodable {
        let title: String
        let proceedings: String?
        let sections: [String: String]?
        let truth: StatementOfTruth?
    }
    /// A new version: everything the statement holds, and the version it replaces.
    struct SaveBody: Decodable {
        let version: Int
        let title: String
        let proceedings: String?
        let sections: [String: String]?
        let chronology: [StatementChronologyLine]?
        let truth: StatementOfTruth?
    }
    struct InsertBody: Decodable { let version: Int; let entryIds: [UUID] }
    struct SignOffBody: Decodable { let version: Int }
    struct BundleBody: Decodable {
        let title: String
        let statementIds: [UUID]?, recordIds: [UUID]?, documentIds: [UUID]?
        let includeChronology: Bool?
        let redactedPhrases: [String]?, redactedEntryIds: [UUID]?, includeWithheld: [UUID]?

        var draft: BundleDraft {
            BundleDraft(
                title: title, statementIds: statementIds ?? [], recordIds: recordIds ?? [],
                documentIds: documentIds ?? [], includeChronology: includeChronology ?? true,
                redactedPhrases: redactedPhrases ?? [], redactedEntryIds: redactedEntryIds ?? [],
                includeWithheld: includeWithheld ?? [])
        }
    }
    struct RecordDTO: Encodable { let id: UUID; let title: String; let date: LocalDate }
    struct BundlesDTO: Encodable { let bundles: [CourtBundle]; let records: [RecordDTO] }

    static func draft(
        title: String, proceedings: String?, sections: [String: String]?, chronology: [StatementChronologyLine]?,
        truth: StatementOfTruth?
    ) -> StatementDraft {
        var draft = StatementDraft(
            title: title, proceedings: proceedings, chronology: chronology ?? [],
            truth: truth ?? StatementOfTruth(confirmed: false, name: nil, signedOn: nil))
        draft.sections = sections ?? [:]
        return draft
    }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.statements) { _, context, id in
            try APIResponse.json(try await self.store.statements(of: id, context: try context.audit()))
        }
        group.post(SiteRoute.API.statements) { request, context, id in
            let body = try await StrictJSON.decode(StartBody.self, from: request, limit: BodyLimit.statement)
            let draft = Self.draft(
                title: body.title, proceedings: body.proceedings, sections: body.sections, chronology: nil,
                truth: body.truth)
            return try APIResponse.json(
                try await self.store.startStatement(for: id, draft, context: try context.audit()), status: .created)
        }
        group.get(SiteRoute.API.statement) { _, context, id, statement in
            try APIResponse.json(try await self.store.statement(statement, of: id, context: try context.audit()))
        }
        group.post(SiteRoute.API.statementVersions) { request, context, id, statement in
            let body = try await StrictJSON.decode(SaveBody.self, from: request, limit: BodyLimit.statement)
            let draft = Self.draft(
                title: body.title, proceedings: body.proceedings, sections: body.sections, chronology: body.chronology,
                truth: body.truth)
            let file = try await self.store.saveStatement(
                statement, of: id, draft, expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(file, status: .created)
        }
        group.post(SiteRoute.API.statementChronology) { request, context, id, statement in
            let body = try await StrictJSON.decode(InsertBody.self, from: request)
            let file = try await self.store.insertChronology(
                into: statement, of: id, entryIds: body.entryIds, expectedVersion: body.version,
                context: try context.audit())
            return try APIResponse.json(file, status: .created)
        }
        group.post(SiteRoute.API.statementSignOff) { request, context, id, statement in
            let body = try await StrictJSON.decode(SignOffBody.self, from: request)
            return try APIResponse.json(
                try await self.store.signOffStatement(
                    statement, of: id, version: body.version, context: try context.audit()))
        }
        group.get(SiteRoute.API.bundles) { _, context, id in
            let overview = try await self.store.bundles(of: id, context: try context.audit())
            return try APIResponse.json(
                BundlesDTO(
                    bundles: overview.bundles,
                    records: overview.records.map { RecordDTO(id: $0.id, title: $0.title, date: $0.date) }))
        }
        group.post(SiteRoute.API.bundles) { request, context, id in
            let body = try await StrictJSON.decode(BundleBody.self, from: request)
            return try APIResponse.json(
                try await self.store.requestBundle(for: id, body.draft, context: try context.audit()), status: .created)
        }
    }
}
