import Foundation

/// A new investigation as a police officer (or a strategy discussion's joint decision) opens it.
public struct InvestigationDraft: Hashable, Sendable {
    public var crimeReference: String?
    public var incidentReference: String?
    public var offences: [String]
    public var officerId: UUID
    public var supervisorId: UUID
    public var people: [InvestigationPerson]
    public var summary: String
    public var intelligence: String?
    /// The episode and strategy discussion that decided a joint enquiry, when it is joint.
    public var episodeId: UUID?
    public var strategyDiscussionId: UUID?
    public var operationId: UUID?

    public init(
        crimeReference: String?, incidentReference: String?, offences: [String], officerId: UUID,
        supervisorId: UUID, people: [InvestigationPerson], summary: String, intelligence: String? = nil,
        episodeId: UUID? = nil, strategyDiscussionId: UUID? = nil, operationId: UUID? = nil
    ) {
        self.crimeReference = crimeReference
        self.incidentReference = incidentReference
        self.offences = offences
        self.officerId = officerId
        self.supervisorId = supervisorId
        self.people = people
        self.summary = summary
        self.intelligence = intelligence
        self.episodeId = episodeId
        self.strategyDiscussionId = strategyDiscussionId
        self.operationId = operationId
    }

    public static let maxOffences = 20
    public static let maxPeople = 200

    /// Checks references, offences (their codes are checked against the list by the store), people and
    /// text; returns the draft with references in canonical form. A person may not be both a suspect
    /// and a child victim or witness on the same investigation.
    public func validated() throws(SafeholdError) -> InvestigationDraft {
        var v = Validation()
        var draft = self
        draft.crimeReference = Self.reference(
            "crimeReference", crimeReference, PoliceReference.crime, PoliceReference.crimeFormat, &v)
        draft.incidentReference = Self.reference(
            "incidentReference", incidentReference, PoliceReference.incident, PoliceReference.incidentFormat, &v)
        if draft.crimeReference == nil && draft.incidentReference == nil && v.isEmpty {
            v.add("crimeReference", "give a crime reference or an incident reference")
        }
        if offences.isEmpty { v.add("offences", "name at least one offence") }
        if v.count("offences", offences.count, max: Self.maxOffences, noun: "offences") {
            for code in offences { v.text("offences", code, required: true, max: 20) }
            if Set(offences).count != offences.count { v.add("offences", "lists an offence twice") }
        }
        if officerId == supervisorId {
            v.add("supervisorId", "the supervising officer must be someone other than the officer in the case")
        }
        Self.checkPeople(people, &v)
        v.text("summary", summary, required: true, max: 4000, multiline: true)
        v.text("intelligence", intelligence, max: 10_000, multiline: true)
        if (episodeId == nil) != (strategyDiscussionId == nil) {
            v.add("strategyDiscussionId", "a joint investigation names both the episode and its strategy discussion")
        }
        try v.check()
        draft.summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.intelligence = intelligence.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty }
        return draft
    }

    /// Checks the people on an investigation: at least one child, nobody twice, no suspect who is
    /// also a victim or witness.
    static func checkPeople(_ people: [InvestigationPerson], _ v: inout Validation) {
        guard v.count("people", people.count, max: maxPeople, noun: "people") else { return }
        if !people.contains(where: { $0.role.isChild }) {
            v.add("people", "name at least one child as victim or witness")
        }
        let suspects = Set(people.filter { $0.role == .suspect }.map(\.personId))
        let children = Set(people.filter { $0.role.isChild }.map(\.personId))
        if !suspects.isDisjoint(with: children) {
            v.add("people", "a suspect cannot also be a victim or witness in the same investigation")
        } else if Set(people.map(\.personId)).count != people.count {
            v.add("people", "lists a person twice: a child who is victim and witness is one entry")
        }
        for person in people { v.text("relationshipToChild", person.relationshipToChild, max: 100) }
    }

    private static func reference(
        _ field: String, _ text: String?, _ parse: (String) -> String?, _ format: String, _ v: inout Validation
    ) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        v.text(field, text, max: 30)
        guard let canonical = parse(text) else {
            v.add(field, "must be \(format)")
            return nil
        }
        return canonical
    }
}

/// A move of an investigation to a new status, with the reason where one is needed.
public struct StatusChangeDraft: Hashable, Sendable {
    public var status: InvestigationStatus
    public var reason: String?
    public var expectedVersion: Int

    public init(status: InvestigationStatus, reason: String?, expectedVersion: Int) {
        self.status = status
        self.reason = reason
        self.expectedVersion = expectedVersion
    }

    /// Refuses a missing reason for no further action or a court outcome; the move itself is checked
    /// against the current status by `check(from:)`.
    public func validated() throws(SafeholdError) -> StatusChangeDraft {
        var v = Validation()
        v.text("reason", reason, required: status.needsReason, max: 4000, multiline: true)
        v.version("expectedVersion", expectedVersion)
        try v.check()
        return self
    }

    /// A move the current status does not allow is a conflict, named in a worker's words.
    public func check(from current: InvestigationStatus) throws(SafeholdError) {
        try current.checkMove(to: status)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
