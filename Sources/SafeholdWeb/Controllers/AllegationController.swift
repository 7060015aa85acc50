import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The LADO's pages: the home with its due items, the annual figures, a new allegation and a case with
/// a form for each step. Each handler reads the form and calls one store method; a refused field shows
/// the page again with it named (422).
struct AllegationController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.ladoHome) { _, context in
            let identity = try context.requireIdentity()
            let home = try await self.store.ladoHome(context: try context.audit())
            return self.renderer.page(
                LADOHomePage(home, chrome: Chrome(title: "LADO", identity: identity), today: self.store.today))
        }
        group.get(SiteRoute.ladoFigures) { request, context in
            let identity = try context.requireIdentity()
            let year = try Self.year(request.uri.queryParameters.get("year"), today: self.store.today)
            let figures = try await self.store.allegationFigures(year: year, context: try context.audit())
            return self.renderer.page(
                LADOFiguresPage(figures, chrome: Chrome(title: "LADO figures \(year)", identity: identity)))
        }
        group.get(SiteRoute.newAllegation) { _, context in try self.newForm(context, form: nil) }
        group.post(SiteRoute.newAllegation) { request, context in
            let form = try await FormData.read(request, context: context)
            do {
                let draft = try await self.draft(form, context: context)
                let made = try await self.store.recordAllegation(draft, context: try context.audit())
                return Response.redirect(to: SiteRoute.allegation(made.id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try self.newForm(context, form: form, errors: errors)
            }
        }
        group.get(SiteRoute.allegation) { _, context, id in try await self.show(context, id, form: nil) }
        registerSteps(on: group)
    }

    private func registerSteps(on group: RouterGroup<SafeholdContext>) {
        group.post(SiteRoute.allegationConsideration) { request, context, id in
            try await self.step(request, context, id) { f, version, audit in
                _ = try await self.store.recordConsideration(
                    id, decision: f["decision"], reasons: f["reasons"], on: f["on"], expectedVersion: version,
                    context: audit)
            }
        }
        group.post(SiteRoute.allegationMeeting) { request, context, id in
            try await self.step(request, context, id) { f, version, audit in
                let names = f.all("attendeeName"), agencies = f.all("attendeeAgency")
                let people = (0..<max(names.count, agencies.count)).map { i in
                    Attendee(name: i < names.count ? names[i] : "", agency: i < agencies.count ? agencies[i] : "")
                }
                _ = try await self.store.recordAllegationMeeting(
                    id, kind: f["kind"], on: f["on"], attendees: people, notes: f["notes"], expectedVersion: version,
                    context: audit)
            }
        }
        group.post(SiteRoute.allegationActions) { request, context, id in
            try await self.step(request, context, id) { f, version, audit in
                _ = try await self.store.addAllegationAction(
                    id, owner: f["owner"], what: f["what"], dueOn: f["dueOn"], expectedVersion: version, context: audit)
            }
        }
        group.post(SiteRoute.allegationActionDone) { request, context, id in
            try await self.step(request, context, id) { f, version, audit in
                _ = try await self.store.completeAllegationAction(
                    id, actionId: f["actionId"], doneOn: f["doneOn"], expectedVersion: version, context: audit)
            }
        }
        group.post(SiteRoute.allegationEmployment) { request, context, id in
            try await self.step(request, context, id) { f, version, audit in
                _ = try await self.store.recordEmployment(
                    id, status: f["status"], from: f["from"], note: f["note"], expectedVersion: version, context: audit)
            }
        }
        group.post(SiteRoute.allegationOutcome) { request, context, id in
            try await self.step(request, context, id) { f, version, audit in
                _ = try await self.store.recordAllegationOutcome(
                    id,
                    .init(
                        outcome: f["outcome"], on: f["on"], notes: f["notes"], dbsReferredOn: f["dbsReferredOn"],
                        regulatorReferredOn: f["regulatorReferredOn"], regulatorName: f["regulatorName"],
                        referralNote: f["referralNote"]), expectedVersion: version, context: audit)
            }
        }
        group.post(SiteRoute.allegationChildren) { request, context, id in
            try await self.step(request, context, id) { f, version, audit in
                let child = try await self.localId(f["childLocalId"], field: "childLocalId", audit: audit)
                _ = try await self.store.linkAllegationChild(
                    id, childId: child.text, expectedVersion: version, context: audit)
            }
        }
        group.post(SiteRoute.allegationContacts) { request, context, id in
            try await self.step(request, context, id) { f, version, audit in
                _ = try await self.store.raiseContactFromAllegation(
                    id, childId: f["childId"], concern: f["concern"], expectedVersion: version, context: audit)
            }
        }
        group.post(SiteRoute.allegationGrants) { request, context, id in
            try await self.step(request, context, id) { f, version, audit in
                let user = try await self.userId(f["username"], field: "username")
                _ = try await self.store.grantSubjectAccess(
                    id, userId: user?.text, reason: f["reason"], expectedVersion: version, context: audit)
            }
        }
    }

    /// Runs one step from the case's page; a refused field shows the page again with it named.
    private func step(
        _ request: Request, _ context: SafeholdContext, _ id: UUID,
        _ body: (FormData, Int, AuditContext) async throws -> Void
    ) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        do {
            try await body(form, Int(form["version"] ?? "") ?? 0, try context.audit())
            return .redirect(to: SiteRoute.allegation(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await show(context, id, form: form, errors: errors)
        }
    }

    func show(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError] = []
    ) async throws
        -> Response
    {
        let identity = try context.requireIdentity()
        let allegation = try await store.allegation(id, context: try context.audit())
        return renderer.page(
            AllegationPage(
                allegation, chrome: Chrome(title: "Allegation about \(allegation.subjectName)", identity: identity),
                form: FormState(form, errors: errors), today: store.today, ruleset: store.ruleset),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func newForm(_ context: SafeholdContext, form: FormData?, errors: [FieldError] = []) throws -> Response {
        let identity = try context.requireIdentity()
        if case .denied(let reason) = store.policy.mayRecordAllegations(identity.actor) {
            throw SafeholdError.forbidden(reason)
        }
        let state = FormState(
            form, errors: errors, defaults: ["receivedAt": store.ruleset.localTime(of: store.clock.now()).isoMinute])
        return renderer.page(
            AllegationFormPage(
                chrome: Chrome(title: "Record a new allegation", identity: identity), form: state,
                ticked: Set(form?.all("criteria") ?? [])),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Reads the new-allegation form: the subject and children by local id, the subject user by username.
    private func draft(_ form: FormData, context: SafeholdContext) async throws -> AllegationDraft {
        let audit = try context.audit()
        var v = Validation()
        var subjectId: UUID?
        if form["subjectLocalId"].nonBlank != nil {
            subjectId = try? await localId(form["subjectLocalId"], field: "subjectLocalId", audit: audit)
            if subjectId == nil { v.add("subjectLocalId", "no person Safehold holds has that local id") }
        }
        var user: UUID?
        do {
            user = try await userId(form["subjectUsername"], field: "subjectUsername")
        } catch SafeholdError.invalid(let errors) {
            v.merge(errors)
        }
        var children: [String] = []
        let localIds = (form["children"] ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace })
        if v.count("children", localIds.count, max: AllegationDraft.maxChildren, noun: "children") {
            for localId in localIds {
                if let child = try await store.findByLocalId(String(localId), context: audit) {
                    children.append(child.id.text)
                } else {
                    v.add("children", "no child has the local id \(Validation.shown(String(localId)))")
                }
            }
        }
        let local = form["receivedAt"].flatMap(LocalDateTime.init(iso:))
        let received = local.flatMap { $0.instant(in: store.ruleset.timeZone) }
        if form["receivedAt"].nonBlank != nil && received == nil {
            v.add("receivedAt", "give the date and time the allegation came in (UK time)")
        }
        var draft: AllegationDraft?
        var found: [FieldError] = []
        do {
            draft = try AllegationDraft.validated(
                subjectId: subjectId?.text, subjectGivenName: form["subjectGivenName"],
                subjectFamilyName: form["subjectFamilyName"], subjectDateOfBirth: form["subjectDateOfBirth"],
                subjectUserId: user?.text, source: form["source"], referrerName: form["referrerName"],
                referrerOrganisation: form["referrerOrganisation"], employerName: form["employerName"],
                sector: form["sector"], role: form["role"], criteria: form.all("criteria"), summary: form["summary"],
                receivedAt: received, childIds: children, now: store.clock.now(), today: store.today)
        } catch .invalid(let errors) {
            found = errors
        } catch {
            throw error
        }
        // A local id that was refused above is the subject's field; Core's "choose the person" repeats it.
        if form["subjectLocalId"].nonBlank != nil { found.removeAll { $0.field == "subjectId" } }
        v.merge(found)
        try v.check()
        return draft!
    }

    /// A person's id from a local id the actor may find by name; a 422 naming `field` otherwise.
    private func localId(_ text: String?, field: String, audit: AuditContext) async throws -> UUID {
        guard let text = text.nonBlank, let found = try await store.findByLocalId(text, context: audit) else {
            throw SafeholdError.invalid([FieldError(field, "no record you may find has that local id")])
        }
        return found.id
    }

    /// A user's id from their username (nil when none is given); a 422 naming `field` when there is none.
    private func userId(_ text: String?, field: String) async throws -> UUID? {
        guard let name = text.nonBlank?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard name.count <= 100, let account = try await store.account(username: name) else {
            throw SafeholdError.invalid([FieldError(field, "there is no user with that username")])
        }
        return account.user.id
    }

    static func year(_ text: String?, today: LocalDate) throws(SafeholdError) -> Int {
        guard let text = text.nonBlank else { return today.year }
        guard let year = Int(text.trimmingCharacters(in: .whitespaces)), (1900...2100).contains(year) else {
            throw .invalid([FieldError("year", "must be a year from 1900 to 2100")])
        }
        return year
    }
}
