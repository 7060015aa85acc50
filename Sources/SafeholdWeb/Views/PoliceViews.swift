import Foundation
import SafeholdCore
import SafeholdStore

/// Rows the police pages and the child's police panel share.
enum PoliceViews {
    struct InvestigationRow {
        let href: String; let reference: String; let status: String; let officer: String; let joint: Bool
        let children: String; let next: String; let shared: Bool
    }
    struct ProtectionRow {
        let href: String; let child: String; let childHref: String; let removed: String; let placeOfSafety: String
        let clock: String; let state: String; let expires: String; let ended: Bool
        /// The removal as a UTC instant, for the page's live clock.
        let removedIso: String
    }

    static func row(_ line: InvestigationLine, _ ruleset: Ruleset) -> InvestigationRow {
        InvestigationRow(
            href: SiteRoute.investigation(line.id).path, reference: line.reference, status: line.status.label,
            officer: line.officerName ?? "Awaiting allocation", joint: line.joint,
            children: line.children.map(\.displayName).joined(separator: ", "),
            next: line.nextKeyDate.map { "\($0.what): \(ruleset.display($0.at))" } ?? "None",
            shared: line.view == .shared)
    }

    static func row(_ line: ProtectionLine, _ ruleset: Ruleset) -> ProtectionRow {
        ProtectionRow(
            href: SiteRoute.protection(line.id).path, child: line.child.displayName,
            childHref: SiteRoute.person(line.child.id).path,
            removed: ruleset.display(line.protection.details.removedAt),
            placeOfSafety: line.protection.details.placeOfSafety, clock: line.clock.label, state: line.clock.code,
            expires: ruleset.display(line.protection.expiresAt), ended: line.protection.ending != nil,
            removedIso: Timestamp.string(line.protection.details.removedAt))
    }

    /// Police officers of a force as choices, those in `selected` marked.
    static func officers(_ users: [PoliceOfficer], selected: Set<String>) -> [Option] {
        Option.list(users.map { ($0.id.text, $0.displayName) }, selected: selected)
    }
}
