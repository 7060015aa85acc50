import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// People who pose a risk: the MAPPA home, a risk profile's page, the forms that open and change one,
/// record a meeting, and add and move the plan's actions.
struct RiskController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.mappaHome) { _, context in
            let identity = try context.requireIdentity()
            let home = try await self.store.mappaHome(context: try context.audit())
            let applications =
                DisclosureSchemeAccess.scope(identity.actor) == .none
                ? [] : try await self.store.disclosureApplications(openOnly: true, context: try context.audit())
            return self.renderer.page(
                MappaHomePage(
                    home, applications: applications, today: self.store.today,
                    chrome: Chrome(title: "MAPPA work", identity: identity),
                    canCreate: RiskAccess.mayCreate(identity.actor).isAllowed))
        }
        group.get(SiteRoute.newRiskProfile) { request, context in
            let query = FormData(request.uri.query ?? "")
            if let person = query["person"].flatMap(UUID.init(uuidString:)) {
                return try await self.profileForm(context, person: person, id: nil, form: nil)
            }
            return try await self.search(context, q: query["q"] ?? "")
        }
        group.post(SiteRoute.newRiskProfile) { request, context in
            let form = try await FormData.read(request, context: context)
            guard let person = form["personId"].flatMap(UUID.init(uuidString:)) else {
                return try await self.search(context, q: "")
            }
            do {
                let profile = try await self.store.createRiskProfile(
                    for: person, Self.input(form), context: try context.audit())
                return Response.redirect(to: SiteRoute.riskProfile(profile.id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.profileForm(context, person: person, id: nil, form: form, errors: errors)
            }
        }
        group.get(SiteRoute.riskProfile) { _, context, id in try await self.show(context, id) }
        group.get(SiteRoute.editRiskProfile) { _, context, id in
            let view = try await self.store.riskProfile(id, context: try context.audit())
            guard view.mayEdit else { throw SafeholdError.forbidden(RiskAccess.refusalToEdit) }
            return try await self.profileForm(context, person: view.profile.personId, id: id, form: nil, view: view)
        }
        group.post(SiteRoute.editRiskProfile) { request, context, id in
            let form = try await FormData.read(request, context: context)
            do {
                _ = try await self.store.updateRiskProfile(
                    id, Self.input(form), expectedVersion: Int(form["version"] ?? "") ?? 0,
                    context: try context.audit())
                return Response.redirect(to: SiteRoute.riskProfile(id).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                let view = try await self.store.riskProfile(id, context: try context.audit())
                return try await self.profileForm(
                    context, person: view.profile.personId, id: id, form: form, errors: errors, view: view)
            }
        }
        group.get(SiteRoute.newMappaMeeting) { _, context, id in try await self.meetingForm(context, id, form: nil) }
        group.post(SiteRoute.newMappaMeeting) { request, context, id in
            let form = try await FormData.read(request, context: context)
            do {
                let meeting = try await self.store.recordMappaMeeting(
                    profile: id, Self.meetingInput(form), context: try context.audit())
                return Response.redirect(
                    to: SiteRoute.riskProfile(id).fragment("meeting-\(meeting.id.text)").path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                return try await self.meetingForm(context, id, form: form, errors: errors)
            }
        }
        group.post(SiteRoute.mappaMeetingActions) { request, context, id in
            let form = try await FormData.read(request, context: context)
            let input = MappaActionInput(
                what: form["what"], ownerName: form["ownerName"], ownerAgencyId: form["ownerAgencyId"],
                ownerUserId: form["ownerUserId"], dueOn: form["dueOn"])
            do {
                let action = try await self.store.addMappaAction(meeting: id, input, context: try context.audit())
                return Response.redirect(to: Self.meetingLink(action).path, type: .normal)
            } catch SafeholdError.invalid(let errors) {
                let meeting = try await self.store.mappaMeeting(id, context: try context.audit())
                return try await self.show(context, meeting.profileId, errors: errors)
            }
        }
        group.post(SiteRoute.mappaActionStatus) { request, context, id in
            let form = try await FormData.read(request, context: context)
            let action = try await self.store.updateMappaAction(
                id, status: form["status"], expectedVersion: Int(form["version"] ?? "") ?? 0,
                context: try context.audit())
            return Response.redirect(to: Self.meetingLink(action).path, type: .normal)
        }
    }

    static func meetingLink(_ action: MappaAction) -> Link {
        SiteRoute.riskProfile(action.profileId).fragment("meeting-\(action.meetingId.text)")
    }

    static func input(_ form: FormData) -> RiskProfileInput {
        RiskProfileInput(
            kind: form["kind"], registeredOn: form["registeredOn"], registrationPeriod: form["registrationPeriod"],
            lastNotifiedOn: form["lastNotifiedOn"], lastChangeOn: form["lastChangeOn"],
            changeNotifiedOn: form["changeNotifiedOn"], offences: form.all("offences"),
            riskOfSeriousHarm: form["riskOfSeriousHarm"], riskTo: form.all("riskTo"),
            leadAgencyId: form["leadAgencyId"], offenderManagerUserId: form["offenderManagerUserId"],
            offenderManagerName: form["offenderManagerName"], offenderManagerPhone: form["offenderManagerPhone"],
            mappaCategory: form["mappaCategory"], mappaLevel: form["mappaLevel"], nextMeetingOn: form["nextMeetingOn"])
    }

    /// The meeting form's rows: blank rows are left out.
    static func meetingInput(_ form: FormData) -> MappaMeetingInput {
        let blank = { (s: String) in s.trimmingCharacters(in: .whitespaces).isEmpty }
        let names = form.all("attendeeName"), agencies = form.all("attendeeAgencyId")
        let users = form.all("attendeeUserId")
        let attendees = names.indices.compactMap { i -> MappaAttendeeInput? in
            let agency = i < agencies.count ? agencies[i] : ""
            guard !blank(names[i]) || !blank(agency) else { return nil }
            return MappaAttendeeInput(name: names[i], agencyId: agency, userId: i < users.count ? users[i] : nil)
        }
        let whats = form.all("actionWhat"), owners = form.all("actionOwnerName")
        let ownerAgencies = form.all("actionOwnerAgencyId"), dues = form.all("actionDueOn")
        let actions = whats.indices.compactMap { i -> MappaActionInput? in
            guard !blank(whats[i]) else { return nil }
            return MappaActionInput(
                what: whats[i], ownerName: i < owners.count ? owners[i] : nil,
                ownerAgencyId: i < ownerAgencies.count ? ownerAgencies[i] : nil, dueOn: i < dues.count ? dues[i] : nil)
        }
        return MappaMeetingInput(
            heldOn: form["heldOn"], chairName: form["chairName"], chairUserId: form["chairUserId"],
            attendees: attendees, minutes: form["minutes"], plan: form["plan"], actions: actions,
            disclosureIds: form.all("disclosureIds"), nextReviewOn: form["nextReviewOn"])
    }

    func show(_ context: SafeholdContext, _ id: UUID, errors: [FieldError] = []) async throws -> Response {
        let identity = try context.requireIdentity()
        let view = try await store.riskProfile(id, context: try context.audit())
        return renderer.page(
            RiskProfilePage(
                view, chrome: Chrome(title: "Risk profile: \(view.profile.personName)", identity: identity),
                form: FormState(nil, errors: errors), agencies: try await store.agencies(), userId: identity.user.id,
                today: store.today),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func search(_ context: SafeholdContext, q: String) async throws -> Response {
        let identity = try context.requireIdentity()
        if case .denied(let reason) = RiskAccess.mayCreate(identity.actor) { throw SafeholdError.forbidden(reason) }
        var found: [RiskProfileFormPage.Found] = []
        let text = q.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            found = try await store.adultsForRiskProfile(named: text, context: try context.audit()).map {
                RiskProfileFormPage.Found(
                    name: $0.displayName, born: $0.dateOfBirth.map { "born \($0.display)" } ?? "",
                    href: SiteRoute.newRiskProfile.link.query([("person", $0.id.text)]).path)
            }
        }
        return renderer.page(
            RiskProfileFormPage(
                chrome: Chrome(title: "Open a risk profile", identity: identity), form: FormState(nil),
                heading: "Open a risk profile", action: SiteRoute.newRiskProfile.path, personName: nil, personId: nil,
                version: nil, searchAction: SiteRoute.newRiskProfile.path, q: q, found: found,
                searched: !text.isEmpty, hasFound: !found.isEmpty, kinds: [], offences: [], harms: [], groups: [],
                agencies: [], managers: [], categories: [], levels: []))
    }

    func profileForm(
        _ context: SafeholdContext, person: UUID, id: UUID?, form: FormData?, errors: [FieldError] = [],
        view: RiskProfileView? = nil
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        var name = view?.profile.personName ?? ""
        if view == nil { name = try await store.riskProfileSubject(person, context: try context.audit()) }
        let state =
            form.map { FormState($0, errors: errors) } ?? FormState(values: view.map { Self.values($0.profile) } ?? [:])
        let selected = { (key: String) in Set(form?.all(key) ?? view.map { Self.lists($0.profile)[key] ?? [] } ?? []) }
        let value = { (key: String) in Set([state.values[key]].compactMap { $0 }) }
        let agencies = try await store.agencies().filter { [.police, .probation, .other].contains($0.kind) }
        let managers = try await store.users().filter { u in u.active && agencies.contains { $0.id == u.agencyId } }
        let heading = id == nil ? "Open a risk profile" : "Change the risk profile"
        return renderer.page(
            RiskProfileFormPage(
                chrome: Chrome(title: heading, identity: identity), form: state, heading: heading,
                action: id.map { SiteRoute.editRiskProfile($0).path } ?? SiteRoute.newRiskProfile.path,
                personName: name, personId: person.text, version: view?.profile.version,
                searchAction: SiteRoute.newRiskProfile.path, q: "", found: [], searched: false, hasFound: false,
                kinds: Option.list(RiskPersonKind.allCases.map { ($0.rawValue, $0.label) }, selected: value("kind")),
                offences: Option.list(RiskOffenceCodes.all.map { ($0.code, $0.label) }, selected: selected("offences")),
                harms: Option.list(
                    RiskOfSeriousHarm.allCases.map { ($0.rawValue, $0.label) }, selected: value("riskOfSeriousHarm")),
                groups: Option.list(RiskGroup.allCases.map { ($0.rawValue, $0.label) }, selected: selected("riskTo")),
                agencies: Option.list(agencies.map { ($0.id.text, $0.name) }, selected: value("leadAgencyId")),
                managers: Option.list(
                    managers.map { ($0.id.text, $0.displayName) }, selected: value("offenderManagerUserId")),
                categories: Option.list(
                    MappaCategory.allCases.map { (String($0.rawValue), $0.label) }, selected: value("mappaCategory")),
                levels: Option.list(
                    MappaLevel.allCases.map { (String($0.rawValue), $0.label) }, selected: value("mappaLevel"))),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func values(_ p: RiskProfile) -> [String: String] {
        var values: [String: String] = [
            "kind": p.kind.rawValue, "riskOfSeriousHarm": p.riskOfSeriousHarm.rawValue,
            "leadAgencyId": p.leadAgencyId.text, "offenderManagerPhone": p.offenderManager.phone,
        ]
        if let user = p.offenderManager.userId {
            values["offenderManagerUserId"] = user.text
        } else {
            values["offenderManagerName"] = p.offenderManager.name
        }
        if let r = p.registration {
            values["registeredOn"] = r.registeredOn.description
            values["registrationPeriod"] = r.period.text
            values["lastNotifiedOn"] = r.lastNotifiedOn?.description
            values["lastChangeOn"] = r.lastChangeOn?.description
            values["changeNotifiedOn"] = r.changeNotifiedOn?.description
        }
        values["mappaCategory"] = p.mappaCategory.map { String($0.rawValue) }
        values["mappaLevel"] = p.mappaLevel.map { String($0.rawValue) }
        values["nextMeetingOn"] = p.nextMeetingOn?.description
        return values
    }

    static func lists(_ p: RiskProfile) -> [String: [String]] {
        ["offences": p.offences, "riskTo": p.riskTo.map(\.rawValue)]
    }

    func meetingForm(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError] = []
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let view = try await store.riskProfile(id, context: try context.audit())
        guard view.mayEdit else { throw SafeholdError.forbidden(RiskAccess.refusalToEdit) }
        let agencies = try await store.agencies()
        let users = try await store.users().filter(\.active)
        let agencyOptions = { (picked: String?) in
            Option.list(agencies.map { ($0.id.text, $0.name) }, selected: Set([picked].compactMap { $0 }))
        }
        let userOptions = { (picked: String?) in
            Option.list(users.map { ($0.id.text, $0.displayName) }, selected: Set([picked].compactMap { $0 }))
        }
        let pick = { (key: String, i: Int) -> String? in
            let all = form?.all(key) ?? []
            return i < all.count ? all[i] : nil
        }
        let shared = try await store.sharedWithUs(context: try context.audit()).disclosures
        let chosen = Set(form?.all("disclosureIds") ?? [])
        let review = store.ruleset.due(store.ruleset.risk.mappaReview, from: store.today)
        let interval = MappaMeetingDraft.words(store.ruleset.risk.mappaReview)
        return renderer.page(
            MappaMeetingFormPage(
                chrome: Chrome(title: "Record a MAPPA meeting", identity: identity),
                form: FormState(form, errors: errors, defaults: ["heldOn": store.today.description]),
                personName: view.profile.personName, profileHref: SiteRoute.riskProfile(id).path,
                action: SiteRoute.newMappaMeeting(id).path,
                attendees: (0..<8).map {
                    MappaMeetingFormPage.Row(
                        index: $0, name: pick("attendeeName", $0) ?? "",
                        agency: agencyOptions(pick("attendeeAgencyId", $0)),
                        user: userOptions(pick("attendeeUserId", $0)))
                },
                actions: (0..<5).map {
                    MappaMeetingFormPage.ActionRow(
                        index: $0, what: pick("actionWhat", $0) ?? "", owner: pick("actionOwnerName", $0) ?? "",
                        agency: agencyOptions(pick("actionOwnerAgencyId", $0)), due: pick("actionDueOn", $0) ?? "")
                },
                users: userOptions(form?["chairUserId"]),
                disclosures: shared.map {
                    Option(
                        value: $0.id.text,
                        label: "\($0.sharedOn.display): \($0.childName), \($0.what) (\($0.lawfulBasis))",
                        selected: chosen.contains($0.id.text))
                },
                hasDisclosures: !shared.isEmpty,
                reviewHint: view.profile.mappaLevel?.meets == true
                    ? "by default, and at the latest, \(interval) after the meeting: \(review.display) for one "
                        + "today"
                    : "optional at level 1"),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
