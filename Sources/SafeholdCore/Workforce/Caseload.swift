import Foundation

extension CaseStage {
    /// The most demanding stage a child is at, from the record: looked after, then an open child
    /// protection plan, then an open child in need plan, then an open episode (an assessment or an
    /// enquiry under way), then a contact. A child allocated with none of these (the record was opened
    /// before any contact, or the episode has closed) weighs as a contact: the work is deciding what
    /// happens next.
    public static func derive(
        lookedAfter: Bool, openPlans: Set<PlanKind>, openEpisode: Bool
    ) -> CaseStage {
        if lookedAfter { return .lookedAfter }
        if openPlans.contains(.childProtection) { return .protectionPlan }
        if openPlans.contains(.childInNeed) { return .childInNeed }
        if openEpisode { return .assessment }
        return .contact
    }
}

extension RelationshipKind {
    /// Kinds that make two people siblings in a caseload (whatever the household).
    public var isSibling: Bool { self == .sibling || self == .halfSibling || self == .stepSibling }
    /// Kinds that make a person a parent of another: two children who share one are siblings.
    public var isParent: Bool {
        self == .mother || self == .father || self == .adoptiveParent || self == .stepParent
    }
}

/// One child on a worker's caseload (or held by a team without a worker).
public struct CaseloadChild: Hashable, Sendable {
    public let personId: UUID
    /// The child's name, or nil when the reader may not open the record (a restricted record).
    public let name: String?
    public let localId: String
    public let stage: CaseStage
    /// The current allocation row: the version a reallocation must name.
    public let allocationId: UUID
    public let since: Date

    public init(
        personId: UUID, name: String?, localId: String, stage: CaseStage, allocationId: UUID, since: Date
    ) {
        self.personId = personId
        self.name = name
        self.localId = localId
        self.stage = stage
        self.allocationId = allocationId
        self.since = since
    }
}

/// A worker's caseload, weighed by the ruleset.
public struct WorkerCaseload: Hashable, Sendable {
    public let workerId: UUID
    public let workerName: String
    public let role: Role
    /// The worker's own agency (an embedded member's differs from the team's).
    public let agencyName: String
    public let children: [CaseloadChild]
    public let weighted: Double
    public let capacity: Double

    public init(
        workerId: UUID, workerName: String, role: Role, agencyName: String, children: [CaseloadChild],
        weighted: Double, capacity: Double
    ) {
        self.workerId = workerId
        self.workerName = workerName
        self.role = role
        self.agencyName = agencyName
        self.children = children
        self.weighted = weighted
        self.capacity = capacity
    }

    public var count: Int { children.count }
    public var overCapacity: Bool { weighted > capacity }
    /// Within a tenth of capacity, not over it.
    public var nearCapacity: Bool { !overCapacity && weighted >= capacity * 0.9 }
}

/// A team's caseloads: each member who holds cases, and the children the team holds with no worker.
public struct TeamCaseload: Hashable, Sendable {
    public let teamId: UUID
    public let teamName: String
    public let agencyName: String
    public let workers: [WorkerCaseload]
    public let unallocated: [CaseloadChild]

    public init(
        teamId: UUID, teamName: String, agencyName: String, workers: [WorkerCaseload], unallocated: [CaseloadChild]
    ) {
        self.teamId = teamId
        self.teamName = teamName
        self.agencyName = agencyName
        self.workers = workers
        self.unallocated = unallocated
    }

    public var children: Int { workers.reduce(0) { $0 + $1.count } }
    public var weighted: Double { workers.reduce(0) { $0 + $1.weighted } }
    public var overCapacity: Int { workers.filter(\.overCapacity).count }
    /// Unallocated children whose contact still awaits the front door's decision or a team's allocation.
    public var contactsAwaiting: Int { unallocated.filter { $0.stage == .contact }.count }
}

extension CaseloadWeighting {
    /// The weight of one worker's children: children linked by `siblingPairs` (directly or through
    /// another sibling) form one group weighed by `weight(ofSiblings:)`; every other child its stage's
    /// weight.
    public func weigh(_ stages: [UUID: CaseStage], siblingPairs: [(UUID, UUID)]) -> Double {
        var parent: [UUID: UUID] = [:]
        func root(_ id: UUID) -> UUID {
            var node = id
            while let next = parent[node], next != node { node = next }
            return node
        }
        for (a, b) in siblingPairs where stages[a] != nil && stages[b] != nil {
            let ra = root(a), rb = root(b)
            guard ra != rb else { continue }
            if ra.sortsBefore(rb) { parent[rb] = ra } else { parent[ra] = rb }
        }
        var groups: [UUID: [CaseStage]] = [:]
        for (child, stage) in stages { groups[root(child), default: []].append(stage) }
        return groups.values.reduce(0) { $0 + weight(ofSiblings: $1) }
    }
}

/// A worker's caseload in figures only (no child named): what a dashboard or an administrator reads.
public struct CaseloadSummary: Hashable, Sendable {
    public let workerId: UUID
    public let workerName: String
    public let role: Role
    public let agencyName: String
    public let children: Int
    public let weighted: Double
    public let capacity: Double
    public let overCapacity: Bool
}

/// A team's caseloads in figures only.
public struct TeamCaseloadSummary: Hashable, Sendable {
    public let teamId: UUID
    public let teamName: String
    public let agencyName: String
    public let workers: [CaseloadSummary]
    /// Children the team holds with no worker.
    public let unallocated: Int
    /// Of those, children whose case is still at the contact stage.
    public let contactsAwaiting: Int

    public var children: Int { workers.reduce(0) { $0 + $1.children } }
    public var weighted: Double { workers.reduce(0) { $0 + $1.weighted } }
    public var overCapacity: Int { workers.filter(\.overCapacity).count }
}

extension TeamCaseload {
    /// The same caseloads in figures only.
    public var summary: TeamCaseloadSummary {
        TeamCaseloadSummary(
            teamId: teamId, teamName: teamName, agencyName: agencyName,
            workers: workers.map {
                CaseloadSummary(
                    workerId: $0.workerId, workerName: $0.workerName, role: $0.role, agencyName: $0.agencyName,
                    children: $0.count, weighted: $0.weighted, capacity: $0.capacity, overCapacity: $0.overCapacity)
            }, unallocated: unallocated.count, contactsAwaiting: contactsAwaiting)
    }
}
