import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for caseloads, allocation, access grants and team membership: the same store calls,
/// rules and audit as the pages.
struct CaseloadAPIController {
    let store: Store

    struct AllocationBody: Decodable { let workerId: String?, teamId: String?, reason: String?, version: String? }
    struct GrantBody: Decodable { let userId: String?, canEdit: Bool?, reason: String?, expiresOn: String? }
    struct MembershipBody: Decodable { let userId: String?, teamId: String? }

    struct ChildDTO: Encodable {
        let personId: UUID, name: String?, localId: String, stage: String, allocationId: UUID, since: String
        init(_ c: CaseloadChild) {
            (personId, name, localId, stage) = (c.personId, c.name, c.localId, c.stage.rawValue)
            (allocationId, since) = (c.allocationId, Timestamp.string(c.since))
        }
    }
    struct WorkerDTO: Encodable {
        let workerId: UUID, name: String, role: String, agency: String, children: Int, weighted: Double
        let capacity: Double, overCapacity: Bool, caseload: [ChildDTO]?
    }
    struct TeamDTO: Encodable {
        let teamId: UUID, name: String, agency: String, children: Int, weighted: Double, unallocated: Int
        let contactsAwaiting: Int, workers: [WorkerDTO], unallocatedChildren: [ChildDTO]?
    }
    struct EntryDTO: Encodable {
        let id: UUID, teamId: UUID?, team: String?, workerId: UUID?, worker: String?, startedAt: String
        let endedAt: String?, reason: String?, allocatedBy: String?, endedBy: String?, endReason: String?
        init(_ e: AllocationEntry) {
            (id, teamId, team, workerId, worker) = (e.id, e.teamId, e.teamName, e.workerId, e.workerName)
            (startedAt, endedAt) = (Timestamp.string(e.startedAt), e.endedAt.map(Timestamp.string))
            (reason, allocatedBy, endedBy, endReason) = (e.reason, e.allocatedByName, e.endedByName, e.endReason)
        }
    }
    struct GrantDTO: Encodable {
        let id: UUID, personId: UUID, userId: UUID, user: String, canEdit: Bool, reason: String, status: String
        let requestedBy: String?, grantedBy: String?, grantedAt: String, expiresAt: String?, revokedAt: String?
        init(_ g: AccessGrant) {
            (id, personId, userId, user, canEdit, reason) = (
                g.id, g.personId, g.userId, g.userName, g.canEdit, g.reason
            )
            (status, requestedBy, grantedBy) = (g.status.rawValue, g.requestedByName, g.grantedByName)
            (grantedAt, expiresAt) = (Timestamp.string(g.grantedAt), g.expiresAt.map(Timestamp.string))
            revokedAt = g.revokedAt.map(Timestamp.string)
        }
    }
    struct MemberDTO: Encodable {
        let userId: UUID, name: String, role: String, agency: String, embedded: Bool, active: Bool
        init(_ m: TeamMember) {
            (userId, name, role, agency, embedded, active) =
                (m.userId, m.displayName, m.role.rawValue, m.agencyName, m.embedded, m.active)
        }
    }

