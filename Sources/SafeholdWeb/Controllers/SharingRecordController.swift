import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The information-sharing record's pages: a child's disclosures and requests, recording a disclosure or
/// a decision not to disclose, requests for information and their answers, "Shared with us" for partner
/// agencies and the data protection officer's register.
struct SharingRecordController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.disclosures) { _, context, id in try await self.childsRecord(context, id) }
        group.get(SiteRoute.newDisclosure) { _, context, id in try await self.disclosureForm(context, id, form: nil) }
        group.post(SiteRoute.disclosures) { request, context, id in
            try await self.recordDisclosure(request, context, id)
        }
        group.get(SiteRoute.newInformationRequest) { request, context in
            let query = FormData(request.uri.query ?? "")
            return try await self.requestForm(context, form: nil, child: query["child"])
        }
        group.post(SiteRoute.informationRequests) { request, context in try await self.raiseRequest(request, context) }
        group.get(SiteRoute.informationRequest) { _, context, id in try await self.requestPage(context, id, form: nil) }
        group.post(SiteRoute.informationResponse) { request, context, id in try await self.answer(request, context, id)
        }
        group.get(SiteRoute.sharedWithUs) { _, context in try await self.sharedWithUs(context) }
        group.get(SiteRoute.sharingRegister) { request, context in try await self.registerPage(request, context) }
    }

    func childsRecord(_ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await store.sharingRecord(of: id, context: try context.audit())
        let name = record.child.displayName
        return renderer.page(
            SharingRecordPage(
                chrome: Chrome(title: "Information sharing: \(name)", identity: identity), childName: name,
                personHref: SiteRoute.person(id).path, disclosures: record.disclosures.map(SharingViews.row),
                hasDisclosures: !record.disclosures.isEmpty,
                requests: record.requests.map { SharingViews.row($0, today: store.today, linked: true) },
                hasRequests: !record.requests.isEmpty, mayRecord: record.mayRecord,
                newDisclosureHref: SiteRoute.newDisclosure(id).path,
                newRequestHref: SiteRoute.newInformationRequest.link.query([("child", record.child.localId ?? "")]).path
            ))
    }

    func disclosureForm(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await store.sharingRecord(of: id, context: try context.audit())
        guard record.mayRecord else {
            throw SafeholdError.forbidden(
                "You may not record sharing for this child: it is not allocated to you or your team.")
        }
        let entries = try await store.chronology(
            of: id, kinds: [.contact, .step, .note, .agencyReport], context: try context.audit())
        let state = FormState(
            form, errors: errors,
            defaults: ["sharedOn": store.today.description, "decisionMakerId": identity.user.id.text])
        return renderer.page(
            DisclosureFormPage(
                chrome: Chrome(title: "Record information sharing: \(record.child.displayName)", identity: identity),
                form: state, action: SiteRoute.disclosures(id).path, childName: record.child.displayName,
                backHref: SiteRoute.disclosures(id).path,
                agencies: try await SharingViews.agencies(
                    store, except: identity.user.agencyId, selected: state.values["recipientAgencyId"]),
                choices: try await SharingViews.choices(
                    state, form: form, store: store, actor: identity.actor, records: entries.reversed()),
                today: store.today.description),
            status: status)
    }

    static func input(_ form: FormData, fields: [String]) -> SharingInput {
        SharingInput(Dictionary(uniqueKeysWithValues: fields.map { ($0, form[$0]) }), records: form.all("records"))
    }

    static let disclosureFields = [
        "decision", "what", "recipientAgencyId", "recipientUserId", "recipientName", "sharedOn", "decisionMakerId",
        "lawfulBasis", "consent", "consentReason", "reasons",
    ]

    func recordDisclosure(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        do {
            let draft = try Self.input(form, fields: Self.disclosureFields).sharingDraft(today: store.today)
            _ = try await store.recordDisclosure(about: id, draft, context: try context.audit())
            return .redirect(to: SiteRoute.disclosures(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await disclosureForm(context, id, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    func requestForm(
        _ context: SafeholdContext, form: FormData?, child: String? = nil, errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let own = SharingAccess.mayRaiseRequest(identity.actor).isAllowed
        if !own, case .denied(let reason) = SharingAccess.mayRecordReceivedRequest(identity.actor) {
            throw SafeholdError.forbidden(reason)
        }
        let state = FormState(
            form, errors: errors, defaults: ["child": child ?? "", "receivedOn": store.today.description])
        return renderer.page(
            RequestFormPage(
                chrome: Chrome(title: "Request for information", identity: identity), form: state,
                action: SiteRoute.informationRequests.path, ownAgency: own,
                agencies: try await SharingViews.agencies(
                    store, except: identity.user.agencyId, selected: state.values["agencyId"]),
                channels: Option.list(
                    RequestChannel.allCases.filter { $0 != .safehold }.map { ($0.rawValue, $0.label) },
                    selected: Set([state.values["channel"] ?? ""])),
                today: store.today.description),
            status: status)
    }

    func raiseRequest(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            let localId = (form["child"] ?? "").trimmingCharacters(in: .whitespaces)
            let child = localId.isEmpty ? nil : try await store.findByLocalId(localId, context: try context.audit())
            guard let child else {
                throw SafeholdError.invalid([FieldError("child", "no child you can find has that local id")])
            }
            var fields = ["agencyId", "requesterName", "channel", "receivedOn", "what", "why"]
                .reduce(into: [String: String?]()) { $0[$1] = form[$1] }
            fields["personId"] = child.id.text
            let draft = try SharingInput(fields).requestDraft(raisedBy: identity.actor, today: store.today)
            let saved = try await store.raiseInformationRequest(draft, context: try context.audit())
            let next =
                SharingAccess.mayRaiseRequest(identity.actor).isAllowed
                ? SiteRoute.sharedWithUs.path : SiteRoute.informationRequest(saved.id).path
            return .redirect(to: next, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await requestForm(context, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    func requestPage(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let answered = try await store.informationRequest(id, context: try context.audit())
        let r = answered.request
        let state = FormState(
            form, errors: errors,
            defaults: ["sharedOn": store.today.description, "decisionMakerId": identity.user.id.text])
        var choices: SharingViews.DisclosureChoices?
        if answered.mayAnswer {
            let entries = try await store.chronology(
                of: r.personId, kinds: [.contact, .step, .note, .agencyReport], context: try context.audit())
            choices = try await SharingViews.choices(
                state, form: form, store: store, actor: identity.actor, records: entries.reversed())
        }
        return renderer.page(
            InformationRequestPage(
                chrome: Chrome(title: "Request for information: \(r.childName)", identity: identity),
                request: SharingViews.row(r, today: store.today, linked: false),
                childHref: SiteRoute.disclosures(r.personId).path, isAnswered: r.isAnswered,
                answer: answered.answer.map(SharingViews.row), mayAnswer: answered.mayAnswer, form: state,
                action: SiteRoute.informationResponse(id).path, version: r.version,
                outcomes: state.options("outcome", RequestOutcome.self) { $0.label }, choices: choices,
                today: store.today.description),
            status: status)
    }

    func answer(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        do {
            let input = Self.input(form, fields: Self.disclosureFields + ["outcome", "outcomeReason", "version"])
            var errors: [FieldError] = []
            var response: InformationResponse?
            var draft: SharingDraft?
            do { response = try input.response() } catch SafeholdError.invalid(let e) { errors += e }
            do {
                draft = try input.sharingDraft(today: store.today, agencyRequired: false)
            } catch SafeholdError
                .invalid(let e)
            { errors += e }
            guard let response, let draft, errors.isEmpty else { throw SafeholdError.invalid(errors) }
            _ = try await store.answerInformationRequest(id, response, disclosure: draft, context: try context.audit())
            return .redirect(to: SiteRoute.informationRequest(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await requestPage(context, id, form: form, errors: errors, status: .unprocessableContent)
        }
    }

    func sharedWithUs(_ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let shared = try await store.sharedWithUs(context: try context.audit())
        return renderer.page(
            SharedWithUsPage(
                chrome: Chrome(title: "Shared with us", identity: identity),
                disclosures: shared.disclosures.map(SharingViews.row), hasDisclosures: !shared.disclosures.isEmpty,
                requests: shared.requests.map { SharingViews.row($0, today: store.today, linked: false) },
                hasRequests: !shared.requests.isEmpty, newRequestHref: SiteRoute.newInformationRequest.path))
    }

    /// The filter the query asks for, or none with the reasons it could not be read.
    static func filter(_ query: FormData) -> (SharingRegisterFilter, [FieldError]) {
        do {
            return (
                try SharingRegisterFilter.parse(
                    from: query["from"], to: query["to"], agencyId: query["agencyId"], decision: query["decision"],
                    lawfulBasis: query["lawfulBasis"]), []
            )
        } catch .invalid(let errors) {
            return (SharingRegisterFilter(), errors)
        } catch {
            return (SharingRegisterFilter(), [FieldError("from", "\(error)")])
        }
    }

    func registerPage(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = FormData(request.uri.query ?? "")
        let (filter, errors) = Self.filter(query)
        let register = try await store.sharingRegister(filter, context: try context.audit())
        let state = FormState(query, errors: errors)
        return renderer.page(
            SharingRegisterPage(
                chrome: Chrome(title: "Register of information sharing", identity: identity), form: state,
                action: SiteRoute.sharingRegister.path,
                agencies: Option.list(
                    try await store.agencies().map { ($0.id.text, $0.name) },
                    selected: Set([state.values["agencyId"] ?? ""])),
                decisions: state.options("decision", SharingDecision.self) { $0.label },
                bases: Option.list(
                    try await store.lawfulBases(includeRetired: true).map { ($0.code, $0.label) },
                    selected: Set([state.values["lawfulBasis"] ?? ""])),
                disclosures: register.disclosures.map(SharingViews.row), hasDisclosures: !register.disclosures.isEmpty,
                requests: register.requests.map { SharingViews.row($0, today: store.today, linked: true) },
                hasRequests: !register.requests.isEmpty),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
