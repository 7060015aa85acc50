import Foundation
import SafeholdCore
import SafeholdStore

/// The warning at the top of a linked child's page: a person who may pose a risk is linked; the named
/// officers to contact. Nothing of the MAPPA record.
struct RiskWarningPanel {
    struct Officer { let name: String; let phone: String }
    let text: String
    let officers: [Officer]
    let linksHref: String

    init(_ warning: RiskWarning, childId: UUID) {
        text = RiskWarning.text
        officers = warning.officers.map { Officer(name: $0.name, phone: $0.phone) }
        linksHref = SiteRoute.childRiskLinks(childId).path
    }
}

/// A child's links to people who pose a risk, with the strategy discussion decision for children's social
/// care who hold the child, and ending a link.
struct ChildRiskLinksPage: Page {
    static let template = Template.riskLinks
    struct Line {
        let person: String; let nature: String; let period: String; let note: String?; let origin: String
        let createdBy: String; let open: Bool; let strategyDue: String; let overdue: Bool
        let decision: String?; let reasons: String?; let decidedBy: String?; let canDecide: Bool
        let decideAction: String; let endAction: String; let version: Int; let id: String
    }
    let chrome: Chrome
    let form: FormState
    let childName: String
    let childHref: String
    let warning: RiskWarningPanel?
    let lines: [Line]
    let hasLines: Bool
    let outcomes: [Option]
    let newLinkHref: String
    let today: String

    init(_ links: ChildRiskLinks, child: UUID, childName: String, chrome: Chrome, form: FormState, today: LocalDate) {
        self.chrome = chrome
        self.form = form
        self.childName = childName
        childHref = SiteRoute.person(child).path
        warning = links.warning.map { RiskWarningPanel($0, childId: child) }
        lines = links.links.map { l in
            Line(
                person: l.personName ?? "A person who may pose a risk to children", nature: l.nature.label,
                period: "from \(l.startedOn.display)" + (l.endedOn.map { " to \($0.display)" } ?? ""),
                note: l.note, origin: l.origin.label, createdBy: l.createdBy, open: l.isOpen,
                strategyDue: l.strategyDueOn.display,
                overdue: l.isOpen && l.strategyDecision == nil && l.strategyDueOn < today,
                decision: l.strategyDecision?.outcome.label, reasons: l.strategyDecision?.reasons,
                decidedBy: l.strategyDecision?.decidedBy,
                canDecide: links.mayDecide && l.isOpen && l.strategyDecision == nil,
                decideAction: SiteRoute.linkStrategyDecision(child, l.id).path,
                endAction: SiteRoute.endRiskLink(child, l.id).path, version: l.version, id: l.id.text)
        }
        hasLines = !lines.isEmpty
        outcomes = form.options("outcome", LinkStrategyOutcome.self) { $0.label }
        newLinkHref = SiteRoute.newRiskLink.link.query([("childId", child.text)]).path
        self.today = today.description
    }
}

/// The form to link a person who poses a risk (found by name) to a child (found by name).
struct RiskLinkFormPage: Page {
    static let template = Template.riskLinkForm
    struct Candidate { let id: String; let name: String; let checked: Bool }
    let chrome: Chrome
    let form: FormState
    let action: String
    let natures: [Option]
    let personQuery: String
    let childQuery: String
    let people: [Candidate]
    let children: [Candidate]
    let searchedPerson: Bool
    let searchedChild: Bool
    let linked: Bool
    let today: String
}
