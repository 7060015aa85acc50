import Foundation
import SafeholdCore
import SafeholdStore

/// The child's "Court" section: the orders with their expiry and days left, the legal limits, the
/// pre-proceedings stages and the care proceedings, with the forms for children's social care.
struct CourtPage: Page {
    static let template = Template.court
    struct OrderRow {
        let kind: String, applied: String, court: String, applicant: String, outcome: String, starts: String
        let expires: String, daysLeft: String, status: String, hasExtensions: Bool, extensions: [String]
        let ended: String, hasEnded: Bool, pending: Bool, extendable: Bool, inForce: Bool, version: Int
        let decisionAction: String, extendAction: String, endAction: String, limit: String, anchor: String
    }
    struct LimitRow { let kind: String; let limit: String }
    struct StageRow {
        let letter: String, meeting: String, attendees: String, outcome: String, version: Int, action: String
        let letterValue: String, meetingValue: String, attendeesValue: String, outcomeOptions: [Option]
        let outcomeOnValue: String
    }
    struct ProceedingsRow {
        let caseNumber: String, court: String, issued: String, due: String, week: String, status: String
        let href: String
    }

    let chrome: Chrome
    let name: String
    let personHref: String
    let orders: [OrderRow]
    let hasOrders: Bool
    let limits: [LimitRow]
    let seesProceedings: Bool
    let stages: [StageRow]
    let hasStages: Bool
    let proceedings: [ProceedingsRow]
    let hasProceedings: Bool
    let canRecord: Bool
    let today: String
    let kinds: [Option]
    let outcomes: [Option]
    let endings: [Option]
    let stageOutcomes: [Option]
    let proceedingsOptions: [Option]
    let orderAction: String
    let stageAction: String
    let proceedingsAction: String
    /// The three forms for a new record; a refused one shows what was sent and why.
    let orderForm: FormSlot
    let stageForm: FormSlot
    let proceedingsForm: FormSlot
    let newOutcomes: [Option]

