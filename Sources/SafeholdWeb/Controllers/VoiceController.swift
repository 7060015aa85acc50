import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The child's voice: wishes and feelings, Signs of Safety mappings and the safety scale.
struct VoiceController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.voice) { _, context, id in try await self.show(context, id) }
        group.post(SiteRoute.voice) { request, context, id in try await self.recordWishes(request, context, id) }
        group.post(SiteRoute.safetyMapping) { request, context, id in
            let form = try await FormData.read(request, context: context)
            _ = try await self.store.addSafetyMapping(
                for: id, try VoiceForms.mapping(form), context: try context.audit())
            return Response.redirect(to: SiteRoute.voice(id).path, type: .normal)
        }
        group.post(SiteRoute.safetyScale) { request, context, id in
            let form = try await FormData.read(request, context: context)
            _ = try await self.store.addSafetyRating(
                for: id, try VoiceForms.rating(form), context: try context.audit())
            return Response.redirect(to: SiteRoute.voice(id).path, type: .normal)
        }
    }

    func show(_ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        let voice = try await store.childsVoice(of: id, context: try context.audit())
        let name = voice.childName
        return renderer.page(
            VoicePage(
                voice, personId: id, name: name,
                chrome: Chrome(title: "The child's voice: \(name)", identity: identity), today: store.today))
    }

    func recordWishes(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        _ = try await store.recordWishes(for: id, try VoiceForms.wishes(form), context: try context.audit())
        return .redirect(to: SiteRoute.person(id).fragment("voice").path, type: .normal)
    }
}

/// Reads the voice forms into Core drafts; a field that cannot be read is a 422 naming it.
enum VoiceForms {
    static func date(_ form: FormData, _ field: String, _ v: inout Validation) -> LocalDate? {
        guard let date = form[field].flatMap(LocalDate.init(iso:)) else {
            v.add(field, "give a real date (YYYY-MM-DD)")
            return nil
        }
        return date
    }

    static func wishes(_ form: FormData) throws(SafeholdError) -> WishesDraft {
        var v = Validation()
        let on = date(form, "gatheredOn", &v)
        try v.check()
        return WishesDraft(
            gatheredOn: on!, words: form["words"], notGatheredReason: form["notGatheredReason"],
            communicationNeeds: form["communicationNeeds"], interpreter: form.flag("interpreter"),
            interpreterLanguage: form["interpreterLanguage"], tool: form["tool"], toolOther: form["toolOther"])
    }

    static func mapping(_ form: FormData) throws(SafeholdError) -> SafetyMappingDraft {
        var v = Validation()
        let on = date(form, "mappedOn", &v)
        try v.check()
        return SafetyMappingDraft(
            mappedOn: on!, worries: form["worries"] ?? "", workingWell: form["workingWell"] ?? "",
            needsToHappen: form["needsToHappen"] ?? "")
    }

    static func rating(_ form: FormData) throws(SafeholdError) -> SafetyRatingDraft {
        var v = Validation()
        let on = date(form, "ratedOn", &v)
        let role = form["role"].flatMap(SafetyRaterRole.init(rawValue:))
        if role == nil { v.add("role", "choose the participant's role") }
        let text = (form["value"] ?? "").trimmingCharacters(in: .whitespaces)
        let value = text.count <= 3 && text.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int(text) : nil
        if value == nil { v.add("value", "must be a whole number from 0 to 10") }
        try v.check()
        return SafetyRatingDraft(
            ratedOn: on!, participantName: form["participantName"] ?? "", role: role!, value: value!)
    }
}
