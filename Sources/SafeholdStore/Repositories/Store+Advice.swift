import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// A partner asks the front door for safeguarding advice without making a referral; a named child
    /// must be one they may find by name. Audited against the child when one is named.
    public func askForAdvice(_ draft: AdviceRequestDraft, context: AuditContext) async throws -> AdviceRequest {
        let actor = try await admitPartnerRequest(context, entity: "advice_request")
        let draft = try draft.validated()
        let id = ids.next()
        try await database.transaction { db in
            if let child = draft.childId {
                try await self.checkFindableChildren([child], field: "childId", actor: actor, on: db)
            }
            let agency = try await self.agencyOf(actor, on: db)
            try await db.raw(
                """
                INSERT INTO advice_requests (id, asked_by, asked_by_name, agency_name, asked_at, question, person_id,
                    child_description, version)
                VALUES (\(bind: id.db), \(bind: actor.userId.db), \(bind: actor.displayName), \(bind: agency.name),
                    \(bind: self.nowText), \(bind: draft.question), \(bind: draft.childId?.db),
                    \(bind: draft.childDescription.nonBlank), 1)
                """
            ).run()
            try await self.audit.append(
                [context.event(.create, "advice_request", entityId: id, personId: draft.childId)], on: db)
        }
        return try await adviceRequest(id, context: context)
    }

    /// The front door records its advice; the professional who asked is notified. Advising twice, or
    /// on a stale version, is a conflict.
    public func giveAdvice(
        _ id: UUID, advice: String, expectedVersion: Int, context: AuditContext
    ) async throws -> AdviceRequest {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        if case .denied(let reason) = policy.mayAnswerPartnerRequests(actor) {
            let child = try await database.withConnection { db in
                try await db.raw("SELECT person_id FROM advice_requests WHERE id = \(bind: id.db)").first()?
                    .optionalUUID("person_id")
            }
            try await audit.recordReads([
                context.event(.denied, "advice_request", entityId: id, personId: child, detail: reason)
            ])
            throw SafeholdError.forbidden(reason)
        }
        try AdviceRequestDraft.validateAdvice(advice)
        var v = Validation()
        v.version("version", expectedVersion)
        try v.check()
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT asked_by, person_id, version, advice FROM advice_requests WHERE id = \(bind: id.db)"
                ).first()
            else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            if try row.optionalString("advice") != nil {
                throw SafeholdError.conflict("Advice has already been given on this question.")
            }
            let updated = try await db.raw(
                """
                UPDATE advice_requests SET advice = \(bind: advice), advised_at = \(bind: self.nowText),
                    advised_by = \(bind: actor.userId.db), advised_by_name = \(bind: actor.displayName),
                    version = version + 1
                WHERE id = \(bind: id.db) AND version = \(bind: expectedVersion) AND advice IS NULL RETURNING id
                """
            ).all()
            guard updated.count == 1 else {
                throw SafeholdError.conflict("Someone else changed this question after you opened it. Reload it.")
            }
            let child = try row.optionalUUID("person_id")
            try await self.audit.append(
                [context.event(.update, "advice_request", entityId: id, personId: child, detail: "advice given")],
                on: db)
            try await self.notify(
                [try row.uuid("asked_by")], .adviceGiven, about: child,
                "The front door has answered your request for safeguarding advice.", on: db)
        }
        return try await adviceRequest(id, context: context)
    }

    /// One request for advice, for the professional who asked or the front door; else the one 404.
    public func adviceRequest(_ id: UUID, context: AuditContext) async throws -> AdviceRequest {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let request = try await database.withConnection { db in try await self.fetchAdvice([id], on: db) }.first
        guard let request, policy.partnerRequestScope(actor).includes(raisedBy: request.askedBy) else {
            try await audit.recordReads([
                context.event(.denied, "advice_request", entityId: id, personId: request?.childId, detail: "refused")
            ])
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        try await audit.recordReads([context.event(.read, "advice_request", entityId: id, personId: request.childId)])
        return request
    }

    /// Requests for advice the actor may read, unanswered first then newest: a partner's own; the
    /// front door's every one (or only those waiting, with `unansweredOnly`).
    public func adviceRequests(
        unansweredOnly: Bool = false, context: AuditContext, limit: Int = 200
    ) async throws -> [AdviceRequest] {
        guard let actor = context.actor else { throw SafeholdError.unauthenticated("Sign in first.") }
        let filter = try partnerScopeSQL(policy.partnerRequestScope(actor), column: "asked_by", entity: "questions")
        let waiting: SQLQueryString = unansweredOnly ? "advice IS NULL" : "1 = 1"
        return try await list(
            "advice_request", detail: "advice requests", context: context, people: { $0.childId.map { [$0] } ?? [] }
        ) { db, _ in
            let ids = try await db.raw(
                """
                SELECT id FROM advice_requests WHERE \(filter) AND \(waiting)
                ORDER BY CASE WHEN advice IS NULL THEN 0 ELSE 1 END, asked_at DESC, id LIMIT \(literal: limit)
                """
            ).all().map { try $0.uuid("id") }
            return try await self.fetchAdvice(ids, on: db)
        }
    }

    func fetchAdvice(_ ids: [UUID], on db: any SQLDatabase) async throws -> [AdviceRequest] {
        guard !ids.isEmpty else { return [] }
        var byId: [UUID: AdviceRequest] = [:]
        for row in try await db.raw(
            """
            SELECT a.*, p.given_name, p.family_name FROM advice_requests a LEFT JOIN persons p ON p.id = a.person_id
            WHERE a.id IN (\(binds: ids.map(\.db)))
            """
        ).all() {
            let id = try row.uuid("id")
            let name = try [row.optionalString("given_name"), row.optionalString("family_name")].compactMap { $0 }
            byId[id] = AdviceRequest(
                id: id, askedAt: try row.timestamp("asked_at"), askedBy: try row.uuid("asked_by"),
                askedByName: try row.string("asked_by_name"), agencyName: try row.string("agency_name"),
                question: try row.string("question"), childId: try row.optionalUUID("person_id"),
                childName: name.isEmpty ? nil : name.joined(separator: " "),
                childDescription: try row.optionalString("child_description"), advice: try row.optionalString("advice"),
                advisedAt: try row.optionalTimestamp("advised_at"),
                advisedByName: try row.optionalString("advised_by_name"), version: try row.int("version"))
        }
        return ids.compactMap { byId[$0] }
    }
}
