import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The training and accreditation register in the pages: my training (`/me/training`), a worker's register
/// for their manager (`/workforce/training/{id}`), the team view (`/workforce/training`) and the overrides of
/// the accreditation gates (`/workforce/overrides`).
struct TrainingController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.myTraining) { _, context in
            try await self.worker(try context.requireIdentity().user.id, own: true, context, form: nil, errors: [])
        }
        group.post(SiteRoute.myTraining) { request, context in
            try await self.record(request, context, for: try context.requireIdentity().user.id, own: true)
        }
        group.get(SiteRoute.workerTraining) { _, context, id in
            try await self.worker(id, own: false, context, form: nil, errors: [])
        }
        group.post(SiteRoute.workerTraining) { request, context, id in
            try await self.record(request, context, for: id, own: false)
        }
        group.get(SiteRoute.workforceTraining) { request, context in
            try await self.team(context, form: FormData(request.uri.query ?? ""))
        }
        group.get(SiteRoute.trainingOverrides) { _, context in
            try await self.overrides(context, form: nil, errors: [])
        }
        group.post(SiteRoute.trainingOverrides) { request, context in
            let form = try await FormData.read(request, context: context)
            do {
                _ = try await self.store.recordTrainingOverride(
                    act: form["act"], userId: form["userId"], reason: form["reason"], context: try context.audit())
                return Response.redirect(to: SiteRoute.trainingOverrides.path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.overrides(context, form: form, errors: errors, status: .unprocessableContent)
            }
        }
    }

    func record(_ request: Request, _ context: SafeholdContext, for user: UUID, own: Bool) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        do {
            _ = try await store.recordTraining(
                TrainingDraft(
                    course: form["course"], completedOn: form["completedOn"], expiresOn: form["expiresOn"],
                    provider: form["provider"], evidenceReference: form["evidenceReference"]),
                for: user, context: try context.audit())
            let back = own ? SiteRoute.myTraining.path : SiteRoute.workerTraining(user).path
            return Response.redirect(to: back, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await worker(user, own: own, context, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    func worker(
        _ user: UUID, own: Bool, _ context: SafeholdContext, form: FormData?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let training = try await store.training(of: user, context: try context.audit())
        let catalogue = store.ruleset.workforce.training
        let allowed = catalogue.courses.filter {
            TrainingAccess.recordRefusal(identity.actor, training.worker.facts, course: $0) == nil
        }
        let state = FormState(form, errors: errors)
        let title = own ? "My training and accreditations" : "Training: \(training.worker.displayName)"
        return renderer.page(
            TrainingPage(
                chrome: Chrome(title: title, identity: identity), form: state, heading: title, own: own,
                action: own ? SiteRoute.myTraining.path : SiteRoute.workerTraining(user).path,
                standing: training.standing.map(StandingLine.init), hasStanding: !training.standing.isEmpty,
                records: training.records.reversed().map { RecordLine($0, catalogue: catalogue) },
                hasRecords: !training.records.isEmpty,
                courses: Option.list(
                    allowed.map { ($0.code, $0.label) }, selected: state.values["course"].map { [$0] } ?? []),
                mayRecord: !allowed.isEmpty),
            status: status)
    }

    func team(_ context: SafeholdContext, form: FormData) async throws -> Response {
        let identity = try context.requireIdentity()
        let team = try TrainingForms.team(form["team"])
        let all = try await store.workforceTraining(context: try context.audit())
        let shown = team.map { t in all.filter { $0.worker.teamId == t } } ?? all
        let names: (([CourseStanding]) -> String) = { list in list.map(\.course.label).joined(separator: "; ") }
        let rows = shown.map { w in
            TrainingTeamPage.Row(
                name: w.worker.displayName, link: SiteRoute.workerTraining(w.worker.id).path,
                team: w.worker.teamName ?? "", role: w.worker.role.label,
                current: names(w.standing.filter { $0.state == .current }),
                expiring: w.standing.filter { $0.state == .expiring }.map {
                    "\($0.course.label) (\($0.latest?.expiresOn?.display ?? ""))"
                }.joined(separator: "; "),
                expired: w.expired.map { "\($0.course.label) (\($0.latest?.expiresOn?.display ?? ""))" }.joined(
                    separator: "; "),
                missing: names(w.missing))
        }
        var figures = [TrainingTeamPage.Figure(label: "Workers", count: shown.count)]
        figures.append(
            .init(
                label: "With everything current", count: shown.filter { $0.expired.isEmpty && $0.missing.isEmpty }.count
            ))
        figures.append(.init(label: "With an expired course", count: shown.filter { !$0.expired.isEmpty }.count))
        for days in store.ruleset.workforce.training.reminderDays {
            figures.append(
                .init(
                    label: "Expiring within \(days) days",
                    count: shown.map { $0.expiring(within: days).count }.reduce(0, +)))
        }
        var seen = Set<UUID>(), teams: [(String, String)] = [("", "All teams")]
        for w in all {
            if let t = w.worker.teamId, seen.insert(t).inserted {
                teams.append((t.text, w.worker.teamName ?? ""))
            }
        }
        return renderer.page(
            TrainingTeamPage(
                chrome: Chrome(title: "Training and accreditations", identity: identity), form: FormState(form),
                rows: rows, hasRows: !rows.isEmpty, figures: figures,
                teams: Option.list(teams, selected: [team?.text ?? ""]), choosesTeam: teams.count > 2))
    }

    static func describe(_ t: Timescale) -> String {
        switch t {
        case .calendarDays(let n): "\(n) days"
        case .workingDays(let n): "\(n) working days"
        case .weeks(let n): "\(n) weeks"
        case .calendarMonths(let n): "\(n) months"
        case .hours(let n): "\(n) hours"
        }
    }

    func overrides(
        _ context: SafeholdContext, form: FormData?, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let audit = try context.audit()
        let list = try await store.trainingOverrides(context: audit)
        var workers = try await store.workforceTraining(context: audit).map(\.worker)
        if identity.actor.role == .police {
            workers = try await store.policeOfficerDirectory(context: audit).map {
                TrainingWorker(
                    id: $0.id, displayName: $0.displayName, role: .police, agencyId: identity.actor.agencyId,
                    teamId: $0.teamId, teamName: $0.teamName, active: true)
            }
        }
        let candidates = workers.filter { w in
            GatedAct.allCases.contains { TrainingAccess.overrideRefusal(identity.actor, w.facts, act: $0) == nil }
        }
        let state = FormState(form, errors: errors)
        let rows = list.map { o in
            TrainingOverridesPage.Row(
                worker: o.userName, act: o.act.label, reason: o.reason, by: o.recordedByName,
                at: store.ruleset.display(o.recordedAt), validUntil: o.validUntil.display,
                used: o.usedAt.map { store.ruleset.display($0) } ?? "Not used")
        }
        return renderer.page(
            TrainingOverridesPage(
                chrome: Chrome(title: "Overrides of accreditation gates", identity: identity), form: state,
                rows: rows, hasRows: !rows.isEmpty,
                acts: Option.list(
                    GatedAct.allCases.map { ($0.rawValue, $0.label) },
                    selected: state.values["act"].map { [$0] } ?? []),
                workers: Option.list(
                    candidates.map { ($0.id.text, $0.displayName) },
                    selected: state.values["userId"].map { [$0] } ?? []),
                mayOverride: !candidates.isEmpty,
                validity: Self.describe(store.ruleset.workforce.training.overrideValidity)),
            status: status)
    }
}
