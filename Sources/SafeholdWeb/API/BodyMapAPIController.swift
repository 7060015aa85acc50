import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for body maps: a child's maps, a new one, one map and its change (with its version).
struct BodyMapAPIController {
    let store: Store

    struct BodyMapsDTO: Encodable { let bodyMaps: [BodyMap] }
    /// A change: the whole map again, with the version it was read at.
    struct UpdateBody: Decodable {
        let version: Int
        let seenOn: LocalDate
        let notes: String?
        let marks: [BodyMarkDraft]
    }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.personBodyMaps) { _, context, id in
            try APIResponse.json(
                BodyMapsDTO(bodyMaps: try await self.store.bodyMaps(of: id, context: try context.audit())))
        }
        group.post(SiteRoute.API.personBodyMaps) { request, context, id in
            let draft = try await StrictJSON.decode(BodyMapDraft.self, from: request)
            let map = try await self.store.recordBodyMap(for: id, draft, context: try context.audit())
            return try APIResponse.json(map, status: .created)
        }
        group.get(SiteRoute.API.bodyMap) { _, context, id in
            try APIResponse.json(try await self.store.bodyMap(id, context: try context.audit()))
        }
        group.put(SiteRoute.API.bodyMap) { request, context, id in
            let body = try await StrictJSON.decode(UpdateBody.self, from: request)
            var v = Validation()
            v.version("version", body.version)
            try v.check()
            let map = try await self.store.updateBodyMap(
                id, BodyMapDraft(seenOn: body.seenOn, notes: body.notes, marks: body.marks),
                expectedVersion: body.version, context: try context.audit())
            return try APIResponse.json(map)
        }
    }
}
