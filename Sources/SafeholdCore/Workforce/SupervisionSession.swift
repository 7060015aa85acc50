import Foundation

/// An action agreed in supervision about a child: what is to be done, by whom (a user), by when.
public struct OversightActionDraft: Hashable, Codable, Sendable {
    public var what: String
    public var ownerId: UUID
    public var dueOn: LocalDate

    public init(what: String, ownerId: UUID, dueOn: LocalDate) {
        self.what = what
        self.ownerId = ownerId
        self.dueOn = dueOn
    }
}

/// One child discussed in supervision: the manager's decision and the actions agreed. It becomes a
/// management oversight entry on the child's record.
public struct CaseDiscussionDraft: Hashable, Codable, Sendable {
    public var childId: UUID
    public var decision: String
    public var actions: [OversightActionDraft]

    public init(childId: UUID, decision: String, actions: [OversightActionDraft] = []) {
        self.childId = childId
        self.decision = decision
        self.actions = actions
    }
}

/// A supervision session as the supervisor records it: the date, the case discussions (each written
/// to its child's record) and the reflective part, which stays in the worker's supervision record.
public struct SupervisionDraft: Hashable, Codable, Sendable {
    public var heldOn: LocalDate
    public var reflection: String
    public var caseDiscussions: [CaseDiscussionDraft]

    public init(heldOn: LocalDate, reflection: String, caseDiscussions: [CaseDiscussionDraft] = []) {
        self.heldOn = heldOn
        self.reflection = reflection
        self.caseDiscussions = caseDiscussions
    }

    public static let maxDiscussions = 30
    public static let maxActions = 20

    /// Checks what the supervisor typed: a date not in the future, text within limits and free of
    /// control and bidirectional characters, each child discussed once, actions due on or after the session.
    public func validate(today: LocalDate) throws(SafeholdError) {
        var v = Validation()
        v.date("heldOn", heldOn, required: true, notAfter: today)
        v.text("reflection", reflection, max: 8000, multiline: true)
        if v.count("caseDiscussions", caseDiscussions.count, max: Self.maxDiscussions, noun: "case discussions") {
            var seen = Set<UUID>()
            for (i, d) in caseDiscussions.enumerated() {
                let field = "caseDiscussions[\(i)]"
                if !seen.insert(d.childId).inserted { v.add("\(field).childId", "is discussed twice in this session") }
                v.text("\(field).decision", d.decision, required: true, max: 4000, multiline: true)
                guard v.count("\(field).actions", d.actions.count, max: Self.maxActions, noun: "actions") else {
                    continue
                }
                for (j, a) in d.actions.enumerated() {
                    v.text("\(field).actions[\(j)].what", a.what, required: true, max: 1000)
                    v.date(
                        "\(field).actions[\(j)].dueOn", a.dueOn, notBefore: heldOn,
                        beforeMessage: "cannot be before the session")
                }
            }
        }
        try v.check()
    }
}

/// An action of a management oversight entry, as its owner and the child's holders see it.
public struct OversightAction: Identifiable, Hashable, Sendable {
    public enum Status: String, CaseIterable, Codable, Sendable {
        case open, done

        public var label: String { self == .open ? "Open" : "Done" }
    }

    public let id: UUID
    public let entryId: UUID
    public let childId: UUID
    public let what: String
    public let ownerId: UUID
    public let ownerName: String
    public let dueOn: LocalDate
    public let status: Status
    public let version: Int

    public init(
        id: UUID, entryId: UUID, childId: UUID, what: String, ownerId: UUID, ownerName: String, dueOn: LocalDate,
        status: Status, version: Int
    ) {
        self.id = id
        self.entryId = entryId
        self.childId = childId
        self.what = what
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.dueOn = dueOn
        self.status = status
        self.version = version
    }
}

/// A management oversight entry on a child's record: the decision a manager took about the child in
/// a worker's supervision, and the actions agreed. It carries nothing of the session's reflective part.
public struct OversightEntry: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let childId: UUID
    public let childName: String
    public let decidedOn: LocalDate
    public let decision: String
    public let workerName: String
    public let managerName: String
    public let actions: [OversightAction]

    public init(
        id: UUID, childId: UUID, childName: String, decidedOn: LocalDate, decision: String, workerName: String,
        managerName: String, actions: [OversightAction]
    ) {
        self.id = id
        self.childId = childId
        self.childName = childName
        self.decidedOn = decidedOn
        self.decision = decision
        self.workerName = workerName
        self.managerName = managerName
        self.actions = actions
    }
}

/// A recorded supervision session. `reflection` is nil for a reader who may not read it (only the
/// worker and the supervisor who recorded it may); `hasReflection` says whether one was written.
public struct SupervisionSession: Identifiable, Hashable, Sendable {
    public let id: UUID
    public let workerId: UUID
    public let workerName: String
    public let supervisorId: UUID
    public let supervisorName: String
    public let heldOn: LocalDate
    public let hasReflection: Bool
    public let reflection: String?
    public let discussions: [OversightEntry]

    public init(
        id: UUID, workerId: UUID, workerName: String, supervisorId: UUID, supervisorName: String,
        heldOn: LocalDate, hasReflection: Bool, reflection: String?, discussions: [OversightEntry]
    ) {
        self.id = id
        self.workerId = workerId
        self.workerName = workerName
        self.supervisorId = supervisorId
        self.supervisorName = supervisorName
        self.heldOn = heldOn
        self.hasReflection = hasReflection
        self.reflection = reflection
        self.discussions = discussions
    }
}
