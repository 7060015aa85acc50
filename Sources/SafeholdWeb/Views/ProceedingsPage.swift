import Foundation
import SafeholdCore
import SafeholdStore

/// One set of care proceedings: the 26-week timetable drawn as a simple server-side SVG, the hearings
/// with the week each falls in, the extensions with their total, the parties and their representatives,
/// and the forms for children's social care.
struct ProceedingsPage: Page {
    static let template = Template.proceedings
    struct HearingRow {
        let week: Int, date: String, kind: String, outcome: String, ordersMade: String, awaitsOutcome: Bool
        let action: String
    }
    struct ExtensionRow { let date: String; let weeks: Int; let reason: String }
    struct PartyRow { let role: String, name: String, guardian: String, solicitor: String, firm: String }
    struct OrderRow { let kind: String; let status: String; let expires: String }

    let chrome: Chrome
    let name: String
    let courtHref: String
    let caseNumber: String
    let court: String
    let issued: String
    let due: String
    let week: String
    let concluded: String
    let isConcluded: Bool
    let conclusion: String
    let timeline: Timeline
    let hearings: [HearingRow]
    let hasHearings: Bool
    let extensions: [ExtensionRow]
    let hasExtensions: Bool
    let extensionTotal: Int
    let parties: [PartyRow]
    let hasParties: Bool
    let orders: [OrderRow]
    let hasOrders: Bool
    let canRecord: Bool
    let canChange: Bool
    let version: Int
    let today: String
    let hearingKinds: [Option]
    let partyRoles: [Option]
    let hearingAction: String
    let extensionAction: String
    let partyAction: String
    let conclusionAction: String
    /// The forms for a hearing, an extension and a party; a refused one shows what was sent and why.
    let hearingForm: FormSlot
    let extensionForm: FormSlot
    let partyForm: FormSlot

    init(_ record: ProceedingsRecord, chrome: Chrome, store: Store, refused: RefusedForm? = nil) {
        let p = record.proceedings
        let rules = store.ruleset.court
        let today = store.today
        self.chrome = chrome
        name = record.child.displayName
        courtHref = SiteRoute.court(record.child.id).path
        caseNumber = p.caseNumber
        court = p.court
        issued = p.issuedOn.display
        due = p.dueOn(rules).display
        week = p.concludedOn == nil ? "Week \(p.week(of: today)) of \(26 + p.extensionWeeks)" : ""
        concluded = p.concludedOn?.display ?? ""
        isConcluded = p.concludedOn != nil
        conclusion = p.conclusion ?? ""
        timeline = Timeline(p, rules: rules, today: today)
        hearings = p.hearings.map { h in
            HearingRow(
                week: h.week(issuedOn: p.issuedOn), date: h.heldOn.display, kind: h.kind.label,
                outcome: h.outcome ?? (h.heldOn > today ? "Listed" : "Outcome not recorded"),
                ordersMade: h.ordersMade ?? "", awaitsOutcome: h.outcome == nil && h.heldOn <= today,
                action: SiteRoute.hearingOutcome(p.id, h.id).path)
        }
        hasHearings = !hearings.isEmpty
        extensions = p.extensions.map { ExtensionRow(date: $0.grantedOn.display, weeks: $0.weeks, reason: $0.reason) }
        hasExtensions = !extensions.isEmpty
        extensionTotal = p.extensionWeeks
        parties = p.parties.map {
            PartyRow(
                role: $0.role.label, name: $0.name, guardian: $0.guardian ?? "", solicitor: $0.solicitor ?? "",
                firm: $0.firm ?? "")
        }
        hasParties = !parties.isEmpty
        orders = record.orders.map {
            OrderRow(kind: $0.kind.label, status: $0.status(today: today).label, expires: $0.expiresOn?.display ?? "")
        }
        hasOrders = !orders.isEmpty
        canRecord = record.canRecord
        canChange = record.canRecord && p.concludedOn == nil
        version = p.version
        self.today = today.description
        hearingForm = FormSlot("hearing", refused: refused, labels: courtFieldLabels)
        extensionForm = FormSlot(
            "extension", refused: refused, defaults: ["grantedOn": today.description], labels: courtFieldLabels)
        partyForm = FormSlot("party", refused: refused, labels: courtFieldLabels)
        hearingKinds = Option.list(
            HearingKind.allCases.map { ($0.rawValue, $0.label) }, selected: [hearingForm.value("kind")])
        partyRoles = Option.list(
            PartyRole.allCases.map { ($0.rawValue, $0.label) }, selected: [partyForm.value("role")])
        hearingAction = SiteRoute.proceedingsHearings(p.id).path
        extensionAction = SiteRoute.proceedingsExtensions(p.id).path
        partyAction = SiteRoute.proceedingsParties(p.id).path
        conclusionAction = SiteRoute.proceedingsConclusion(p.id).path
    }
}

/// The timetable as a simple SVG: a bar of the weeks (26 and any extensions), a mark at each hearing
/// and at today, with text labels, so that it reads without colour.
struct Timeline {
    struct Mark { let x: Int; let label: String; let y: Int }
    struct Tick { let x: Int; let label: String }
    let width: Int
    let barWidth: Int
    let standardWidth: Int
    let hearings: [Mark]
    let ticks: [Tick]
    let todayX: Int
    let showsToday: Bool
    let description: String

    init(_ p: CareProceedings, rules: CourtRules, today: LocalDate) {
        let weeks = 26 + p.extensionWeeks
        let span = Double(max(weeks * 7, 1))
        let left = 20, inner = 640
        func x(_ date: LocalDate) -> Int {
            let days = Double(date.daysSinceEpoch - p.issuedOn.daysSinceEpoch)
            return left + Int((min(max(days, 0), span) / span * Double(inner)).rounded())
        }
        width = left * 2 + inner
        barWidth = inner
        standardWidth = Int(Double(26 * 7) / span * Double(inner))
        hearings = p.hearings.enumerated().map { i, h in
            Mark(x: x(h.heldOn), label: "W\(h.week(issuedOn: p.issuedOn)) \(h.kind.label)", y: i % 2 == 0 ? 78 : 94)
        }
        ticks = stride(from: 0, through: weeks, by: 2).map {
            Tick(x: left + Int(Double($0 * 7) / span * Double(inner)), label: "\($0)")
        }
        todayX = x(today)
        showsToday = p.concludedOn == nil && today >= p.issuedOn
        description =
            "Timetable of \(weeks) weeks from \(p.issuedOn.display) to \(p.dueOn(rules).display), with "
            + "\(p.hearings.count) hearing\(p.hearings.count == 1 ? "" : "s")."
    }
}
