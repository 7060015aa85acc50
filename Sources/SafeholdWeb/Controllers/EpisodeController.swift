import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Recording statutory steps on an episode of need, and a manager's authorisation of them.
struct EpisodeController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.Pattern.newStep) { request, context in try await self.form(request, context, form: nil, errors: []) }
        group.post(SiteRoute.Pattern.newStep) { request, context in try await self.record(request, context) }
        group.post(SiteRoute.Pattern.authoriseStep) { request, context in try await self.authorise(request, context) }
        group.post(SiteRoute.Pattern.planActions) { request, context in try await self.addAction(request, context) }
        group.post(SiteRoute.Pattern.planAction) { request, context in try await self.updateAction(request, context) }
        group.post(SiteRoute.Pattern.coreGroup) { request, context in try await self.addMember(request, context) }
        group.post(SiteRoute.Pattern.primaryNeed) { request, context in try await self.primaryNeed(request, context) }
    }

    /// The episode and the child it belongs to, read under the policy.
    func load(_ context: SafeholdContext) async throws -> (EpisodeRecord, PersonRecord) {
        let episodeId = try context.parameters.require("id", as: UUID.self)
        let audit = try context.audit()
        guard let childId = try await store.childOfEpisode(episodeId) else { throw SafeholdError.notFound("There is no such episode of need.") }
        let person = try await store.openPerson(childId, context: audit)
        guard let episode = person.episodes.first(where: { $0.id == episodeId }) else {
            throw SafeholdError.notFound("There is no such episode of need.")
        }
        return (episode, person)
    }

    struct Option { let value: String; let label: String; let selected: Bool }
    struct Model {
        let chrome: Chrome; let action: String; let kind: String; let heading: String; let childName: String; let childHref: String
        let expectedSteps: Int; let values: [String: String]; let flags: [String: Bool]; let errors: [ErrorLine]; let hasErrors: Bool
        let show: [String: Bool]; let strategyDecisions: [Option]; let conferenceDecisions: [Option]; let categories: [Option]
        let planKinds: [Option]; let closureReasons: [Option]; let factors: [Option]
    }

    func form(_ request: Request, _ context: SafeholdContext, form: FormData?, errors: [FieldError],
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let identity = try context.requireIdentity()
        let kind = FormData(request.uri.query ?? "")["kind"] ?? form?["kind"] ?? ""
        guard StepForm.kinds.contains(where: { $0.kind == kind }) else { throw SafeholdError.notFound("There is no step called '\(kind)'.") }
        let (episode, person) = try await load(context)
        guard person.canEdit else { throw SafeholdError.forbidden(store.policy.decide(identity.actor, .edit, person.facts).reason) }
        let values = form.map { f in f.values.compactMapValues(\.first) } ?? ["date": LocalDate(store.clock.now()).description]
        let chosen = Set(form?.all("factors") ?? [])
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ field: String, _ label: (T) -> String) -> [Option] where T.RawValue == String {
            T.allCases.map { Option(value: $0.rawValue, label: label($0), selected: values[field] == $0.rawValue) }
        }
        let show = Dictionary(uniqueKeysWithValues: StepForm.kinds.map { ($0.kind, $0.kind == kind) })
            .merging(["conference": kind.hasSuffix("conference")], uniquingKeysWith: { $1 })
        return renderer.page("step-form", Model(
            chrome: Chrome(title: StepForm.label(kind), identity: identity),
            action: SiteRoute.newStep(episode.id, kind).path, kind: kind, heading: StepForm.label(kind),
            childName: person.person.displayName, childHref: SiteRoute.person(person.person.id).path,
            expectedSteps: Int(values["expectedSteps"] ?? "") ?? episode.stepCount, values: values,
            flags: ["childSeen": form?.flag("childSeen") ?? false, "seenAlone": form?.flag("seenAlone") ?? false],
            errors: errors.map { ErrorLine(field: $0.field, label: fieldLabels[$0.field] ?? $0.field, message: $0.message) },
            hasErrors: !errors.isEmpty, show: show,
            strategyDecisions: options(StrategyDecision.self, "decision") { $0.label },
            conferenceDecisions: options(ConferenceDecision.self, "decision") { $0.label },
            categories: options(AbuseCategory.self, "category") { $0.label },
            planKinds: options(PlanKind.self, "planKind") { $0.label },
            closureReasons: options(ClosureReason.self, "reason") { "\($0.rawValue): \($0.label)" },
            factors: AssessmentFactors.codes.map { Option(value: $0.code, label: "\($0.code) \($0.label)", selected: chosen.contains($0.code)) }),
                             status: status)
    }

    func record(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let kind = FormData(request.uri.query ?? "")["kind"] ?? ""
        let (episode, person) = try await load(context)
        guard let expected = form["expectedSteps"].flatMap(Int.init) else {
            throw SafeholdError.invalid([FieldError("expectedSteps", "is missing: reload the page")])
        }
        do {
            let step = try StepForm.step(kind: kind, form: form, episode: episode, today: LocalDate(store.clock.now()))
            _ = try await store.recordStep(step, episode: episode.id, expectedSteps: expected, context: try context.audit())
            return .redirect(to: SiteRoute.person(person.person.id).path + "#episodes", type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await self.form(request, context, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    func authorise(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let stepId = try context.parameters.require("step", as: UUID.self)
        let (_, person) = try await load(context)
        try await store.authoriseStep(stepId, comment: form["comment"] ?? "", context: try context.audit())
        return .redirect(to: SiteRoute.person(person.person.id).path + "#episodes", type: .normal)
    }

    /// Reads a form posted to an episode, runs the change, and returns to the child's episodes.
    func episodeForm(_ request: Request, _ context: SafeholdContext,
                     _ change: (FormData, UUID, AuditContext) async throws -> Void) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let episodeId = try context.parameters.require("id", as: UUID.self)
        guard let child = try await store.childOfEpisode(episodeId) else { throw SafeholdError.notFound("There is no such episode of need.") }
        try await change(form, episodeId, try context.audit())
        return .redirect(to: SiteRoute.person(child).path + "#episodes", type: .normal)
    }

    func addAction(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        try await episodeForm(request, context) { form, episode, audit in
            guard let due = form["dueOn"].flatMap(LocalDate.init(iso:)) else {
                throw SafeholdError.invalid([FieldError("dueOn", "give a real date (YYYY-MM-DD)")])
            }
            _ = try await store.addPlanAction(episode: episode, what: form["what"] ?? "", who: form["who"] ?? "", dueOn: due, context: audit)
        }
    }

    func updateAction(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let action = try context.parameters.require("action", as: UUID.self)
        return try await episodeForm(request, context) { form, _, audit in
            guard let status = form["status"].flatMap(PlanAction.Status.init(rawValue:)) else {
                throw SafeholdError.invalid([FieldError("status", "choose a status")])
            }
            guard let version = form["version"].flatMap(Int.init) else { throw SafeholdError.invalid([FieldError("version", "is missing: reload the page")]) }
            try await store.updatePlanAction(action, status: status, expectedVersion: version, context: audit)
        }
    }

    func addMember(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        try await episodeForm(request, context) { form, episode, audit in
            guard let kind = form["agencyKind"].flatMap(Agency.Kind.init(rawValue:)) else {
                throw SafeholdError.invalid([FieldError("agencyKind", "choose the kind of agency")])
            }
            try await store.addCoreGroupMember(episode: episode, Participant(name: form["name"] ?? "", agency: form["agency"] ?? "", agencyKind: kind),
                                               context: audit)
        }
    }

    func primaryNeed(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        try await episodeForm(request, context) { form, episode, audit in
            guard let need = form["primaryNeed"].flatMap(PrimaryNeed.init(rawValue:)) else {
                throw SafeholdError.invalid([FieldError("primaryNeed", "choose a primary need code")])
            }
            try await store.setPrimaryNeed(episode: episode, need, context: audit)
        }
    }
}
