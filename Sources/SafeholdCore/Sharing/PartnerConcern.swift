import Foundation

/// A child a partner professional describes because they did not find them in Safehold (or did not
/// look): what they know, for the front door to identify or open a record.
public struct DescribedChild: Hashable, Codable, Sendable {
    public var name: String
    public var dateOfBirth: LocalDate?
    public var address: String?
    public var school: String?
    public var gp: String?

    public init(name: String, dateOfBirth: LocalDate?, address: String?, school: String?, gp: String?) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.address = address
        self.school = school
        self.gp = gp
    }
}

/// A concern as a partner professional (school, health, probation, youth service, housing) raises it:
/// about children they found by name, children they describe, or both.
public struct PartnerConcernDraft: Hashable, Sendable {
    public var childIds: [UUID]
    public var describedChildren: [DescribedChild]
    public var seenOrHeard: String
    public var childsWords: String?
    public var actionTaken: String?
    /// Whether the parents know a concern is being raised; nil when the raiser did not say.
    public var parentsAware: Bool?
    public var parentsNotAwareReason: String?

    public init(
        childIds: [UUID], describedChildren: [DescribedChild], seenOrHeard: String, childsWords: String?,
        actionTaken: String?, parentsAware: Bool?, parentsNotAwareReason: String?
    ) {
        self.childIds = childIds
        self.describedChildren = describedChildren
        self.seenOrHeard = seenOrHeard
        self.childsWords = childsWords
        self.actionTaken = actionTaken
        self.parentsAware = parentsAware
        self.parentsNotAwareReason = parentsNotAwareReason
    }

    /// The most children, found and described together, one concern may name.
    public static let maxChildren = 20

    /// Refuses a concern about nobody, with nothing seen or heard written down, without saying whether
    /// the parents know (and why not, when they do not), or describing a child without a name or with
    /// an impossible date of birth. Field names of described children are `describedChildren.N.field`
    /// (N from 1), the same in the pages and the API.
    public func validated(today: LocalDate) throws(SafeholdError) -> PartnerConcernDraft {
        var v = Validation()
        if childIds.isEmpty && describedChildren.isEmpty {
            v.add(
                "children",
                "name at least one child: find them by name, or describe a child Safehold does not know")
        }
        v.count("children", childIds.count + describedChildren.count, max: Self.maxChildren, noun: "children")
        if Set(childIds).count != childIds.count { v.add("childIds", "lists a child twice") }
        for (index, child) in describedChildren.enumerated() {
            let field = "describedChildren.\(index + 1)."
            v.text(field + "name", child.name, required: true, max: 100)
            v.date(field + "dateOfBirth", child.dateOfBirth, notAfter: today)
            v.text(field + "address", child.address, max: 300)
            v.text(field + "school", child.school, max: 150)
            v.text(field + "gp", child.gp, max: 150)
        }
        v.text("seenOrHeard", seenOrHeard, required: true, max: 4000, multiline: true)
        v.text("childsWords", childsWords, max: 2000, multiline: true)
        v.text("actionTaken", actionTaken, max: 2000, multiline: true)
        switch parentsAware {
        case nil: v.add("parentsAware", "say whether the parents know about this concern")
        case false?:
            v.text("parentsNotAwareReason", parentsNotAwareReason, required: true, max: 1000, multiline: true)
        case true?:
            v.text("parentsNotAwareReason", parentsNotAwareReason, max: 1000, multiline: true)
        }
        try v.check()
        return self
    }

    /// The concern as the front door reads it on the contact: every part the raiser gave, labelled.
    public var contactText: String {
        var parts = ["What was seen or heard: " + seenOrHeard]
        if let words = childsWords.nonBlank { parts.append("The child's own words: " + words) }
        if let done = actionTaken.nonBlank { parts.append("Already done: " + done) }
        if parentsAware == true {
            parts.append("The parents know about this concern.")
        } else {
            parts.append("The parents do not know, because: " + (parentsNotAwareReason ?? ""))
        }
        return parts.joined(separator: "\n\n")
    }
}

/// Where a partner's concern stands, as the professional who raised it sees it.
public enum PartnerConcernStatus: String, Codable, Sendable {
    /// Received by the front door, not yet decided.
    case received
    /// The front door has decided; what it chose to tell the raiser is on the concern.
    case decided

    public var label: String { self == .received ? "Received" : "Decided" }
}

/// A partner's concern as its raiser and the front door see it: what was raised, where it stands and
/// what the front door chose to say. Never the decision's reasons or anything else of the record.
public struct PartnerConcern: Identifiable, Hashable, Sendable {
    public struct Child: Hashable, Sendable {
        /// The child's record, once found by the raiser or identified by the front door.
        public let personId: UUID?
        public let name: String
        public let described: DescribedChild?

        public init(personId: UUID?, name: String, described: DescribedChild?) {
            self.personId = personId
            self.name = name
            self.described = described
        }
    }

    public let id: UUID
    public let raisedAt: Date
    public let raisedBy: UUID
    public let raisedByName: String
    public let agencyName: String
    public let children: [Child]
    public let seenOrHeard: String
    public let childsWords: String?
    public let actionTaken: String?
    public let parentsAware: Bool
    public let parentsNotAwareReason: String?
    /// The contact the concern became once every child on it is known.
    public let contactId: UUID?
    public let status: PartnerConcernStatus
    public let decidedAt: Date?
    /// What the front door chose to tell the raiser, and when.
    public let feedback: String?
    public let feedbackOn: LocalDate?
    public let version: Int

    public init(
        id: UUID, raisedAt: Date, raisedBy: UUID, raisedByName: String, agencyName: String, children: [Child],
        seenOrHeard: String, childsWords: String?, actionTaken: String?, parentsAware: Bool,
        parentsNotAwareReason: String?, contactId: UUID?, status: PartnerConcernStatus, decidedAt: Date?,
        feedback: String?, feedbackOn: LocalDate?, version: Int
    ) {
        self.version = version
        self.id = id
        self.raisedAt = raisedAt
        self.raisedBy = raisedBy
        self.raisedByName = raisedByName
        self.agencyName = agencyName
        self.children = children
        self.seenOrHeard = seenOrHeard
        self.childsWords = childsWords
        self.actionTaken = actionTaken
        self.parentsAware = parentsAware
        self.parentsNotAwareReason = parentsNotAwareReason
        self.contactId = contactId
        self.status = status
        self.decidedAt = decidedAt
        self.feedback = feedback
        self.feedbackOn = feedbackOn
    }

    /// Children the front door has still to identify before the concern becomes a contact.
    public var unidentified: [DescribedChild] { children.filter { $0.personId == nil }.compactMap(\.described) }
}

extension Optional where Wrapped == String {
    /// The text, or nil when it is missing or blank.
    public var nonBlank: String? {
        guard let self, !self.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return self
    }
}
