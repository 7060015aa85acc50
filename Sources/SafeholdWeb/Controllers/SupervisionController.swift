import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The supervision pages: a manager's team, one worker's supervision with the form to record a session, a
/// session with its reflective part, the worker's own record, and marking an oversight action done.
struct SupervisionController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.supervision) { _, context in
            let identity = try context.requireIdentity()
            let standings = try await self.store.teamSupervision(context: try context.audit())
            let rows = standings.map { StandingRow($0, href: SiteRoute.workerSupervision($0.workerId).path) }
            return self.renderer.page(
                SupervisionTeamPage(
                    chrome: Chrome(title: "Supervision", identity: identity), rows: rows, hasRows: !rows.isEmpty,
                    overdueCount: rows.filter(\.overdue).count))
        }
        group.get(SiteRoute.workerSupervision) { _, context, id in try await self.worker(context, id, form: nil) }
        group.post(SiteRoute.workerSupervision) { request, context, id in
            let form = try await FormData.read(request, context: context)
            do {
                let draft = try SupervisionForm.draft(form)
                let session = try await self.store.recordSupervision(for: id, draft, context: try context.audit())
                return Response.redirect(to: SiteRoute.supervisionSession(session.id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.worker(context, id, form: form, errors: errors)
            }
        }
        group.post(SiteRoute.qualifiedOn) { request, context, id in
            let form = try await FormData.read(request, context: context)
            do {
                _ = try await self.store.setQualifiedOn(
                    id, form["qualifiedOn"], expectedVersion: Int(form["version"] ?? "") ?? -1,
                    context: try context.audit())
                return Response.redirect(to: SiteRoute.workerSupervision(id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.worker(context, id, form: form, errors: errors)
            }
        }
        group.get(SiteRoute.supervisionSession) { _, context, id in
            let identity = try context.requireIdentity()
            let session = try await self.store.supervisionSession(id, context: try context.audit())
            return self.renderer.page(
                SupervisionSessionPage(
                    session,
                    chrome: Chrome(title: "Supervision of \(session.workerName)", identity: identity)))
        }
        group.get(SiteRoute.mySupervision) { _, context in
            let identity = try context.requireIdentity()
            let mine = try await self.store.mySupervision(context: try context.audit())
            let sessions = mine.sessions.map { SessionRow($0, readable: true) }
            return self.renderer.page(
                MySupervisionPage(
                    chrome: Chrome(title: "My supervision", identity: identity),
                    standing: mine.standing.map { StandingRow($0, href: nil) }, sessions: sessions,
                    hasSessions: !sessions.isEmpty))
        }
        group.post(SiteRoute.oversightActionDone) { request, context, id, action in
            let form = try await FormData.read(request, context: context)
            _ = try await self.store.completeOversightAction(
                action, of: id, expectedVersion: Int(form["version"] ?? ""), context: try context.audit())
            return Response.redirect(to: SiteRoute.person(id).fragment("oversight").path, type: .normal)
        }
    }

    private func worker(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError] = []
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let view = try await store.workerSupervision(id, context: try context.audit())
        let children = try await store.discussableChildren(of: view.worker, context: try context.audit())
        let owners = try await store.users().filter {
            $0.active && $0.role.worksWithRecords && $0.teamId != nil && $0.teamId == view.worker.teamId
        }
        return renderer.page(
            SupervisionWorkerPage(
                view, chrome: Chrome(title: "Supervision: \(view.worker.displayName)", identity: identity),
                form: FormState(form, errors: errors), children: children, owners: owners, today: store.today),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// Reads the session form: up to three case discussions of up to two actions each; blank slots are
/// skipped, an unreadable choice or date is named by its field. Core checks the rest.
enum SupervisionForm {
    static let discussionSlots = 3
    static let actionSlots = 2

    static func draft(_ form: FormData) throws(SafeholdError) -> SupervisionDraft {
        var v = Validation()
        let heldOn = v.isoDate("heldOn", form["heldOn"])
        var discussions: [CaseDiscussionDraft] = []
        for i in 0..<discussionSlots {
            let d = "caseDiscussions[\(i)]"
            let childText = form["\(d).childId"] ?? "", decision = form["\(d).decision"] ?? ""
            guard !childText.isEmpty || !decision.isEmpty else { continue }
            guard let child = UUID(uuidString: childText) else {
                v.add("\(d).childId", "choose a child to discuss")
                continue
            }
            var actions: [OversightActionDraft] = []
            for j in 0..<actionSlots {
                let a = "\(d).actions[\(j)]"
                let what = form["\(a).what"] ?? "", owner = form["\(a).ownerId"] ?? ""
                guard !what.isEmpty || !owner.isEmpty else { continue }
                guard let ownerId = UUID(uuidString: owner) else {
                    v.add("\(a).ownerId", "choose who owns the action")
                    continue
                }
                guard let due = v.isoDate("\(a).dueOn", form["\(a).dueOn"]) else { continue }
                actions.append(OversightActionDraft(what: what, ownerId: ownerId, dueOn: due))
            }
            discussions.append(CaseDiscussionDraft(childId: child, decision: decision, actions: actions))
        }
        try v.check()
        return SupervisionDraft(heldOn: heldOn!, reflection: form["reflection"] ?? "", caseDiscussions: discussions)
    }
}