    /// A UUID given as text, or a 422 naming the field.
    static func uuid(_ text: String?, _ field: String, _ v: inout Validation) -> UUID? {
        guard let text, !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            v.add(field, "must be an id (a UUID)")
            return nil
        }
        return id
    }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.caseloads) { request, context in
            let identity = try context.requireIdentity()
            var v = Validation()
            let team = Self.uuid(request.uri.queryParameters.get("team"), "team", &v) ?? identity.user.teamId
            try v.check()
            guard let team else { throw SafeholdError.invalid([FieldError("team", "is required")]) }
            return try APIResponse.json(try await self.caseload(team, identity: identity, context: context))
        }
        group.get(SiteRoute.API.teamMembers) { request, context in
            let identity = try context.requireIdentity()
            var v = Validation()
            let team = Self.uuid(request.uri.queryParameters.get("team"), "team", &v) ?? identity.user.teamId
            try v.check()
            guard let team else { throw SafeholdError.invalid([FieldError("team", "is required")]) }
            let members = try await self.store.teamMembers(team, context: try context.audit())
            return try APIResponse.json(["members": members.map(MemberDTO.init)])
        }
        group.post(SiteRoute.API.teamMemberships) { request, context in
            let body = try await StrictJSON.decode(MembershipBody.self, from: request)
            var v = Validation()
            let user = Self.uuid(body.userId, "userId", &v)
            let team = Self.uuid(body.teamId, "teamId", &v)
            if user == nil && body.userId?.isEmpty != false { v.add("userId", "is required") }
            try v.check()
            try await self.store.setTeam(user!, team: team, context: try context.audit())
            return Response(status: .noContent)
        }
        group.get(SiteRoute.API.allocations) { _, context, id in
            let history = try await self.store.allocationHistory(of: id, context: try context.audit())
            return try APIResponse.json(["allocations": history.map(EntryDTO.init)])
        }
        group.post(SiteRoute.API.allocations) { request, context, id in
            let body = try await StrictJSON.decode(AllocationBody.self, from: request)
            var v = Validation()
            let draft = AllocationDraft(
                workerId: Self.uuid(body.workerId, "workerId", &v), teamId: Self.uuid(body.teamId, "teamId", &v),
                reason: body.reason ?? "", expected: Self.uuid(body.version, "version", &v))
            let entry = try await self.store.allocate(id, draft, fieldErrors: v.errors, context: try context.audit())
            return try APIResponse.json(EntryDTO(entry), status: .created)
        }
        group.get(SiteRoute.API.grants) { _, context, id in
            let grants = try await self.store.grants(of: id, context: try context.audit())
            return try APIResponse.json(["grants": grants.map(GrantDTO.init)])
        }
        group.post(SiteRoute.API.grants) { request, context, id in
            let body = try await StrictJSON.decode(GrantBody.self, from: request)
            var v = Validation()
            let draft = AccessGrantDraft(
                userId: Self.uuid(body.userId, "userId", &v), canEdit: body.canEdit ?? false,
                reason: body.reason ?? "", expiresOn: body.expiresOn ?? "")
            let grant = try await self.store.requestGrant(
                id, draft, fieldErrors: v.errors, context: try context.audit())
            return try APIResponse.json(GrantDTO(grant), status: .created)
        }
        group.get(SiteRoute.API.grantRequests) { _, context in
            let pending = try await self.store.pendingGrants(context: try context.audit())
            return try APIResponse.json(["grants": pending.map(GrantDTO.init)])
        }
        group.post(SiteRoute.API.approveGrant) { _, context, id in
            try await self.store.decideGrant(id, approve: true, context: try context.audit())
            return Response(status: .noContent)
        }
        group.post(SiteRoute.API.declineGrant) { _, context, id in
            try await self.store.decideGrant(id, approve: false, context: try context.audit())
            return Response(status: .noContent)
        }
        group.post(SiteRoute.API.revokeGrant) { _, context, id in
            try await self.store.revokeGrant(id, context: try context.audit())
            return Response(status: .noContent)
        }
    }

    /// The team's caseloads: child by child for its managers, figures for an administrator.
    func caseload(_ team: UUID, identity: Identity, context: SafeholdContext) async throws -> TeamDTO {
        if identity.user.role == .administrator {
            guard let t = try await store.caseloads(team: team, context: try context.audit()) else {
                throw SafeholdError.notFound("There is no such team.")
            }
            return TeamDTO(
                teamId: t.teamId, name: t.teamName, agency: t.agencyName, children: t.children, weighted: t.weighted,
                unallocated: t.unallocated, contactsAwaiting: t.contactsAwaiting,
                workers: t.workers.map {
                    WorkerDTO(
                        workerId: $0.workerId, name: $0.workerName, role: $0.role.rawValue, agency: $0.agencyName,
                        children: $0.children, weighted: $0.weighted, capacity: $0.capacity,
                        overCapacity: $0.overCapacity, caseload: nil)
                }, unallocatedChildren: nil)
        }
        let t = try await store.teamCaseload(team, context: try context.audit())
        return TeamDTO(
            teamId: t.teamId, name: t.teamName, agency: t.agencyName, children: t.children, weighted: t.weighted,
            unallocated: t.unallocated.count, contactsAwaiting: t.contactsAwaiting,
            workers: t.workers.map {
                WorkerDTO(
                    workerId: $0.workerId, name: $0.workerName, role: $0.role.rawValue, agency: $0.agencyName,
                    children: $0.count, weighted: $0.weighted, capacity: $0.capacity, overCapacity: $0.overCapacity,
                    caseload: $0.children.map(ChildDTO.init))
            }, unallocatedChildren: t.unallocated.map(ChildDTO.init))
    }
}
