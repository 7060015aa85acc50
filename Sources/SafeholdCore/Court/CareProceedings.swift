import Foundation

/// Kinds of hearing in care proceedings under the Public Law Outline, in the order they come.
public enum HearingKind: String, CaseIterable, Codable, Sendable {
    case caseManagement = "case_management"
    case furtherCaseManagement = "further_case_management"
    case issuesResolution = "issues_resolution"
    case final
    case other

    public var label: String {
        switch self {
        case .caseManagement: "Case management hearing"
        case .furtherCaseManagement: "Further case management hearing"
        case .issuesResolution: "Issues resolution hearing"
        case .final: "Final hearing"
        case .other: "Other hearing"
        }
    }

    /// The label in a sentence: "an issues resolution hearing", "a final hearing".
    public var withArticle: String {
        let text = label.lowercased()
        return ("aeiou".contains(text.first ?? "x") ? "an " : "a ") + text
    }

    /// Where it comes in the Public Law Outline's order; nil for a hearing that may come at any point.
    public var stage: Int? {
        switch self {
        case .caseManagement: 1
        case .furtherCaseManagement: 2
        case .issuesResolution: 3
        case .final: 4
        case .other: nil
        }
    }
}

/// Who a party to care proceedings is.
public enum PartyRole: String, CaseIterable, Codable, Sendable {
    /// The child, represented through the children's guardian (Cafcass) and a solicitor.
    case child
    case mother, father
    /// Another person with parental responsibility.
    case parent
    case localAuthority = "local_authority"
    case intervener

    public var label: String {
        switch self {
        case .child: "The child (through the children's guardian)"
        case .mother: "Mother"
        case .father: "Father"
        case .parent: "Other person with parental responsibility"
        case .localAuthority: "Local authority"
        case .intervener: "Intervener"
        }
    }
}

/// A party to the proceedings and who represents them.
public struct ProceedingsParty: Hashable, Codable, Sendable, Identifiable {
    public let id: UUID
    public let role: PartyRole
    public let name: String
    /// The children's guardian, for the child.
    public let guardian: String?
    public let solicitor: String?
    public let firm: String?

    public init(id: UUID, role: PartyRole, name: String, guardian: String?, solicitor: String?, firm: String?) {
        self.id = id
        self.role = role
        self.name = name
        self.guardian = guardian
        self.solicitor = solicitor
        self.firm = firm
    }
}

/// A hearing: listed (a date to come) or heard, with its outcome and the orders made at it.
public struct Hearing: Hashable, Codable, Sendable, Identifiable {
    public let id: UUID
    public let kind: HearingKind
    public let heldOn: LocalDate
    public var outcome: String?
    public var ordersMade: String?

    public init(id: UUID, kind: HearingKind, heldOn: LocalDate, outcome: String?, ordersMade: String?) {
        self.id = id
        self.kind = kind
        self.heldOn = heldOn
        self.outcome = outcome
        self.ordersMade = ordersMade
    }

    /// The week of the proceedings the hearing falls in: the week of issue is week 1.
    public func week(issuedOn: LocalDate) -> Int { (heldOn.daysSinceEpoch - issuedOn.daysSinceEpoch) / 7 + 1 }
}

/// An extension of the 26-week timetable, with its reason.
public struct TimetableExtension: Hashable, Codable, Sendable {
    public let grantedOn: LocalDate
    public let weeks: Int
    public let reason: String

    public init(grantedOn: LocalDate, weeks: Int, reason: String) {
        self.grantedOn = grantedOn
        self.weeks = weeks
        self.reason = reason
    }
}

/// Care proceedings for a child: issued in a court under a case number, run to a 26-week timetable
/// (extended by up to 8 weeks at a time, with reasons), with parties, hearings and a conclusion.
public struct CareProceedings: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let childId: UUID
    public let issuedOn: LocalDate
    public let court: String
    public let caseNumber: String
    public var parties: [ProceedingsParty]
    public var hearings: [Hearing]
    public var extensions: [TimetableExtension]
    public var concludedOn: LocalDate?
    public var conclusion: String?
    public var version: Int

    public init(
        id: UUID, childId: UUID, issuedOn: LocalDate, court: String, caseNumber: String, parties: [ProceedingsParty],
        hearings: [Hearing], extensions: [TimetableExtension], concludedOn: LocalDate?, conclusion: String?,
        version: Int
    ) {
        self.id = id
        self.childId = childId
        self.issuedOn = issuedOn
        self.court = court
        self.caseNumber = caseNumber
        self.parties = parties
        self.hearings = hearings
        self.extensions = extensions
        self.concludedOn = concludedOn
        self.conclusion = conclusion
        self.version = version
    }

    /// The weeks of extension granted in all.
    public var extensionWeeks: Int { extensions.reduce(0) { $0 + $1.weeks } }

    /// When the proceedings should end: issue plus 26 weeks plus every extension.
    public func dueOn(_ rules: CourtRules) -> LocalDate {
        rules.proceedingsDue(issuedOn: issuedOn, extensionWeeks: extensionWeeks)
    }

    /// The week of the proceedings `date` falls in (week 1 is the week of issue).
    public func week(of date: LocalDate) -> Int { (date.daysSinceEpoch - issuedOn.daysSinceEpoch) / 7 + 1 }

    /// The next hearing listed on or after `today`, if any.
    public func nextHearing(today: LocalDate) -> Hearing? {
        hearings.filter { $0.heldOn >= today && $0.outcome == nil }.min { $0.heldOn < $1.heldOn }
    }
}

/// The Public Law Outline's pre-proceedings stage: the letter before proceedings, the meeting, and
/// what was decided.
public struct PreProceedings: Identifiable, Hashable, Codable, Sendable {
    public enum Outcome: String, CaseIterable, Codable, Sendable {
        case proceedToIssue = "proceed_to_issue"
        case stepDown = "step_down"
        case continuePreProceedings = "continue"

        public var label: String {
            switch self {
            case .proceedToIssue: "Proceed to issue care proceedings"
            case .stepDown: "Step down"
            case .continuePreProceedings: "Continue pre-proceedings"
            }
        }
    }

    public let id: UUID
    public let childId: UUID
    public var letterSentOn: LocalDate
    public var meetingOn: LocalDate?
    public var attendees: String?
    public var outcome: Outcome?
    public var outcomeOn: LocalDate?
    public var version: Int

    public init(
        id: UUID, childId: UUID, letterSentOn: LocalDate, meetingOn: LocalDate?, attendees: String?,
        outcome: Outcome?, outcomeOn: LocalDate?, version: Int
    ) {
        self.id = id
        self.childId = childId
        self.letterSentOn = letterSentOn
        self.meetingOn = meetingOn
        self.attendees = attendees
        self.outcome = outcome
        self.outcomeOn = outcomeOn
        self.version = version
    }
}
