import Foundation

/// An attendee as a form or an API caller sends one.
public struct MappaAttendeeInput: Sendable, Equatable {
    public var name: String?
    public var agencyId: String?
    public var userId: String?

    public init(name: String?, agencyId: String?, userId: String? = nil) {
        self.name = name
        self.agencyId = agencyId
        self.userId = userId
    }
}

/// An action of the risk management plan as sent.
public struct MappaActionInput: Sendable, Equatable {
    public var what: String?
    public var ownerName: String?
    public var ownerAgencyId: String?
    public var ownerUserId: String?
    public var dueOn: String?

    public init(what: String?, ownerName: String?, ownerAgencyId: String?, ownerUserId: String? = nil, dueOn: String?) {
        self.what = what
        self.ownerName = ownerName
        self.ownerAgencyId = ownerAgencyId
        self.ownerUserId = ownerUserId
        self.dueOn = dueOn
    }
}

/// A MAPPA meeting as sent: when, the chair, who came, the minutes and plan, the plan's actions, the
/// disclosures made at it (ids from the information-sharing record) and the next review.
public struct MappaMeetingInput: Sendable, Equatable {
    public var heldOn: String?
    public var chairName: String?
    public var chairUserId: String?
    public var attendees: [MappaAttendeeInput]
    public var minutes: String?
    public var plan: String?
    public var actions: [MappaActionInput]
    public var disclosureIds: [String]
    public var nextReviewOn: String?

    public init(
        heldOn: String?, chairName: String?, chairUserId: String? = nil, attendees: [MappaAttendeeInput],
        minutes: String?, plan: String?, actions: [MappaActionInput] = [], disclosureIds: [String] = [],
        nextReviewOn: String? = nil
    ) {
        self.heldOn = heldOn
        self.chairName = chairName
        self.chairUserId = chairUserId
        self.attendees = attendees
        self.minutes = minutes
        self.plan = plan
        self.actions = actions
        self.disclosureIds = disclosureIds
        self.nextReviewOn = nextReviewOn
    }
}

/// A checked attendee or action owner: a name, an agency, and a user when they are one.
public struct MappaParty: Sendable, Equatable {
    public let name: String
    public let agencyId: UUID
    public let userId: UUID?
}

/// A checked action.
public struct MappaActionDraft: Sendable, Equatable {
    public let what: String
    public let owner: MappaParty
    public let dueOn: LocalDate

    /// Checks one action; `prefix` names its place in a meeting (`actions[0].`).
    public static func validated(
        _ input: MappaActionInput, prefix: String = "", today: LocalDate
    ) throws(SafeholdError) -> MappaActionDraft {
        var v = Validation()
        let draft = check(input, prefix: prefix, today: today, into: &v)
        try v.check()
        return draft!
    }

    static func check(
        _ input: MappaActionInput, prefix: String, today: LocalDate, into v: inout Validation
    ) -> MappaActionDraft? {
        v.text(prefix + "what", input.what, required: true, max: 1000, multiline: true)
        v.text(prefix + "ownerName", input.ownerName, required: true, max: 120)
        let agency = RiskField.uuid(
            prefix + "ownerAgencyId", input.ownerAgencyId, required: true, "an agency on the list", into: &v)
        let user = RiskField.uuid(
            prefix + "ownerUserId", input.ownerUserId, required: false, "a Safehold user", into: &v)
        let due = RiskField.date(
            prefix + "dueOn", input.dueOn, required: true, notBefore: today.adding(days: -366),
            beforeMessage: "is more than a year ago", into: &v)
        guard let agency, let due, let what = RiskField.trimmed(input.what),
            let name = RiskField.trimmed(input.ownerName), v.isEmpty
        else { return nil }
        return MappaActionDraft(what: what, owner: MappaParty(name: name, agencyId: agency, userId: user), dueOn: due)
    }
}

