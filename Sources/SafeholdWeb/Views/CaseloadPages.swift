import Foundation
import SafeholdCore
import SafeholdStore

/// The team manager's caseload page (children named) or an administrator's figures for every team.
struct TeamCaseloadPage: Page {
    static let template = Template.teamCaseload
    let chrome: Chrome
    let teams: [TeamView]
    let members: [Member]
    let hasMembers: Bool
    let pending: [PendingGrant]
    let hasPending: Bool
    let named: Bool
    let capacity: String

    struct TeamView {
        let key: String; let name: String; let agency: String; let children: Int; let weighted: String
        let unallocatedCount: Int; let contactsAwaiting: Int; let overCapacity: Int
        let workers: [WorkerView]; let unallocated: [ChildView]; let hasUnallocated: Bool
    }
    struct WorkerView {
        let key: String; let name: String; let role: String; let agency: String; let count: Int; let weighted: String
        let over: Bool; let near: Bool; let children: [ChildView]; let hasChildren: Bool
    }
    struct ChildView { let name: String; let href: String?; let localId: String; let stage: String; let since: String }
    struct Member { let name: String; let role: String; let agency: String; let embedded: Bool; let active: Bool }
    struct PendingGrant {
        let child: String; let href: String; let user: String; let asker: String; let reason: String; let until: String
        let edit: Bool; let approvePath: String; let declinePath: String
    }

    static func figure(_ value: Double) -> String { String(format: "%.1f", value) }

    static func child(_ c: CaseloadChild, _ ruleset: Ruleset) -> ChildView {
        ChildView(
            name: c.name ?? "Restricted record", href: c.name == nil ? nil : SiteRoute.allocation(c.personId).path,
            localId: c.localId, stage: c.stage.label, since: ruleset.date(of: c.since).display)
    }

    static func team(_ t: TeamCaseload, _ ruleset: Ruleset) -> TeamView {
        TeamView(
            key: t.teamId.text, name: t.teamName, agency: t.agencyName, children: t.children,
            weighted: figure(t.weighted), unallocatedCount: t.unallocated.count, contactsAwaiting: t.contactsAwaiting,
            overCapacity: t.overCapacity,
            workers: t.workers.map { w in
                WorkerView(
                    key: w.workerId.text, name: w.workerName, role: w.role.label, agency: w.agencyName,
                    count: w.count, weighted: figure(w.weighted), over: w.overCapacity, near: w.nearCapacity,
                    children: w.children.map { child($0, ruleset) }, hasChildren: !w.children.isEmpty)
            }, unallocated: t.unallocated.map { child($0, ruleset) }, hasUnallocated: !t.unallocated.isEmpty)
    }

    static func team(_ t: TeamCaseloadSummary) -> TeamView {
        TeamView(
            key: t.teamId.text, name: t.teamName, agency: t.agencyName, children: t.children,
            weighted: figure(t.weighted), unallocatedCount: t.unallocated, contactsAwaiting: t.contactsAwaiting,
            overCapacity: t.overCapacity,
            workers: t.workers.map { w in
                WorkerView(
                    key: w.workerId.text, name: w.workerName, role: w.role.label, agency: w.agencyName,
                    count: w.children, weighted: figure(w.weighted), over: w.overCapacity,
                    near: !w.overCapacity && w.weighted >= w.capacity * 0.9, children: [], hasChildren: false)
            }, unallocated: [], hasUnallocated: false)
    }
}

/// A child's allocation page: who holds the child, the history with reasons, grants, and the forms.
struct AllocationPage: Page {
    static let template = Template.allocation
    let chrome: Chrome
    let name: String
    let personHref: String
    let current: [Line]
    let history: [Line]
    let grants: [GrantLine]
    let hasGrants: Bool
    let manages: Bool
    let allocateAction: String
    let grantAction: String
    let version: String
    let workers: [Option]
    let teams: [Option]
    let users: [Option]
    let form: FormState
    let problem: String?
    let maxGrantDays: Int

    struct Line {
        let team: String; let worker: String; let from: String; let to: String; let reason: String; let by: String
        let endReason: String
    }
    struct GrantLine {
        let user: String; let access: String; let status: String; let reason: String; let until: String
        let by: String; let revokePath: String?
    }

    static func line(_ e: AllocationEntry, _ ruleset: Ruleset) -> Line {
        Line(
            team: e.teamName ?? "No team", worker: e.workerName ?? "Not allocated to a worker",
            from: ruleset.display(e.startedAt), to: e.endedAt.map(ruleset.display) ?? "",
            reason: e.reason ?? "", by: e.allocatedByName ?? "", endReason: e.endReason ?? "")
    }

    static func grant(_ g: AccessGrant, manages: Bool, _ ruleset: Ruleset) -> GrantLine {
        GrantLine(
            user: g.userName, access: g.canEdit ? "Read and edit" : "Read", status: g.status.rawValue.capitalized,
            reason: g.reason, until: g.expiresAt.map(ruleset.display) ?? "No expiry",
            by: g.grantedByName ?? g.requestedByName ?? "",
            revokePath: manages && g.status == .active ? SiteRoute.revokeGrant(g.id).path : nil)
    }
}

/// The allocation panel on the child's page: who holds the child now and the latest changes.
struct AllocationPanel {
    let lines: [AllocationPage.Line]
    let href: String

    init(_ history: [AllocationEntry], personId: UUID, ruleset: Ruleset) {
        lines = history.prefix(5).map { AllocationPage.line($0, ruleset) }
        href = SiteRoute.allocation(personId).path
    }
}
