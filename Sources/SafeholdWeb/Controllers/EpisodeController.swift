import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Recording statutory steps on an episode of need, and a manager's authorisation of them.
struct EpisodeController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.newStep) { request, context, id in
            try await self.form(request, context, id, form: nil, errors: [])
        }
        group.post(SiteRoute.newStep) { request, context, id in try await self.record(request, context, id) }
        group.post(SiteRoute.authoriseStep) { request, context, id, step in
            try await self.authorise(request, context, id, step)
        }
        group.post(SiteRoute.planActions) { request, context, id in try await self.addAction(request, context, id) }
        group.post(SiteRoute.planAction) { request, context, id, action in
            try await self.updateAction(request, context, id, action)
        }
        group.post(SiteRoute.coreGroup) { request, context, id in try await self.addMember(request, context, id) }
        group.post(SiteRoute.primaryNeed) { request, context, id in try await self.primaryNeed(request, context, id) }
    }

    /// The episode and the child it belongs to, read under the policy.
    func load(_ context: SafeholdContext, _ episodeId: UUID) async throws -> (EpisodeRecord, PersonRecord) {
        let audit = try context.audit()
        let childId = try await store.childOfEpisode(episodeId, context: audit)
        let person = try await store.openPerson(childId, context: audit)
        guard let episode = person.episodes.first(where: { $0.id == episodeId }) else {
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        return (episode, person)
    }

    struct Model: Page {
        static let template = Template.stepForm
        let chrome: Chrome; let action: String; let kind: String; let heading: String; let childName: String;
        let childHref: String
        let expectedSteps: Int; let form: FormState
        let show: [String: Bool]; let strategyDecisions: [Option]; let conferenceDecisions: [Option];
        let categories: [Option]
        let planKinds: [Option]; let closureReasons: [Option]; let factors: [Option]
        let policeTeams: [Option]; let investigations: [Option]
    }

    func form(
        _ request: Request, _ context: SafeholdContext, _ episodeId: UUID, form: FormData?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let kind = FormData(request.uri.query ?? "")["kind"] ?? form?["kind"] ?? ""
        guard StepForm.kinds.contains(where: { $0.kind == kind }) else {
            throw SafeholdError.notFound("There is no step called '\(kind)'.")
        }
        let (episode, person) = try await load(context, episodeId)
        guard person.canEdit else {
            throw SafeholdError.forbidden(store.policy.decide(identity.actor, .edit, person.facts).reason)
        }
        let state = FormState(form, errors: errors, defaults: form == nil ? ["on": store.today.description] : [:])
        let chosen = Set(form?.all("factors") ?? [])
        var policeTeams: [Option] = []
        var investigations: [Option] = []
        if kind == "strategy_discussion" {
            policeTeams = Option.list(
                try await store.policeTeamDirectory(context: try context.audit()).map { ($0.id.text, $0.name) },
                selected: Set([state.values["policeTeamId"] ?? ""]))
            investigations = Option.list(
                try await store.policePanel(of: person.person.id, context: try context.audit()).investigations.map {
                    ($0.id.text, "\($0.reference) (\($0.status.label))")
                }, selected: Set([state.values["investigationId"] ?? ""]))
        }
        let show = Dictionary(uniqueKeysWithValues: StepForm.kinds.map { ($0.kind, $0.kind == kind) })
            .merging(["conference": kind.hasSuffix("conference")], uniquingKeysWith: { $1 })
        return renderer.page(
            Model(
                chrome: Chrome(title: StepForm.label(kind), identity: identity),
                action: SiteRoute.newStep(episode.id).query([("kind", kind)]).path, kind: kind,
                heading: StepForm.label(kind),
                childName: person.person.displayName, childHref: SiteRoute.person(person.person.id).path,
                expectedSteps: Int(state.values["expectedSteps"] ?? "") ?? episode.stepCount, form: state, show: show,
                strategyDecisions: state.options("decision", StrategyDecision.self) { $0.label },
                conferenceDecisions: state.options("decision", ConferenceDecision.self) { $0.label },
                categories: state.options("category", AbuseCategory.self) { $0.label },
                planKinds: state.options("planKind", PlanKind.self) { $0.label },
                closureReasons: state.options("reason", ClosureReason.self) { "\($0.rawValue): \($0.label)" },
                factors: Option.list(
                    AssessmentFactors.codes.map { ($0.code, "\($0.code) \($0.label)") }, selected: chosen),
                policeTeams: policeTeams, investigations: investigations),
            status: status)
    }

    func record(_ request: Request, _ context: SafeholdContext, _ episodeId: UUID) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let kind = FormData(request.uri.query ?? "")["kind"] ?? ""
        let (episode, person) = try await load(context, episodeId)
        guard let expected = form["expectedSteps"].flatMap(Int.init) else {
            throw SafeholdError.invalid([FieldError("expectedSteps", "is missing: reload the page")])
        }
        do {
            let step = try StepForm.step(kind: kind, form: form, episode: episode, today: store.today)
            _ = try await store.recordStep(
                step, episode: episode.id, expectedSteps: expected, jointEnquiry: try StepForm.jointEnquiry(form),
                context: try context.audit())
            return .redirect(to: SiteRoute.person(person.person.id).fragment("episodes").path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await self.form(
                request, context, episodeId, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    func authorise(
        _ request: Request, _ context: SafeholdContext, _ episodeId: UUID, _ stepId: UUID
    ) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        try await store.authoriseStep(
            stepId, episode: episodeId, comment: form["comment"] ?? "", context: try context.audit())
        let (_, person) = try await load(context, episodeId)
        return .redirect(to: SiteRoute.person(person.person.id).fragment("episodes").path, type: .normal)
    }

    /// Reads a form posted to an episode, runs the change, and returns to the child's episodes.
    func episodeForm(
        _ request: Request, _ context: SafeholdContext, _ episodeId: UUID,
        _ change: (FormData, UUID, AuditContext) async throws -> Void
    ) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        try await change(form, episodeId, try context.audit())
        let child = try await store.childOfEpisode(episodeId, context: try context.audit())
        return .redirect(to: SiteRoute.person(child).fragment("episodes").path, type: .normal)
    }

    func addAction(_ request: Request, _ context: SafeholdContext, _ episodeId: UUID) async throws -> Response {
        try await episodeForm(request, context, episodeId) { form, episode, audit in
            guard let due = form["dueOn"].flatMap(LocalDate.init(iso:)) else {
                throw SafeholdError.invalid([FieldError("dueOn", "give a real date (YYYY-MM-DD)")])
            }
            _ = try await store.addPlanAction(
                episode: episode, what: form["what"] ?? "", who: form["who"] ?? "", dueOn: due, context: audit)
        }
    }

    func updateAction(
        _ request: Request, _ context: SafeholdContext, _ episodeId: UUID, _ action: UUID
    ) async throws -> Response {
        try await episodeForm(request, context, episodeId) { form, episode, audit in
            guard let status = form["status"].flatMap(PlanAction.Status.init(rawValue:)) else {
                throw SafeholdError.invalid([FieldError("status", "choose a status")])
            }
            guard let version = form["version"].flatMap(Int.init) else {
                throw SafeholdError.invalid([FieldError("version", "is missing: reload the page")])
            }
            try await store.updatePlanAction(
                action, episode: episode, status: status, expectedVersion: version, context: audit)
        }
    }

    func addMember(_ request: Request, _ context: SafeholdContext, _ episodeId: UUID) async throws -> Response {
        try await episodeForm(request, context, episodeId) { form, episode, audit in
            guard let kind = form["agencyKind"].flatMap(Agency.Kind.init(rawValue:)) else {
                throw SafeholdError.invalid([FieldError("agencyKind", "choose the kind of agency")])
            }
            try await store.addCoreGroupMember(
                episode: episode, Participant(name: form["name"] ?? "", agency: form["agency"] ?? "", agencyKind: kind),
                context: audit)
        }
    }

    func primaryNeed(_ request: Request, _ context: SafeholdContext, _ episodeId: UUID) async throws -> Response {
        try await episodeForm(request, context, episodeId) { form, episode, audit in
            guard let need = form["primaryNeed"].flatMap(PrimaryNeed.init(rawValue:)) else {
                throw SafeholdError.invalid([FieldError("primaryNeed", "choose a primary need code")])
            }
            try await store.setPrimaryNeed(episode: episode, need, context: audit)
        }
    }
}
