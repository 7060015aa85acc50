import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1`: the same store calls, policy and audit as the pages, as JSON, for token holders.
struct APIController {
    let store: Store

    /// `open` answers without a token (the OpenAPI document); `group` needs one.
    func register(open: RouterGroup<SafeholdContext>, signedIn group: RouterGroup<SafeholdContext>) {
        open.get(SiteRoute.API.openAPI) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            let document = try OpenAPIDocument.served.get()
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        group.get(SiteRoute.API.me) { _, context in try APIResponse.json(MeDTO(try context.requireIdentity().user)) }
        group.get(SiteRoute.API.caseload) { _, context in
            let (mine, team) = try await self.store.caseload(context: try context.audit())
            return try APIResponse.json(["mine": mine, "team": team])
        }
        group.get(SiteRoute.API.people) { request, context in try await self.search(request, context) }
        group.post(SiteRoute.API.people) { request, context in
            let details = try await StrictJSON.decode(PersonDetails.self, from: request)
            let person = try await self.store.createPerson(details, context: try context.audit())
            return try APIResponse.json(person, status: .created)
        }
        group.get(SiteRoute.API.person) { _, context, id in
            let record = try await self.store.readPerson(id, context: try context.audit())
            return try APIResponse.json(PersonRecordDTO(record))
        }
        group.put(SiteRoute.API.person) { request, context, id in
            let body = try await StrictJSON.decode(PersonUpdateDTO.self, from: request)
            let person = try await self.store.updatePerson(
                id, details: body.details,
                expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(person)
        }
        group.post(SiteRoute.API.relationships) { request, context, id in
            let draft = try await StrictJSON.decode(RelationshipDraft.self, from: request)
            let relationship = try await self.store.addRelationship(
                to: id, draft,
                context: try context.audit())
            return try APIResponse.json(relationship, status: .created)
        }
        group.get(SiteRoute.API.accessLog) { request, context, id in
            var before: Int?
            if let text = FormData(request.uri.query ?? "")["before"] {
                guard let value = Int(text) else {
                    throw SafeholdError.invalid([FieldError("before", "is an entry number")])
                }
                before = value
            }
            let page = try await self.store.accessLog(of: id, before: before, context: try context.audit())
            return try APIResponse.json(
                AccessLogDTO(
                    person: page.person, entries: page.lines.map(AuditEntryDTO.init),
                    olderThan: page.olderThan))
        }
    }

    func search(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let query = FormData(request.uri.query ?? "")
        let q = query["q"] ?? ""
        var dob: LocalDate?
        if let text = query["dob"] {
            guard let parsed = LocalDate(iso: text) else {
                throw SafeholdError.invalid([FieldError("dob", "'\(text)' is not a real date (use YYYY-MM-DD)")])
            }
            dob = parsed
        }
        guard !q.isEmpty || dob != nil else {
            throw SafeholdError.invalid([FieldError("q", "give a name, an identifier or a date of birth")])
        }
        let results = try await store.search(PersonQuery(text: q, dateOfBirth: dob), context: try context.audit())
        return try APIResponse.json(["results": results])
    }
}

struct MeDTO: Encodable {
    let id: UUID, username: String, displayName: String, role: String, agencyId: UUID, teamId: UUID?
    init(_ u: User) {
        id = u.id; username = u.username; displayName = u.displayName; role = u.role.rawValue; agencyId = u.agencyId;
        teamId = u.teamId
    }
}

struct PersonUpdateDTO: Decodable {
    let version: Int
    let details: PersonDetails
}

struct PersonRecordDTO: Encodable {
    struct RelatedDTO: Encodable { let relationship: Relationship; let other: PersonSummary; let label: String }
    let person: Person
    let canEdit: Bool
    let relationships: [RelatedDTO]
    /// A linked child's warning (the named officers), without any MAPPA detail.
    let riskWarning: RiskLinkAPIController.WarningDTO?

    init(_ r: PersonDetailsRecord) {
        person = r.person
        canEdit = r.canEdit
        relationships = r.related.map { RelatedDTO(relationship: $0.relationship, other: $0.other, label: $0.label) }
        riskWarning = r.riskWarning.map(RiskLinkAPIController.WarningDTO.init)
    }
}

struct AuditEntryDTO: Encodable {
    let seq: Int, at: Date, actorId: UUID?, actorName: String, actorUsername: String?, actorRole: String?
    let actorAgency: String?, action: String, entityType: String
    let entityId: UUID?, ipAddress: String?, reason: String?, detail: String?
    /// The digest of the receipt a bulk read (the census) names instead of an entity.
    let receipt: String?
    init(_ line: AccessLogLine) {
        let e = line.entry
        seq = e.seq; at = e.at; actorId = e.event.actorId; actorName = e.event.actorName;
        action = e.event.action.rawValue
        actorUsername = line.username; actorRole = line.role?.rawValue; actorAgency = line.agency
        entityType = e.event.entityType; entityId = e.event.entityId; receipt = e.event.receipt
        ipAddress = e.event.ipAddress
        reason = e.event.reason
        detail = e.event.detail
    }
}

struct AccessLogDTO: Encodable {
    let person: PersonName
    let entries: [AuditEntryDTO]
    /// Pass as `before` for the next, older page; absent on the last page.
    let olderThan: Int?
}
