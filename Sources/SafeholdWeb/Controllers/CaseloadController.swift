import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The team manager's caseloads (an administrator's figures), a child's allocation history and
/// access grants, allocation and grant decisions. Every decision is the store's.
struct CaseloadController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.workforceCaseloads.routerPath) { request, context in
            // A `team` that is not an id is refused, not taken for the manager's own team.
            try await self.caseloads(context, team: try WorkforceDashboardController.team(request))
        }
        group.get(SiteRoute.allocation) { _, context, id in try await self.allocationPage(context, id) }
        group.post(SiteRoute.allocation) { request, context, id in try await self.allocate(request, context, id) }
        group.post(SiteRoute.personGrants) { request, context, id in try await self.grant(request, context, id) }
        group.post(SiteRoute.approveGrant) { request, context, id in
            try await self.decide(request, context, id, approve: true)
        }
        group.post(SiteRoute.declineGrant) { request, context, id in
            try await self.decide(request, context, id, approve: false)
        }
        group.post(SiteRoute.revokeGrant) { request, context, id in
            _ = try await FormData.read(request, context: context)
            let child = try await self.store.revokeGrant(id, context: try context.audit())
            return Response.redirect(to: SiteRoute.allocation(child).path, type: .normal)
        }
    }

    /// The manager's own team, child by child; an administrator's figures for one team or all.
    func caseloads(_ context: SafeholdContext, team: UUID?) async throws -> Response {
        let identity = try context.requireIdentity()
        let audit = try context.audit()
        let chrome = Chrome(title: "Caseloads", identity: identity)
        let capacity = TeamCaseloadPage.figure(store.ruleset.workforce.caseload.capacity)
        if identity.user.role == .administrator {
            var teams = team.map { [$0] } ?? []
            if team == nil { teams = try await store.teams().map(\.id) }
            let figures = try await store.caseloads(teams: teams, context: audit)
            var members: [TeamMember] = []
            if let team { members = try await store.teamMembers(team, context: audit) }
            return renderer.page(
                TeamCaseloadPage(
                    chrome: chrome, teams: figures.map(TeamCaseloadPage.team), members: members.map(Self.member),
                    hasMembers: !members.isEmpty, pending: [], hasPending: false, named: false, capacity: capacity))
        }
        guard let own = identity.user.teamId, team == nil || team == own else {
            throw SafeholdError.forbidden("Only the team's own managers see its caseloads child by child.")
        }
        // Read together, so that the two lists' audit entries can share one group commit rather than wait for two.
        async let caseloadRead = store.teamCaseload(own, context: audit)
        async let membersRead = store.teamMembers(own, context: audit)
        async let pendingRead = store.pendingGrants(context: audit)
        let (caseload, members, pending) = try await (caseloadRead, membersRead, pendingRead)
        let names = Dictionary(
            (caseload.workers.flatMap(\.children) + caseload.unallocated).map { ($0.personId, $0.name ?? $0.localId) },
            uniquingKeysWith: { a, _ in a })
        return renderer.page(
            TeamCaseloadPage(
                chrome: chrome, teams: [TeamCaseloadPage.team(caseload, store.ruleset)],
                members: members.map(Self.member), hasMembers: !members.isEmpty,
                pending: pending.map { g in
                    .init(
                        child: names[g.personId] ?? "A child of the team", href: SiteRoute.allocation(g.personId).path,
                        user: g.userName, asker: g.requestedByName ?? "", reason: g.reason,
                        until: g.expiresAt.map(store.ruleset.display) ?? "", edit: g.canEdit,
                        approvePath: SiteRoute.approveGrant(g.id).path, declinePath: SiteRoute.declineGrant(g.id).path)
                }, hasPending: !pending.isEmpty, named: true, capacity: capacity))
    }

    static func member(_ m: TeamMember) -> TeamCaseloadPage.Member {
        .init(name: m.displayName, role: m.role.label, agency: m.agencyName, embedded: m.embedded, active: m.active)
    }

    func allocationPage(
        _ context: SafeholdContext, _ id: UUID, form: FormData? = nil, errors: [FieldError] = [],
        problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let file = try await store.allocationFile(of: id, context: try context.audit())
        let version = file.current.first { $0.teamId == identity.user.teamId } ?? file.current.first
        let users = try await store.users().filter { $0.active && $0.role.worksWithRecords }
        let state = FormState(form, errors: errors)
        return renderer.page(
            AllocationPage(
                chrome: Chrome(title: "Allocation: \(file.childName)", identity: identity), name: file.childName,
                personHref: SiteRoute.person(id).path,
                current: file.current.map { AllocationPage.line($0, store.ruleset) },
                history: file.history.map { AllocationPage.line($0, store.ruleset) },
                grants: file.grants.map { AllocationPage.grant($0, manages: file.manages, store.ruleset) },
                hasGrants: !file.grants.isEmpty, manages: file.manages, allocateAction: SiteRoute.allocation(id).path,
                grantAction: SiteRoute.personGrants(id).path, version: version?.id.text ?? "",
                workers: Option.list(
                    file.workers.map {
                        ($0.userId.text, "\($0.displayName) (\($0.role.label), \($0.agencyName))")
                    },
                    selected: Set([state.values["workerId"]].compactMap { $0 })),
                teams: Option.list(
                    file.teams.map { ($0.id.text, $0.name) },
                    selected: Set([state.values["teamId"]].compactMap { $0 })),
                users: Option.list(
                    users.map { ($0.id.text, "\($0.displayName) (\($0.role.label))") },
                    selected: Set([state.values["userId"]].compactMap { $0 })),
                form: state, problem: problem, maxGrantDays: AccessGrantRules.england.maximumDays),
            status: status)
    }

    func allocate(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let draft = AllocationDraft(
            workerId: form["workerId"].flatMap(UUID.init), teamId: form["teamId"].flatMap(UUID.init),
            reason: form["reason"] ?? "", expected: form["version"].flatMap(UUID.init))
        return try await answering(context, id, form) {
            try await store.allocate(id, draft, context: try context.audit())
        }
    }

    func grant(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let draft = AccessGrantDraft(
            userId: form["userId"].flatMap(UUID.init), canEdit: form.flag("canEdit"),
            reason: form["grantReason"] ?? "", expiresOn: form["expiresOn"] ?? "")
        return try await answering(context, id, form) {
            try await store.requestGrant(id, draft, context: try context.audit())
        }
    }

    /// Back to the allocation page after a write; its refusals (422, 409) shown on the page.
    private func answering<T>(
        _ context: SafeholdContext, _ id: UUID, _ form: FormData, _ write: () async throws -> T
    ) async throws -> Response {
        do {
            _ = try await write()
            return .redirect(to: SiteRoute.allocation(id).path, type: .normal)
        } catch SafeholdError.invalid(let errors) {
            return try await allocationPage(context, id, form: form, errors: errors, status: .unprocessableContent)
        } catch SafeholdError.conflict(let message) {
            return try await allocationPage(context, id, form: form, problem: message, status: .conflict)
        }
    }

    func decide(_ request: Request, _ context: SafeholdContext, _ id: UUID, approve: Bool) async throws -> Response {
        _ = try await FormData.read(request, context: context)
        _ = try await store.decideGrant(id, approve: approve, context: try context.audit())
        return .redirect(to: SiteRoute.workforceCaseloads.path, type: .normal)
    }
}
