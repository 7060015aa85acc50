import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// The disclosure scheme's and the linked children's part of the route walk: records about the fixture's
/// child, and bodies that pass their input checks, so that only access can refuse them.
extension RouteAccessTests {
    /// Routes with no record id in the path, and why none reaches one child's record.
    static let riskWithoutRecordId: Set<String> = [
        // The police team's (or MAPPA's) own applications: a list scoped by `DisclosureSchemeAccess`, audited
        // per child and adult shown; a new one names people found by name only.
        "GET /disclosure-applications", "GET /api/v1/disclosure-applications",
        "GET /disclosure-applications/new", "POST /disclosure-applications/new",
        "POST /api/v1/disclosure-applications",
    ]

    /// An application about the fixture's child, held by the police officer's team.
    static func seedDisclosureApplication(_ f: WebFixture) async throws -> UUID {
        try await f.store.receiveDisclosureApplication(
            DisclosureApplicationDraft(
                applicantName: "Pat Applicant", applicantContact: "07700 900000", relationship: .parent,
                subjectId: f.mother.id, childId: f.child.id, receivedOn: f.store.today),
            context: AuditContext(actor: f.police.actor, ipAddress: nil)
        ).id
    }

    /// A body for the disclosure scheme's and the links' writes that passes their own checks: JSON for the
    /// API, a form for the pages.
    static func riskBody(_ method: String, _ path: String) -> (form: [(String, String)], json: String)? {
        guard method == "POST", path.hasPrefix("/disclosure-applications/") || path.hasPrefix("/api/v1/disclosure-")
        else { return nil }
        let values: [(String, String)]
        if path.hasSuffix("/checks") {
            values = [("kind", "visor"), ("result", "Known")]
        } else if path.hasSuffix("/decision") {
            values = [("outcome", "disclose"), ("reasons", "Risk")]
        } else if path.hasSuffix("/disclosure") {
            values = [("disclosedTo", "Pat"), ("what", "Convictions")]
        } else {
            return nil
        }
        let json = "{" + (values.map { "\"\($0.0)\":\"\($0.1)\"" } + ["\"version\":1"]).joined(separator: ",") + "}"
        return (values + [("version", "1")], json)
    }
}
