import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Safeguarding advice without a referral: a partner asks (optionally about a child found by name),
/// the front door answers, and the answer is kept and shown to the professional who asked.
struct AdviceController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.advice) { request, context in
            try await self.page(context, form: FormData(request.uri.query ?? ""), errors: [])
        }
        group.post(SiteRoute.advice) { request, context in
            let form = try await FormData.read(request, context: context)
            do {
                var v = Validation()
                let child = PartnerForms.ids(form.all("childId"), field: "childId", &v).first
                try v.check()
                _ = try await self.store.askForAdvice(
                    AdviceRequestDraft(
                        question: form["question"] ?? "", childId: child, childDescription: form["childDescription"]),
                    context: try context.audit())
                return Response.redirect(to: SiteRoute.advice.path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.page(context, form: form, errors: errors, status: .unprocessableContent)
            }
        }
        group.post(SiteRoute.answerAdvice) { request, context, id in
            let form = try await FormData.read(request, context: context)
            do {
                _ = try await self.store.giveAdvice(
                    id, advice: form["advice"] ?? "", expectedVersion: try PartnerForms.version(form["version"]),
                    context: try context.audit())
                return Response.redirect(to: SiteRoute.advice.path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.page(context, form: form, errors: errors, status: .unprocessableContent)
            }
        }
    }

    struct Item {
        let id: String; let asked: String; let by: String; let child: String?; let question: String
        let answered: Bool; let advice: String; let advisedBy: String; let action: String; let version: Int
    }
    struct Candidate { let id: String; let name: String }
    struct AdvicePage: Page {
        static let template = Template.advice
        let chrome: Chrome; let form: FormState; let asks: Bool; let answers: Bool
        let q: String; let searched: Bool; let candidates: [Candidate]; let hasCandidates: Bool
        let items: [Item]; let hasItems: Bool
    }

    func page(
        _ context: SafeholdContext, form: FormData?, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let audit = try context.audit()
        let asks = store.policy.mayRaisePartnerRequests(identity.actor).isAllowed
        let answers = store.policy.mayAnswerPartnerRequests(identity.actor).isAllowed
        let requests = try await store.adviceRequests(context: audit)
        let q = (form?["q"] ?? "").trimmingCharacters(in: .whitespaces)
        var found: [Candidate] = []
        if asks && !q.isEmpty {
            found = try await store.search(PersonQuery(text: q, childrenOnly: true), context: audit).map {
                Candidate(id: $0.id.text, name: $0.displayName)
            }
        }
        let items = requests.map { r in
            Item(
                id: r.id.text, asked: store.ruleset.display(r.askedAt), by: "\(r.askedByName), \(r.agencyName)",
                child: r.childName ?? r.childDescription, question: r.question, answered: r.isAnswered,
                advice: r.advice ?? "",
                advisedBy: [r.advisedByName, r.advisedAt.map { store.ruleset.display($0) }].compactMap { $0 }.joined(
                    separator: ", "),
                action: SiteRoute.answerAdvice(r.id).path, version: r.version)
        }
        return renderer.page(
            AdvicePage(
                chrome: Chrome(title: "Safeguarding advice", identity: identity), form: FormState(form, errors: errors),
                asks: asks, answers: answers, q: q, searched: !q.isEmpty, candidates: found,
                hasCandidates: !found.isEmpty, items: items, hasItems: !items.isEmpty),
            status: status)
    }
}
