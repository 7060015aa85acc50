import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// `/api/v1` for children linked to a person who poses a risk: the same store calls, rules and audit as
/// the pages. Bodies take every field as optional text, so that Core names a missing or unreadable one.
struct RiskLinkAPIController {
    let store: Store

    struct LinkBody: Decodable {
        let personId: String?, childId: String?, nature: String?, startedOn: String?, endedOn: String?
        let note: String?
    }
    struct DecisionBody: Decodable { let version: Int?, outcome: String?, reasons: String? }
    struct EndBody: Decodable { let version: Int?, endedOn: String? }

    struct WarningDTO: Encodable {
        struct Officer: Encodable { let name: String, phone: String }
        let text: String, officers: [Officer]
        init(_ w: RiskWarning) {
            text = RiskWarning.text
            officers = w.officers.map { Officer(name: $0.name, phone: $0.phone) }
        }
    }
    struct LinkDTO: Encodable {
        struct Decision: Encodable { let outcome: String, reasons: String, decidedBy: String, decidedAt: Date }
        let id: UUID, childId: UUID, personName: String?, nature: String, startedOn: String, endedOn: String?
        let note: String?, origin: String, createdBy: String, createdAt: Date, strategyDecisionDueOn: String
        let strategyDecision: Decision?, version: Int
        init(_ l: RiskLink) {
            (id, childId, personName, nature) = (l.id, l.childId, l.personName, l.nature.rawValue)
            (startedOn, endedOn, note) = (l.startedOn.description, l.endedOn?.description, l.note)
            (origin, createdBy, createdAt) = (l.origin.rawValue, l.createdBy, l.createdAt)
            (strategyDecisionDueOn, version) = (l.strategyDueOn.description, l.version)
            strategyDecision = l.strategyDecision.map {
                Decision(
                    outcome: $0.outcome.rawValue, reasons: $0.reasons, decidedBy: $0.decidedBy, decidedAt: $0.decidedAt)
            }
        }
    }
    struct ChildLinksDTO: Encodable { let warning: WarningDTO?, links: [LinkDTO], mayDecide: Bool }

    func register(signedIn group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.API.riskLinks) { request, context in
            let b = try await StrictJSON.decode(LinkBody.self, from: request)
            let draft = try RiskLinkDraft.read(
                TextFields([
                    "personId": b.personId, "childId": b.childId, "nature": b.nature, "startedOn": b.startedOn,
                    "endedOn": b.endedOn, "note": b.note,
                ]), today: self.store.today)
            let link = try await self.store.linkToChild(draft, context: try context.audit())
            return try APIResponse.json(LinkDTO(link), status: .created)
        }
        group.get(SiteRoute.API.childRiskLinks) { _, context, id in
            let links = try await self.store.riskLinks(of: id, context: try context.audit())
            return try APIResponse.json(
                ChildLinksDTO(
                    warning: links.warning.map(WarningDTO.init), links: links.links.map(LinkDTO.init),
                    mayDecide: links.mayDecide))
        }
        group.post(SiteRoute.API.linkStrategyDecision) { request, context, child, link in
            let b = try await StrictJSON.decode(DecisionBody.self, from: request)
            var v = Validation()
            let outcome = TextFields(["outcome": b.outcome]).choice("outcome", LinkStrategyOutcome.self, into: &v)
            if b.version == nil { v.add("version", "is required") }
            try v.check()
            let saved = try await self.store.decideLinkStrategy(
                link, child: child, outcome: outcome!, reasons: b.reasons ?? "", expectedVersion: b.version!,
                context: try context.audit())
            return try APIResponse.json(LinkDTO(saved))
        }
        group.post(SiteRoute.API.endRiskLink) { request, context, child, link in
            let b = try await StrictJSON.decode(EndBody.self, from: request)
            var v = Validation()
            let ended = TextFields(["endedOn": b.endedOn]).date("endedOn", fallback: self.store.today, into: &v)
            if b.version == nil { v.add("version", "is required") }
            try v.check()
            let saved = try await self.store.endRiskLink(
                link, child: child, endedOn: ended!, expectedVersion: b.version!, context: try context.audit())
            return try APIResponse.json(LinkDTO(saved))
        }
    }
}
