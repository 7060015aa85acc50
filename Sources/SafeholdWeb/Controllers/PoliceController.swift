import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The police officer's home: the team's investigations, police protection clocks, interviews to
/// hold, bail dates, charging decisions awaited and joint enquiries to allocate.
struct PoliceController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.police) { _, context in try await self.home(context) }
    }

    struct InterviewRow {
        let href: String; let child: String; let reference: String; let when: String; let type: String
    }
    struct BailRow { let href: String; let reference: String; let kind: String; let until: String; let overdue: Bool }
    struct Model: Page {
        static let template = Template.policeHome
        let chrome: Chrome
        let investigations: [PoliceViews.InvestigationRow]; let protections: [PoliceViews.ProtectionRow]
        let interviews: [InterviewRow]; let bail: [BailRow]; let decisionsDue: [PoliceViews.InvestigationRow]
        let toAllocate: [PoliceViews.InvestigationRow]
        let hasProtections: Bool; let hasInvestigations: Bool
    }

    func home(_ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let home = try await store.policeHome(context: try context.audit())
        let ruleset = store.ruleset
        let today = store.today
        let investigations = home.investigations.map { PoliceViews.row($0, ruleset) }
        let protections = home.protections.map { PoliceViews.row($0, ruleset) }
        return renderer.page(
            Model(
                chrome: Chrome(title: "Police work", identity: identity),
                investigations: investigations, protections: protections,
                interviews: home.interviewsToPlan.map {
                    InterviewRow(
                        href: SiteRoute.investigation($0.interview.investigationId).path, child: $0.child.displayName,
                        reference: $0.reference, when: ruleset.display($0.interview.plan.plannedFor),
                        type: $0.interview.plan.type.label)
                },
                bail: home.bail.map {
                    BailRow(
                        href: SiteRoute.investigation($0.investigationId).path, reference: $0.reference,
                        kind: $0.kind.label, until: $0.until.display, overdue: $0.until < today)
                },
                decisionsDue: home.decisionsDue.map { PoliceViews.row($0, ruleset) },
                toAllocate: home.toAllocate.map { PoliceViews.row($0, ruleset) },
                hasProtections: !protections.isEmpty, hasInvestigations: !investigations.isEmpty))
    }
}
