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
        // A new link between a person who poses a risk and a child, both found by name; refused and audited
        // against the child by `act` when the caller may not link them.
        "GET /risk-links/new", "POST /risk-links/new", "POST /api/v1/risk-links",
    ]

    /// A link from the fixture's mother to the fixture's child, made by a MAPPA coordinator; the mother's risk
    /// profile is opened first unless she has one (the route walk's `seedRisk` opens one).
    static func seedRiskLink(_ f: WebFixture) async throws -> UUID {
        let coordinator = try await f.mappaCoordinator("mappa.links")
        let ctx = AuditContext(actor: coordinator.actor, ipAddress: nil)
        if try await f.store.visibleRiskProfile(of: f.mother.id, actor: coordinator.actor) == nil {
            _ = try await f.store.createRiskProfile(
                for: f.mother.id,
                RiskProfileInput(
                    kind: "registered_sex_offender", registeredOn: "2020-03-02", registrationPeriod: "indefinite",
                    lastNotifiedOn: "2026-01-15", offences: ["SOA03-S7"], riskOfSeriousHarm: "high",
                    riskTo: ["children"], leadAgencyId: f.police.agencyId.uuidString,
                    offenderManagerUserId: f.police.id.uuidString, offenderManagerPhone: "01632 960 555",
                    mappaCategory: "1", mappaLevel: "2", nextMeetingOn: "2026-12-10"),
                context: ctx)
        }
        return try await f.store.linkToChild(
            RiskLinkDraft(personId: f.mother.id, childId: f.child.id, nature: .livesWith, startedOn: f.store.today),
            context: ctx
        ).id
    }

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
        guard method == "POST", path.contains("disclosure-applications/") || path.contains("/risk-links/") else {
            return nil
        }
        let values: [(String, String)]
        if path.hasSuffix("/strategy-decision") {
            values = [("outcome", "hold_strategy_discussion"), ("reasons", "Risk")]
        } else if path.hasSuffix("/end") {
            values = [("endedOn", "2026-11-24")]
        } else if path.hasSuffix("/checks") {
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