/// A checked meeting, ready for the store (which checks the agencies, users and disclosures named).
public struct MappaMeetingDraft: Sendable, Equatable {
    public let heldOn: LocalDate
    public let chairName: String
    public let chairUserId: UUID?
    public let attendees: [MappaParty]
    public let minutes: String
    public let plan: String
    public let actions: [MappaActionDraft]
    public let disclosureIds: [UUID]
    public let nextReviewOn: LocalDate?

    /// Checks a meeting of a case at `level`: held by today; at least one attendee; the next review (by
    /// default the longest gap the ruleset allows for level 2 and 3, `mappaReview`) within that gap.
    public static func validated(
        _ input: MappaMeetingInput, level: MappaLevel, today: LocalDate, ruleset: Ruleset
    ) throws(SafeholdError) -> MappaMeetingDraft {
        var v = Validation()
        let held = RiskField.date("heldOn", input.heldOn, required: true, notAfter: today, into: &v)
        v.text("chairName", input.chairName, required: true, max: 120)
        let chairUser = RiskField.uuid("chairUserId", input.chairUserId, required: false, "a Safehold user", into: &v)
        var attendees: [MappaParty] = []
        if input.attendees.isEmpty { v.add("attendees", "is required: name who attended and from which agency") }
        if v.count("attendees", input.attendees.count, max: 40, noun: "attendees") {
            for (i, a) in input.attendees.enumerated() {
                let prefix = "attendees[\(i)]."
                v.text(prefix + "name", a.name, required: true, max: 120)
                let agency = RiskField.uuid(prefix + "agencyId", a.agencyId, required: true, "an agency", into: &v)
                let user = RiskField.uuid(prefix + "userId", a.userId, required: false, "a Safehold user", into: &v)
                if let agency, let name = RiskField.trimmed(a.name) {
                    attendees.append(MappaParty(name: name, agencyId: agency, userId: user))
                }
            }
        }
        v.text("minutes", input.minutes, required: true, max: 20000, multiline: true)
        v.text("plan", input.plan, required: true, max: 10000, multiline: true)
        var actions: [MappaActionDraft] = []
        if v.count("actions", input.actions.count, max: 40, noun: "actions") {
            for (i, a) in input.actions.enumerated() {
                if let action = MappaActionDraft.check(a, prefix: "actions[\(i)].", today: today, into: &v) {
                    actions.append(action)
                }
            }
        }
        var disclosures: [UUID] = []
        if v.count("disclosureIds", input.disclosureIds.count, max: 40, noun: "disclosures") {
            for text in input.disclosureIds where !RiskField.blank(text) {
                guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                    v.add("disclosureIds", "must be ids of disclosures in the information-sharing record")
                    break
                }
                if !disclosures.contains(id) { disclosures.append(id) }
            }
        }
        var next = RiskField.date(
            "nextReviewOn", input.nextReviewOn, notBefore: held?.adding(days: 1),
            beforeMessage: "must be after the meeting", into: &v)
        if let held, level.meets {
            let longest = ruleset.due(ruleset.risk.mappaReview, from: held)
            if next == nil && RiskField.blank(input.nextReviewOn) { next = longest }
            if let given = next, given > longest {
                v.add(
                    "nextReviewOn",
                    "must be by \(longest.display): a level \(level.rawValue) case is reviewed "
                        + "at least every \(Self.words(ruleset.risk.mappaReview))")
            }
        }
        try v.check()
        return MappaMeetingDraft(
            heldOn: held!, chairName: RiskField.trimmed(input.chairName)!, chairUserId: chairUser,
            attendees: attendees, minutes: RiskField.trimmed(input.minutes)!, plan: RiskField.trimmed(input.plan)!,
            actions: actions, disclosureIds: disclosures, nextReviewOn: next)
    }

    /// A timescale in words ("16 weeks").
    public static func words(_ timescale: Timescale) -> String {
        switch timescale {
        case .weeks(let n): "\(n) weeks"
        case .calendarDays(let n): "\(n) days"
        case .calendarMonths(let n): "\(n) months"
        case .workingDays(let n): "\(n) working days"
        case .hours(let n): "\(n) hours"
        }
    }
}