    init(_ record: CourtRecord, chrome: Chrome, store: Store, refused: RefusedForm? = nil) {
        let today = store.today
        let rules = store.ruleset.court
        self.chrome = chrome
        name = record.child.displayName
        personHref = SiteRoute.person(record.child.id).path
        orders = record.orders.map { o in
            let status = o.status(today: today)
            let live = o.outcome == .granted && o.endedOn == nil
            let limit = rules.limit(o.kind)
            return OrderRow(
                kind: o.kind.label, applied: o.application.appliedOn.display, court: o.application.court,
                applicant: o.application.applicant,
                outcome: o.outcome.map { "\($0.label) \(o.outcomeOn?.display ?? "")" } ?? "Awaiting the court",
                starts: o.startsOn?.display ?? "",
                expires: o.expiresOn?.display ?? (live ? "When the court ends it" : ""),
                daysLeft: live ? (o.daysLeft(today: today).map(Self.daysLeft) ?? "") : "", status: status.label,
                hasExtensions: !o.extensions.isEmpty,
                extensions: o.extensions.map {
                    "\($0.extendedOn.display): to \($0.newExpiry.display) (\($0.reason))"
                },
                ended: o.endedOn.map { "\($0.display): \(o.endReason?.label ?? "")" } ?? "", hasEnded: o.endedOn != nil,
                pending: o.outcome == nil, extendable: live && limit.extensions.times != 0, inForce: live,
                version: o.version, decisionAction: SiteRoute.courtOrderDecision(o.id).path,
                extendAction: SiteRoute.courtOrderExtensions(o.id).path, endAction: SiteRoute.courtOrderEnd(o.id).path,
                limit: limit.sentence, anchor: "order-\(o.id.text.lowercased())")
        }
        hasOrders = !orders.isEmpty
        limits = CourtOrderKind.allCases.map { LimitRow(kind: $0.label, limit: rules.limit($0).sentence) }
        seesProceedings = record.seesProceedings
        stages = record.preProceedings.map { s in
            StageRow(
                letter: s.letterSentOn.display, meeting: s.meetingOn?.display ?? "Not yet held",
                attendees: s.attendees ?? "", outcome: s.outcome?.label ?? "Not decided", version: s.version,
                action: SiteRoute.preProceedings(s.id).path, letterValue: s.letterSentOn.description,
                meetingValue: s.meetingOn?.description ?? "", attendeesValue: s.attendees ?? "",
                outcomeOptions: Option.list(
                    [("", "Not decided")] + PreProceedings.Outcome.allCases.map { ($0.rawValue, $0.label) },
                    selected: [s.outcome?.rawValue ?? ""]),
                outcomeOnValue: s.outcomeOn?.description ?? "")
        }
        hasStages = !stages.isEmpty
        proceedings = record.proceedings.map { p in
            ProceedingsRow(
                caseNumber: p.caseNumber, court: p.court, issued: p.issuedOn.display, due: p.dueOn(rules).display,
                week: p.concludedOn == nil ? "Week \(p.week(of: today))" : "",
                status: p.concludedOn.map { "Concluded \($0.display)" } ?? "Open",
                href: SiteRoute.careProceedings(p.id).path)
        }
        hasProceedings = !proceedings.isEmpty
        canRecord = record.canRecord
        self.today = today.description
        orderForm = FormSlot(
            "order", refused: refused, defaults: ["appliedOn": today.description], labels: courtFieldLabels)
        stageForm = FormSlot(
            "stage", refused: refused, defaults: ["letterSentOn": today.description], labels: courtFieldLabels)
        proceedingsForm = FormSlot(
            "proceedings", refused: refused, defaults: ["issuedOn": today.description], labels: courtFieldLabels)
        kinds = Option.list(
            CourtOrderKind.recordable.map { ($0.rawValue, $0.label) }, selected: [orderForm.value("kind")])
        newOutcomes = Option.list(
            [("", "Awaiting the court")] + CourtOrderOutcome.allCases.map { ($0.rawValue, $0.label) },
            selected: [orderForm.value("outcome")])
        outcomes = Option.list(
            [("", "Awaiting the court")] + CourtOrderOutcome.allCases.map { ($0.rawValue, $0.label) }, selected: [""])
        endings = Option.list(CourtOrderEnding.allCases.map { ($0.rawValue, $0.label) }, selected: [])
        stageOutcomes = Option.list(
            [("", "Not decided")] + PreProceedings.Outcome.allCases.map { ($0.rawValue, $0.label) },
            selected: [stageForm.value("outcome")])
        proceedingsOptions = Option.list(
            [("", "None")]
                + record.proceedings.filter { $0.concludedOn == nil }.map { ($0.id.text, $0.caseNumber) },
            selected: [orderForm.value("proceedingsId")])
        orderAction = SiteRoute.courtOrders(record.child.id).path
        stageAction = SiteRoute.personPreProceedings(record.child.id).path
        proceedingsAction = SiteRoute.personCareProceedings(record.child.id).path
    }

    static func daysLeft(_ days: Int) -> String {
        switch days {
        case ..<0: "Expired \(-days) day\(days == -1 ? "" : "s") ago"
        case 0: "Expires today"
        case 1: "1 day"
        default: "\(days) days"
        }
    }
}

/// The court forms' fields as the pages name them in a refusal.
let courtFieldLabels: [String: String] = [
    "kind": "Order or hearing", "appliedOn": "Applied for on", "court": "Court", "applicant": "Applicant",
    "proceedingsId": "Made in care proceedings", "policeProtectionId": "Police protection it ends",
    "outcome": "Decision or outcome", "outcomeOn": "Date of the decision", "startsOn": "In force from",
    "expiresOn": "Expires", "letterSentOn": "Letter before proceedings sent on", "meetingOn": "Meeting on",
    "attendees": "Who attended", "issuedOn": "Issued on", "caseNumber": "Case number", "heldOn": "Date of the hearing",
    "ordersMade": "Orders made", "grantedOn": "Granted on", "weeks": "Weeks", "reason": "Reason", "role": "Party",
    "name": "Name", "guardian": "Children's guardian", "solicitor": "Solicitor", "firm": "Firm",
    "version": "Version",
]
