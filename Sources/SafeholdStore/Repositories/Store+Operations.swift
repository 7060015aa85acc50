import Foundation
import SQLKit
import SafeholdCore

/// An operation with its investigations and evidence, for its team.
public struct OperationFile: Sendable {
    public let operation: PoliceOperation
    public let investigations: [InvestigationLine]
    public let evidence: [EvidenceItem]
    /// Every child on the operation's investigations, with the roles they hold across them.
    public let victims: [InvestigationPersonView]
}

extension Store {
    /// Opens an operation held by the acting officer's team; its name is unique within the force.
    public func createOperation(name: String, summary: String, context: AuditContext) async throws -> PoliceOperation {
        let actor = try policeActor(context)
        try PoliceOperation.validate(name: name, summary: summary)
        guard let team = actor.teamId else { throw SafeholdError.forbidden(Self.policeOnly) }
        let operation = PoliceOperation(
            id: ids.next(), agencyId: actor.agencyId, teamId: team,
            name: name.trimmingCharacters(in: .whitespaces), summary: summary, version: 1)
        return try await database.transaction { db in
            let taken = try await db.raw(
                """
                SELECT 1 AS x FROM operations WHERE agency_id = \(bind: actor.agencyId.db)
                AND LOWER(name) = LOWER(\(bind: operation.name))
                """
            ).first()
            if taken != nil {
                throw SafeholdError.invalid([FieldError("name", "is already the name of an operation in your force")])
            }
            try await db.raw(
                """
                INSERT INTO operations (id, agency_id, team_id, name, summary, version, created_at, created_by)
                VALUES (\(bind: operation.id.db), \(bind: actor.agencyId.db), \(bind: team.db), \(bind: operation.name),
                    \(bind: summary), 1, \(bind: self.nowText), \(bind: actor.userId.db))
                """
            ).run()
            try await self.audit.append(
                [context.event(.create, "operation", entityId: operation.id, detail: operation.name)], on: db)
            return operation
        }
    }

    /// Records a device or image set seized in an operation, by identifier, hash and counts only.
    public func addEvidence(_ item: EvidenceItem, operation: UUID, context: AuditContext) async throws {
        let item = try item.validated()
        try await act(on: .operation(operation), .edit, "operation", context: context) { db, access in
            let clash = try await db.raw(
                """
                SELECT 1 AS x FROM evidence_items WHERE operation_id = \(bind: operation.db)
                AND identifier = \(bind: item.identifier)
                """
            ).first()
            if clash != nil {
                throw SafeholdError.invalid([FieldError("identifier", "is already recorded on this operation")])
            }
            try await db.raw(
                """
                INSERT INTO evidence_items (id, operation_id, kind, identifier, hash, category_a, category_b,
                    category_c,
                    recorded_at, recorded_by)
                VALUES (\(bind: self.ids.next().db), \(bind: operation.db), \(bind: item.kind.rawValue),
                    \(bind: item.identifier), \(bind: item.hash), \(bind: item.categoryA), \(bind: item.categoryB),
                    \(bind: item.categoryC), \(bind: self.nowText), \(bind: access.actor.userId.db))
                """
            ).run()
            access.audit(.update, "operation", detail: "evidence \(item.kind.rawValue) \(item.identifier)")
        }
    }

    /// An identified victim of an operation: a child found by search (or created first), added to one
    /// of the operation's investigations. When `raiseContact` and no episode or contact is open, a
    /// contact goes to children's services with the police as source.
    public func identifyVictim(
        _ child: UUID, role: InvestigationRole, investigation: UUID, operation: UUID, raiseContact: Bool,
        concern: String, context: AuditContext
    ) async throws -> UUID? {
        var v = Validation()
        if !role.isChild { v.add("role", "an identified child is a victim or a witness") }
        v.text("concern", concern, required: raiseContact, max: 10_000, multiline: true)
        try v.check()
        return try await act(on: .investigation(investigation), .edit, "investigation", context: context) {
            db, access in
            let current = try await self.loadInvestigation(investigation, on: db)
            guard current.operationId == operation else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            try await self.requireFindable([child], field: "childId", actor: access.actor, on: db)
            try await self.requireChild(child, on: db)
            if current.suspectIds.contains(child) {
                throw SafeholdError.invalid([
                    FieldError("childId", "is a suspect on this investigation: a suspect cannot also be its victim")
                ])
            }
            if current.people.contains(where: { $0.personId == child }) {
                throw SafeholdError.conflict("This child is already on the investigation.")
            }
            try await self.insertPeople(
                [InvestigationPerson(personId: child, role: role)], investigation: investigation, on: db)
            try await db.raw("UPDATE investigations SET version = version + 1 WHERE id = \(bind: investigation.db)")
                .run()
            access.audit(
                context.event(
                    .update, "investigation", entityId: investigation, personId: child, detail: "victim identified"))
            guard raiseContact else { return nil }
            return try await self.raiseContactIfNoneOpen(
                child: child, receivedAt: self.clock.now(), source: .police, concern: concern, actor: access.actor,
                context: context, on: db)
        }
    }

    /// An operation for its team: investigations, evidence references and the children identified.
    public func operationFile(_ id: UUID, context: AuditContext) async throws -> OperationFile {
        try await act(on: .operation(id), .view, "operation", context: context) { db, access in
            guard access.policeView == .full else {
                throw SafeholdError.forbidden("Only the police team that holds an operation sees it.")
            }
            guard let row = try await db.raw("SELECT * FROM operations WHERE id = \(bind: id.db)").first() else {
                throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
            }
            let operation = PoliceOperation(
                id: try row.uuid("id"), agencyId: try row.uuid("agency_id"), teamId: try row.uuid("team_id"),
                name: try row.string("name"), summary: try row.string("summary"), version: try row.int("version"))
            let ids = try await db.raw(
                "SELECT id FROM investigations WHERE operation_id = \(bind: id.db) ORDER BY opened_at"
            ).all().map { try $0.uuid("id") }
            let lines = try await self.investigationLines(ids, view: { _ in .full }, on: db)
            let evidence = try await db.raw(
                "SELECT * FROM evidence_items WHERE operation_id = \(bind: id.db) ORDER BY recorded_at, identifier"
            ).all().map {
                EvidenceItem(
                    kind: try $0.code("kind"), identifier: try $0.string("identifier"), hash: try $0.string("hash"),
                    categoryA: try $0.int("category_a"), categoryB: try $0.int("category_b"),
                    categoryC: try $0.int("category_c"))
            }
            var victims: [InvestigationPersonView] = []
            for child in access.children {
                let roles = try await db.raw(
                    """
                    SELECT DISTINCT ip.role FROM investigation_people ip
                    JOIN investigations i ON i.id = ip.investigation_id
                    WHERE i.operation_id = \(bind: id.db) AND ip.person_id = \(bind: child.db) ORDER BY ip.role
                    """
                ).all().map { try $0.code("role", as: InvestigationRole.self) }
                let role: InvestigationRole = Set(roles).count > 1 ? .victimAndWitness : roles.first ?? .victim
                victims.append(
                    InvestigationPersonView(
                        person: InvestigationPerson(personId: child, role: role),
                        summary: try await self.personSummary(child, on: db)))
            }
            return OperationFile(operation: operation, investigations: lines, evidence: evidence, victims: victims)
        }
    }
}
