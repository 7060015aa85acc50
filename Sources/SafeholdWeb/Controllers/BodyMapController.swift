import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Body maps in the pages: a child's maps with the form for a new one, one map with the form to change it.
struct BodyMapController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.personBodyMaps) { _, context, id in
            try await self.mapsPage(id, context, refused: nil)
        }
        group.post(SiteRoute.personBodyMaps) { request, context, id in
            let form = try await FormData.read(request, context: context)
            do {
                let map = try await self.store.recordBodyMap(
                    for: id, try BodyMapForms.draft(form), context: try context.audit())
                return Response.redirect(to: SiteRoute.bodyMap(map.id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                let photos = try await self.photos(of: id, context)
                let refused = BodyMapForm(
                    action: SiteRoute.personBodyMaps(id).path, sent: form, version: nil, photos: photos,
                    errors: errors)
                return try await self.mapsPage(id, context, refused: refused)
            }
        }
        group.get(SiteRoute.bodyMap) { _, context, id in
            try await self.mapPage(id, context, form: nil, errors: [])
        }
        group.post(SiteRoute.bodyMap) { request, context, id in
            let form = try await FormData.read(request, context: context)
            do {
                var v = Validation()
                let version = Int(form["version"] ?? "") ?? 0
                v.version("version", version)
                try v.check()
                _ = try await self.store.updateBodyMap(
                    id, try BodyMapForms.draft(form), expectedVersion: version, context: try context.audit())
                return Response.redirect(to: SiteRoute.bodyMap(id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.mapPage(id, context, form: form, errors: errors)
            }
        }
    }

    /// The child's body maps with the form for a new one (a refused one as it was sent, with a 422).
    func mapsPage(_ id: UUID, _ context: SafeholdContext, refused: BodyMapForm?) async throws -> Response {
        let identity = try context.requireIdentity()
        let maps = try await store.bodyMaps(of: id, context: try context.audit())
        let photos = try await photos(of: id, context)
        return renderer.page(
            BodyMapsPage(
                maps, personId: id, photos: photos, chrome: Chrome(title: "Body maps", identity: identity),
                today: store.today, refused: refused),
            status: refused == nil ? .ok : .unprocessableContent)
    }

    /// One body map with the form to change it (a refused change as it was sent, with a 422).
    func mapPage(
        _ id: UUID, _ context: SafeholdContext, form: FormData?, errors: [FieldError]
    ) async throws
        -> Response
    {
        let identity = try context.requireIdentity()
        let map = try await store.bodyMap(id, context: try context.audit())
        let photos = try await photos(of: map.personId, context)
        let refused = form.map {
            BodyMapForm(
                action: SiteRoute.bodyMap(id).path, sent: $0, version: Int($0["version"] ?? "") ?? map.version,
                photos: photos, errors: errors)
        }
        return renderer.page(
            BodyMapPage(
                map, photos: photos, chrome: Chrome(title: "Body map", identity: identity), ruleset: store.ruleset,
                today: store.today, refused: refused),
            status: refused == nil ? .ok : .unprocessableContent)
    }

    /// The images on the child's record, offered as a mark's photographs.
    func photos(of child: UUID, _ context: SafeholdContext) async throws -> [Document] {
        try await store.documents(on: .person(child), context: try context.audit()).filter { $0.type.isImage }
    }
}

/// Reads the body map form: `seenOn`, `notes` and rows `markN.field`; a row left wholly blank is skipped.
enum BodyMapForms {
    static let fields = ["site", "type", "sizeMm", "colour", "explanation", "explainedBy", "seenBy"]

    static func draft(_ form: FormData) throws(SafeholdError) -> BodyMapDraft {
        var v = Validation()
        let seenOn = v.isoDate("seenOn", form["seenOn"])
        var marks: [BodyMarkDraft] = []
        for row in 1...(BodyMapDraft.maxMarks + BodyMapForm.blankRows + 1) {
            let key = { (field: String) in "mark\(row).\(field)" }
            let photos = form.all(key("photos"))
            guard fields.contains(where: { form[key($0)] != nil }) || !photos.isEmpty else { continue }
            let size = form[key("sizeMm")]
            var sizeMm: Int?
            if let size {
                sizeMm = size.count <= 5 && size.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int(size) : -1
            }
            var ids: [UUID] = []
            for photo in photos {
                guard let id = UUID(uuidString: photo) else {
                    v.add("marks[\(marks.count + 1)].photos", "names a photograph that is not on the list")
                    continue
                }
                ids.append(id)
            }
            marks.append(
                BodyMarkDraft(
                    site: form[key("site")] ?? "", type: form[key("type")] ?? "", sizeMm: sizeMm,
                    colour: form[key("colour")], explanation: form[key("explanation")],
                    explainedBy: form[key("explainedBy")], seenBy: form[key("seenBy")] ?? "", photos: ids))
        }
        try v.check()
        return BodyMapDraft(seenOn: seenOn!, notes: form["notes"], marks: marks)
    }
}
