import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The caseload, search, a person's page, and the forms that create and change people.
struct PeopleController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.home) { _, context in
            // A police officer's work is their team's investigations, not a social care caseload.
            switch try context.requireIdentity().user.role {
            case .police: return Response.redirect(to: SiteRoute.police.path, type: .normal)
            // Unscheduled care asks one question and holds no caseload.
            case .unscheduledCare: return Response.redirect(to: SiteRoute.planLookup.path, type: .normal)
            case .lado: return Response.redirect(to: SiteRoute.ladoHome.path, type: .normal)
            case .mappaCoordinator: return Response.redirect(to: SiteRoute.mappaHome.path, type: .normal)
            default: return try await self.caseload(context)
            }
        }
        group.get(SiteRoute.search) { request, context in try await self.search(request, context) }
        group.get(SiteRoute.newPerson) { _, context in try self.newForm(context) }
        group.post(SiteRoute.newPerson) { request, context in try await self.create(request, context) }
        group.get(SiteRoute.person) { _, context, id in try await self.show(context, id) }
        group.get(SiteRoute.editPerson) { _, context, id in try await self.editForm(context, id) }
        group.post(SiteRoute.editPerson) { request, context, id in try await self.update(request, context, id) }
        group.get(SiteRoute.accessLog) { request, context, id in try await self.accessLog(request, context, id) }
    }

    struct CaseloadSection {
        let key: String, heading: String, empty: String, rows: [PersonRowModel], count: Int, hasRows: Bool
        init(key: String, heading: String, empty: String, rows: [PersonRowModel]) {
            self.key = key; self.heading = heading; self.empty = empty; self.rows = rows; count = rows.count;
            hasRows = !rows.isEmpty
        }
    }
    struct CaseloadModel: Page {
        static let template = Template.caseload
        let chrome: Chrome; let sections: [CaseloadSection]; let worksWithRecords: Bool
        var breaches: [PredictedBreachSection] = []
    }

    func caseload(_ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let audit = try context.audit()
        // Read together, so that their audit entries can share one group commit rather than wait for two.
        async let caseloadRead = store.caseload(context: audit)
        async let breachesRead = PredictedBreachSection.sections(store, context: audit)
        let ((mine, team), breaches) = try await (caseloadRead, breachesRead)
        return renderer.page(
            CaseloadModel(
                chrome: Chrome(title: "My caseload", identity: identity),
                sections: [
                    CaseloadSection(
                        key: "mine", heading: "Allocated to me", empty: "Nobody is allocated to you.",
                        rows: mine.map { PersonRowModel($0, showAccessLog: false) }),
                    CaseloadSection(
                        key: "team", heading: "My team's other records", empty: "None.",
                        rows: team.map { PersonRowModel($0, showAccessLog: false) }),
                ],
                worksWithRecords: identity.user.role.worksWithRecords,
                breaches: breaches))
    }

    struct SearchModel: Page {
        static let template = Template.search
        let chrome: Chrome; let q: String; let dob: String; let searched: Bool; let results: [PersonRowModel];
        let error: String?
        let count: Int, hasResults: Bool
        init(chrome: Chrome, q: String, dob: String, searched: Bool, results: [PersonRowModel], error: String?) {
            self.chrome = chrome; self.q = q; self.dob = dob; self.searched = searched; self.results = results;
            self.error = error
            count = results.count; hasResults = !results.isEmpty
        }
    }

    func search(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = FormData(request.uri.query ?? "")
        let q = query["q"] ?? "", dobText = query["dob"] ?? ""
        let chrome = Chrome(title: "Find a person", identity: identity)
        guard !q.isEmpty || !dobText.isEmpty else {
            return renderer.page(
                SearchModel(chrome: chrome, q: q, dob: dobText, searched: false, results: [], error: nil))
        }
        var dob: LocalDate?
        if !dobText.isEmpty {
            guard let parsed = LocalDate(iso: dobText) else {
                return renderer.page(
                    SearchModel(
                        chrome: chrome, q: q, dob: dobText, searched: false, results: [],
                        error: "Date of birth: '\(dobText)' is not a real date (use YYYY-MM-DD)."),
                    status: .unprocessableContent)
            }
            dob = parsed
        }
        let results = try await store.search(PersonQuery(text: q, dateOfBirth: dob), context: try context.audit())
        let rows = results.map {
            PersonRowModel(
                $0, showAccessLog: identity.user.role.readsAccessLog,
                requestsAccess: identity.user.role.worksWithRecords)
        }
        return renderer.page(SearchModel(chrome: chrome, q: q, dob: dobText, searched: true, results: rows, error: nil))
    }

    func show(_ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        if identity.user.role.readsAccessLog { return .redirect(to: SiteRoute.accessLog(id).path, type: .found) }
        let role = identity.user.role
        // The panels a child's page offers this reader; the store reads them with the record in one pass.
        var panels: PersonPagePanels = [.allocation]
        if role.isChildrensSocialCare { panels.insert(.oversight) }
        if role.isChildrensSocialCare || role == .police {
            panels.insert(.bodyMaps)
            if DocumentAccess.decide(identity.actor, policeView: nil).isAllowed { panels.insert(.documents) }
        }
        if SharingAccess.childsRecordAction(identity.actor) == .view { panels.insert(.sharing) }
        let read = try await store.openPersonPage(id, panels: panels, context: try context.audit())
        let record = read.record
        var page = PersonPage(
            record, chrome: Chrome(title: record.person.displayName, identity: identity), today: store.today,
            ruleset: store.ruleset)
        page.episodes = record.episodes.map { episode in
            var view = EpisodeView(
                episode, canEdit: record.canEdit, isManager: role == .teamManager, today: store.today)
            view.referrals = record.services.map {
                ServiceReferralsView(
                    episode: episode, work: $0, canEdit: record.canEdit, today: store.today,
                    calendar: store.ruleset.calendar)
            }
            return view
        }
        if page.isChild, let documents = read.documents {
            for (index, episode) in record.episodes.enumerated() {
                page.episodes[index].documents = DocumentLinks(
                    documents.filter { $0.owner == .episode(episode.id) }, owner: .episode(episode.id),
                    ruleset: store.ruleset, level: 4)
            }
        }
        page.escalations = record.services.map { EscalationsPanel($0, childId: id) }
        if page.isChild, CourtAccess.mayReadOrders(identity.actor).isAllowed {
            page.courtHref = SiteRoute.court(id).path
        }
        if page.isChild, let oversight = read.oversight {
            page.oversight = OversightPanel(oversight, childId: id, reader: identity.user.id, canEdit: record.canEdit)
        }
        if page.isChild, let maps = read.bodyMaps { page.bodyMaps = BodyMapPanel(maps, childId: id) }
        if let panel = record.police {
            page.investigations = panel.investigations.map { PoliceViews.row($0, store.ruleset) }
            page.protections = panel.protections.map { PoliceViews.row($0, store.ruleset) }
            page.policeDue = panel.due.map(EpisodeView.Due.init)
            if role == .police {
                page.newProtectionHref = SiteRoute.newProtection.link.query([("child", record.person.localId)]).path
            }
        }
        if record.person.details.kind == .adult,
            let profile = try await store.visibleRiskProfile(of: id, actor: identity.actor)
        {
            page.riskProfileHref = SiteRoute.riskProfile(profile).path
        }
        if page.isChild, let allocation = read.allocation {
            page.allocation = AllocationPanel(allocation, personId: id, ruleset: store.ruleset)
        }
        if page.isChild, let sharing = read.sharing { page.sharing = SharingPanel(sharing, personId: id) }
        return renderer.page(page)
    }

    func newForm(_ context: SafeholdContext) throws -> Response {
        let identity = try context.requireIdentity()
        if case .denied(let reason) = store.policy.mayCreatePeople(identity.actor) {
            throw SafeholdError.forbidden(reason)
        }
        return renderer.page(
            PersonFormPage(
                chrome: Chrome(title: "New person", identity: identity), action: SiteRoute.newPerson.path,
                heading: "Record a new person", version: nil,
                fields: PersonForm.fields(details: nil, form: nil, errors: [])))
    }

    func create(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            let details = try PersonForm.details(from: form, previous: nil, today: store.today)
            let person = try await store.createPerson(details, context: try context.audit())
            // The front door sees a child only through a contact awaiting its decision: record that next.
            if identity.actor.role == .frontDoor {
                return .redirect(
                    to: SiteRoute.newContact.link.query([("children", person.localId)]).path, type: .normal)
            }
            return .redirect(to: SiteRoute.person(person.id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return renderer.page(
                PersonFormPage(
                    chrome: Chrome(title: "New person", identity: identity), action: SiteRoute.newPerson.path,
                    heading: "Record a new person", version: nil,
                    fields: PersonForm.fields(details: nil, form: form, errors: errors)),
                status: .unprocessableContent)
        }
    }

    func editForm(_ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await store.openPerson(id, context: try context.audit())
        guard record.canEdit else {
            throw SafeholdError.forbidden(AccessPolicy().decide(identity.actor, .edit, record.facts).reason)
        }
        return renderer.page(
            PersonFormPage(
                chrome: Chrome(title: "Edit \(record.person.displayName)", identity: identity),
                action: SiteRoute.editPerson(id).path,
                heading: "Edit \(record.person.displayName)", version: record.person.version,
                fields: PersonForm.fields(details: record.person.details, form: nil, errors: [])))
    }

    func update(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        guard let version = form["version"].flatMap(Int.init) else {
            throw SafeholdError.invalid([FieldError("version", "is missing: reload the form")])
        }
        let record = try await store.openPerson(id, context: try context.audit())
        do {
            let details = try PersonForm.details(from: form, previous: record.person.details, today: store.today)
            _ = try await store.updatePerson(
                id, details: details, expectedVersion: version, context: try context.audit())
            return .redirect(to: SiteRoute.person(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return renderer.page(
                PersonFormPage(
                    chrome: Chrome(title: "Edit \(record.person.displayName)", identity: identity),
                    action: SiteRoute.editPerson(id).path,
                    heading: "Edit \(record.person.displayName)", version: version,
                    fields: PersonForm.fields(details: nil, form: form, errors: errors)),
                status: .unprocessableContent)
        }
    }

    struct AccessLogModel: Page {
        static let template = Template.accessLog
        struct Line {
            let seq: Int; let at: String; let who: String; let username: String; let role: String; let agency: String
            let action: String; let from: String; let detail: String
        }
        let chrome: Chrome
        let name: String
        let entries: [Line]
        let olderHref: String?
        /// The child's information sharing, which the data protection officer reads too.
        let sharingHref: String
    }

    func accessLog(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        var before: Int?
        if let text = FormData(request.uri.query ?? "")["before"] {
            guard let value = Int(text) else {
                throw SafeholdError.invalid([FieldError("before", "is an entry number")])
            }
            before = value
        }
        let page = try await store.accessLog(of: id, before: before, context: try context.audit())
        let lines = page.lines.map {
            AccessLogModel.Line(
                seq: $0.entry.seq, at: PersonPage.format($0.entry.at, store.ruleset), who: $0.entry.event.actorName,
                username: $0.username ?? "", role: $0.role?.label ?? "", agency: $0.agency ?? "",
                action: $0.entry.event.action.rawValue, from: $0.entry.event.ipAddress ?? "",
                detail: [$0.entry.event.entityType, $0.entry.event.detail].compactMap { $0 }.joined(separator: ": "))
        }
        return renderer.page(
            AccessLogModel(
                chrome: Chrome(title: "Who has seen \(page.person.displayName)", identity: identity),
                name: page.person.displayName,
                entries: lines,
                olderHref: page.olderThan.map { SiteRoute.accessLog(id).query([("before", String($0))]).path },
                sharingHref: SiteRoute.disclosures(id).path))
    }
}

extension AccessDecision {
    /// The refusal's reason, or an empty string when allowed.
    var reason: String {
        if case .denied(let reason) = self { return reason }
        return ""
    }
}
