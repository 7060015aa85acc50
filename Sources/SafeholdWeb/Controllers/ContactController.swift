import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The front door: contacts awaiting a decision, recording a new contact, and the triage decision.
struct ContactController {
    let store: Store
    let renderer: PageRenderer
    var ruleset: Ruleset { store.ruleset }

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.contacts) { _, context in try await self.list(context) }
        group.get(SiteRoute.newContact) { request, context in
            // The front door arrives here from a new child's record with the child's local id.
            let prefill = FormData(request.uri.query ?? "")["children"].map { FormData("children=" + $0) }
            return try self.newForm(context, form: prefill, errors: [])
        }
        group.post(SiteRoute.newContact) { request, context in try await self.create(request, context) }
        group.get(SiteRoute.contact) { _, context, id in try await self.show(context, id, form: nil, errors: []) }
        group.post(SiteRoute.contact) { request, context, id in try await self.decide(request, context, id) }
        group.get(SiteRoute.due) { request, context in try await self.due(request, context) }
    }

    struct Row {
        let href: String; let received: String; let source: String; let due: String; let overdue: Bool;
        let concern: String
    }
    struct ListModel: Page {
        static let template = Template.contacts
        let chrome: Chrome; let rows: [Row]; let hasRows: Bool
    }

    func list(_ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let contacts = try await store.contactsAwaitingDecision(context: try context.audit())
        let today = store.today
        let rows = contacts.map { c in
            Row(
                href: SiteRoute.contact(c.id).path, received: PersonPage.format(c.receivedAt, ruleset),
                source: c.source.label,
                due: PersonPage.format(c.decisionDue(ruleset)), overdue: c.decisionDue(ruleset) < today,
                concern: String(c.concern.prefix(120)))
        }
        return renderer.page(
            ListModel(
                chrome: Chrome(title: "Contacts awaiting a decision", identity: identity),
                rows: rows, hasRows: !rows.isEmpty))
    }

    struct FormModel: Page {
        static let template = Template.contactForm
        let chrome: Chrome; let form: FormState; let sources: [Option]
    }

    func newForm(
        _ context: SafeholdContext, form: FormData?, errors: [FieldError], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let identity = try context.requireIdentity()
        let state = FormState(
            form, errors: errors, defaults: ["receivedAt": ruleset.localTime(of: store.clock.now()).isoMinute])
        return renderer.page(
            FormModel(
                chrome: Chrome(title: "Record a contact", identity: identity), form: state,
                sources: state.options("source", ReferralSource.self) { "\($0.rawValue): \($0.label)" }), status: status
        )
    }

    func create(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        let audit = try context.audit()
        do {
            var v = Validation()
            var children: [UUID] = []
            let localIds = (form["children"] ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace })
            let fits = v.count("children", localIds.count, max: ContactDraft.maxChildren, noun: "children")
            for localId in localIds where fits {
                if let child = try await store.findByLocalId(String(localId), context: audit) {
                    children.append(child.id)
                } else {
                    v.add("children", "no child has the local id \(Validation.shown(String(localId)))")
                }
            }
            // Typed in UK time; stored as the instant it names (UTC).
            let local = form["receivedAt"].flatMap(LocalDateTime.init(iso:))
            let received = local.flatMap { $0.instant(in: ruleset.timeZone) }
            if local == nil {
                v.add("receivedAt", "give the date and time the contact came in")
            } else if received == nil {
                v.add("receivedAt", "does not exist in UK time: the clocks went forward an hour at 1am")
            }
            let source = form["source"].flatMap(ReferralSource.init(rawValue:))
            if source == nil { v.add("source", "choose who raised the concern") }
            try v.check()
            let contact = try await store.recordContact(
                ContactDraft(
                    receivedAt: received!, source: source!, referrerName: form["referrerName"],
                    referrerAgency: form["referrerAgency"],
                    childIds: children, concern: form["concern"] ?? ""), context: audit)
            return .redirect(to: SiteRoute.contact(contact.id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try newForm(context, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    struct ContactModel: Page {
        static let template = Template.contact
        let chrome: Chrome; let action: String; let version: Int; let received: String; let source: String;
        let referrer: String
        let concern: String; let due: String; let overdue: Bool; let children: [PersonRowModel]; let decided: Bool
        let decision: String?; let reason: String?; let urgency: String?; let decidedBy: String?; let informed: String?
        let feedback: String?
        let decisions: [Option]; let urgencies: [Option]; let teams: [Option]; let form: FormState
    }

    func show(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let audit = try context.audit()
        let c = try await store.contact(id, context: audit)
        var children: [PersonRowModel] = []
        for child in c.childIds {
            let record = try await store.openPerson(child, context: audit)
            children.append(
                PersonRowModel(
                    PersonSummary(
                        id: child, localId: record.person.localId, kind: record.person.details.kind,
                        givenName: record.person.details.givenName, familyName: record.person.details.familyName,
                        dateOfBirth: record.person.details.dateOfBirth, canView: true), showAccessLog: false))
        }
        let state = FormState(form, errors: errors)
        let today = store.today
        let teams = Option.list(
            try await store.teams().map { ($0.id.text, $0.name) },
            selected: state.values["allocateTo"].map { [$0] } ?? [])
        return renderer.page(
            ContactModel(
                chrome: Chrome(title: "Contact", identity: identity), action: SiteRoute.contact(id).path,
                version: c.version,
                received: PersonPage.format(c.receivedAt, ruleset), source: "\(c.source.rawValue): \(c.source.label)",
                referrer: c.isAnonymous
                    ? "Anonymous" : [c.referrerName, c.referrerAgency].compactMap { $0 }.joined(separator: ", "),
                concern: c.concern, due: PersonPage.format(c.decisionDue(ruleset)),
                overdue: c.triage == nil && c.decisionDue(ruleset) < today,
                children: children, decided: c.triage != nil, decision: c.triage?.decision.label,
                reason: c.triage?.reason,
                urgency: c.triage?.urgency.rawValue.capitalized, decidedBy: c.triage?.decidedBy,
                informed: c.triage.map { $0.referrerInformedOn.map(PersonPage.format) ?? "Not told" },
                feedback: c.triage?.referrerFeedback,
                decisions: state.options("decision", TriageDecision.self) { $0.label },
                urgencies: state.options("urgency", Urgency.self) { $0.rawValue.capitalized }, teams: teams, form: state
            ),
            status: status)
    }

    func decide(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            var v = Validation()
            let decision = form["decision"].flatMap(TriageDecision.init(rawValue:))
            if decision == nil { v.add("decision", "choose a decision") }
            let urgency = form["urgency"].flatMap(Urgency.init(rawValue:))
            if urgency == nil { v.add("urgency", "choose an urgency rating") }
            var informed: LocalDate?
            if let text = form["referrerInformedOn"] {
                informed = LocalDate(iso: text)
                if informed == nil { v.add("referrerInformedOn", "'\(text)' is not a real date") }
            }
            guard let version = form["version"].flatMap(Int.init) else {
                throw SafeholdError.invalid([FieldError("version", "is missing: reload the page")])
            }
            var team: UUID?
            if let text = form["allocateTo"] {
                team = UUID(uuidString: text)
                if team == nil { v.add("allocateTo", "choose a team from the list") }
            }
            try v.check()
            _ = try await store.triage(
                id,
                TriageDraft(
                    decision: decision!, reason: form["reason"] ?? "", urgency: urgency!,
                    referrerInformedOn: informed, allocateTo: team, referrerFeedback: form["referrerFeedback"]),
                expectedVersion: version, context: try context.audit())
            // The decision ends the front door's sight of the children: it returns to its list.
            if identity.actor.role == .frontDoor { return .redirect(to: SiteRoute.contacts.path, type: .normal) }
            return .redirect(to: SiteRoute.contact(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await show(context, id, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    struct DueRow {
        let name: String; let href: String; let what: String; let due: String; let status: String; let overdue: Bool
    }
    struct Scope { let label: String; let href: String; let current: Bool }
    struct DueModel: Page {
        static let template = Template.due
        let chrome: Chrome; let scopes: [Scope]; let rows: [DueRow]; let hasRows: Bool; let overdueCount: Int
        /// "Page 2 of 5 (230 items)" when the list fills more than one page; the links to the pages either side.
        var pageLabel: String? = nil
        var earlierHref: String? = nil
        var laterHref: String? = nil
        var training: [TrainingDueRow] = []
        var hasTraining = false
        /// Supervision due soon or overdue: the manager's team's workers, and the worker's own.
        var supervision: [StandingRow] = []
        var hasSupervision = false
    }

    func due(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = FormData(request.uri.query ?? "")
        let scope = query["scope"].flatMap(DueListScope.init(rawValue:)) ?? .mine
        var pageNumber = 1
        if let text = query["page"] {
            guard let number = Int(text) else { throw SafeholdError.invalid([FieldError("page", "is a page number")]) }
            pageNumber = number
        }
        let page = try await store.duePage(scope, page: pageNumber, context: try context.audit())
        let rows = page.lines.map {
            DueRow(
                name: $0.child.displayName,
                href: $0.escalationId.map { SiteRoute.escalation($0).path }
                    ?? $0.informationRequestId.map { SiteRoute.informationRequest($0).path }
                    ?? ($0.riskLinkId != nil ? SiteRoute.childRiskLinks($0.child.id).path : nil)
                        ?? $0.proceedingsId.map { SiteRoute.careProceedings($0).path }
                        ?? ($0.courtOrderId != nil ? SiteRoute.court($0.child.id).path : nil)
                            ?? SiteRoute.person($0.child.id).path,
                what: $0.item.what,
                due: PersonPage.format($0.item.dueOn), status: $0.item.status == .overdue ? "Overdue" : "Due soon",
                overdue: $0.item.status == .overdue)
        }
        let labels: [DueListScope: String] = [.mine: "My children", .team: "My team", .service: "The service"]
        let training = try await TrainingDueRow.rows(store, context: try context.audit())
        let supervision = try await store.supervisionDue(context: try context.audit()).map {
            StandingRow(
                $0,
                href: $0.workerId == identity.user.id
                    ? SiteRoute.mySupervision.path : SiteRoute.workerSupervision($0.workerId).path)
        }
        var model =
            DueModel(
                chrome: Chrome(title: "Due and overdue", identity: identity),
                scopes: DueListScope.allCases.map {
                    Scope(
                        label: labels[$0] ?? $0.rawValue, href: SiteRoute.due.link.query([("scope", $0.rawValue)]).path,
                        current: $0 == scope)
                },
                rows: rows, hasRows: !rows.isEmpty, overdueCount: page.overdue, training: training,
                hasTraining: !training.isEmpty)
        if page.pageCount > 1 || page.page > 1 {
            let link = { (number: Int) in
                SiteRoute.due.link.query([("scope", scope.rawValue), ("page", String(number))]).path
            }
            model.pageLabel = "Page \(page.page) of \(page.pageCount) (\(page.total) items)"
            model.earlierHref = page.page > 1 ? link(min(page.page - 1, page.pageCount)) : nil
            model.laterHref = page.page < page.pageCount ? link(page.page + 1) : nil
        }
        model.supervision = supervision
        model.hasSupervision = !supervision.isEmpty
        return renderer.page(model)
    }
}
