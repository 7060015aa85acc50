import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for the child's voice: wishes and feelings, Signs of Safety mappings and the safety scale.
/// The same store calls, validation, policy and audit as the pages.
struct VoiceAPIController {
    let store: Store

    /// A new record of wishes and feelings; `interpreter` may be left out (no interpreter).
    struct WishesBody: Decodable {
        let gatheredOn: LocalDate
        let words: String?, notGatheredReason: String?, communicationNeeds: String?
        let interpreter: Bool?, interpreterLanguage: String?, tool: String?, toolOther: String?

        var draft: WishesDraft {
            WishesDraft(
                gatheredOn: gatheredOn, words: words, notGatheredReason: notGatheredReason,
                communicationNeeds: communicationNeeds, interpreter: interpreter ?? false,
                interpreterLanguage: interpreterLanguage, tool: tool, toolOther: toolOther)
        }
    }
    /// A rating; `value` is read as any JSON number so that 4.5, 1e300 or a number past Int's range is
    /// refused naming `value`, like 11 or -1, rather than as an unreadable body.
    struct RatingBody: Decodable {
        let ratedOn: LocalDate, participantName: String, role: SafetyRaterRole, value: Double

        func draft() throws(SafeholdError) -> SafetyRatingDraft {
            guard value.rounded() == value, abs(value) <= 1_000_000 else {
                throw .invalid([FieldError("value", "must be a whole number from 0 to 10")])
            }
            return SafetyRatingDraft(ratedOn: ratedOn, participantName: participantName, role: role, value: Int(value))
        }
    }
    struct VoiceDTO: Encodable { let wishes: [WishesAndFeelings]; let tools: [VoiceTool]; let canEdit: Bool }
    struct MappingsDTO: Encodable { let mappings: [SafetyMapping]; let canEdit: Bool }
    struct RatingsDTO: Encodable { let ratings: [SafetyRating]; let canEdit: Bool }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.API.voice) { _, context, id in
            let voice = try await self.store.childsVoice(of: id, context: try context.audit())
            return try APIResponse.json(VoiceDTO(wishes: voice.wishes, tools: voice.tools, canEdit: voice.canEdit))
        }
        group.post(SiteRoute.API.voice) { request, context, id in
            let body = try await StrictJSON.decode(WishesBody.self, from: request)
            let recorded = try await self.store.recordWishes(for: id, body.draft, context: try context.audit())
            return try APIResponse.json(recorded, status: .created)
        }
        group.get(SiteRoute.API.safetyMapping) { _, context, id in
            let voice = try await self.store.childsVoice(of: id, context: try context.audit())
            return try APIResponse.json(MappingsDTO(mappings: voice.mappings, canEdit: voice.canEdit))
        }
        group.post(SiteRoute.API.safetyMapping) { request, context, id in
            let draft = try await StrictJSON.decode(SafetyMappingDraft.self, from: request)
            let mapping = try await self.store.addSafetyMapping(for: id, draft, context: try context.audit())
            return try APIResponse.json(mapping, status: .created)
        }
        group.get(SiteRoute.API.safetyScale) { _, context, id in
            let voice = try await self.store.childsVoice(of: id, context: try context.audit())
            return try APIResponse.json(RatingsDTO(ratings: voice.ratings, canEdit: voice.canEdit))
        }
        group.post(SiteRoute.API.safetyScale) { request, context, id in
            let draft = try await StrictJSON.decode(RatingBody.self, from: request).draft()
            let rating = try await self.store.addSafetyRating(for: id, draft, context: try context.audit())
            return try APIResponse.json(rating, status: .created)
        }
    }
}
