import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The investigation's page. The team that holds it sees everything and the forms that act on it; the
/// children's social care see what the police share: status, officer, next key date, decisions.
struct InvestigationPage {
    let store: Store
    let renderer: PageRenderer

    /// The form on the page that was refused, so that it comes back unfolded with what was typed.
    enum Refused: Equatable { case status, disclosure, interview, decision, held(UUID) }

    struct Person { let name: String; let href: String; let role: String; let relationship: String }
    struct Event { let when: String; let what: String; let detail: String; let by: String }
    struct Interview {
        let child: String; let when: String; let type: String; let held: Bool; let summary: String
        let recording: String; let dates: String; let heldAction: String; let version: Int; let rationale: String
        let measures: String; let key: String
        /// The held form was refused: open, with what was typed.
        let open: Bool; let values: [String: String]; let consentGiven: Bool
    }
    struct Decision {
        let decided: String; let by: String; let outcome: String; let views: String; let interests: String
        let bail: String
    }
    struct Disclosure { let when: String; let text: String; let basis: String; let reason: String; let by: String }
    struct Model: Page {
        static let template = Template.investigation
        let chrome: Chrome; let reference: String; let crimeReference: String; let incidentReference: String
        let status: String; let team: String; let officer: String; let supervisor: String; let next: String
        let joint: Bool; let full: Bool; let summary: String; let intelligence: String; let offences: [String]
        let people: [Person]; let history: [Event]; let interviews: [Interview]; let decisions: [Decision]
        let disclosures: [Disclosure]; let protections: [PoliceViews.ProtectionRow]
        let form: FormState; let version: Int
        /// The investigation's documents, for the team that holds it.
        let documents: DocumentLinks?
        let editHref: String; let statusAction: String; let disclosureAction: String; let interviewAction: String
        let decisionAction: String
        let statuses: [Option]; let children: [Option]; let suspects: [Option]; let officers: [Option]
        let interviewTypes: [Option]; let measures: [Option]; let deciders: [Option]; let tests: [Option]
        let outcomes: [Option]; let bailKinds: [Option]; let bases: [Option]; let hasInterviews: Bool
        let openStatus: Bool; let openInterview: Bool; let openDecision: Bool; let openDisclosure: Bool
        /// What was typed in the refused status or disclosure form's reason (the two share the field's name).
        let statusReason: String; let disclosureReason: String
    }

    func show(
        _ context: SafeholdContext, _ id: UUID, form: FormData?, errors: [FieldError], refused: Refused? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = try context.requireIdentity()
        let file = try await store.investigationFile(id, context: try context.audit())
        let i = file.investigation
        let ruleset = store.ruleset
        let state = FormState(form, errors: errors)
        let full = file.view == .full
        let officers = full ? try await store.policeOfficerDirectory(context: try context.audit()) : []
        let bases = full ? try await store.lawfulBases(for: .police) : []
        // Documents are the holding team's: others are not asked (a refusal would be audited as one).
        let documents =
            full
            ? DocumentLinks(
                try await store.documents(on: .investigation(id), context: try context.audit()),
                owner: .investigation(id), ruleset: ruleset, level: 2) : nil
        let names = Dictionary(
            file.people.map { ($0.person.personId, $0.summary.displayName) }, uniquingKeysWith: { a, _ in a })
        let officerNames = Dictionary(officers.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let interviews = file.interviews.map { interview in
            let open = refused == .held(interview.id)
            return Interview(
                child: names[interview.plan.childId] ?? "",
                when: ruleset.display(interview.record?.heldAt ?? interview.plan.plannedFor),
                type: interview.plan.type.label, held: interview.isHeld,
                summary: interview.record?.accountSummary ?? "",
                recording: interview.record.map { "\($0.recordingReference), kept at \($0.storageLocation)" } ?? "",
                dates: interview.record.map { "Review \($0.reviewOn.display); destroy \($0.destroyOn.display)" } ?? "",
                heldAction: SiteRoute.interviewHeld(id, interview.id).path, version: interview.version,
                rationale: interview.plan.rationale,
                measures: (interview.plan.specialMeasures.map(\.label)
                    + interview.plan.interviewerIds.map { "Interviewer: \(officerNames[$0] ?? "police officer")" })
                    .joined(separator: "; "), key: interview.id.text,
                open: open, values: open ? state.values : [:],
                consentGiven: open && state.flags["consentGiven"] == true)
        }
        let childOptions = file.people.filter { $0.person.role.isChild }.map {
            ($0.person.personId.text, $0.summary.displayName)
        }
        let suspectOptions = file.people.filter { $0.person.role == .suspect }.map {
            ($0.person.personId.text, $0.summary.displayName)
        }
        return renderer.page(
            Model(
                chrome: Chrome(title: "Investigation \(reference(i))", identity: identity), reference: reference(i),
                crimeReference: i.crimeReference ?? "None", incidentReference: i.incidentReference ?? "None",
                status: i.status.label, team: file.teamName, officer: file.officerName ?? "Awaiting allocation",
                supervisor: file.supervisorName ?? "Awaiting allocation",
                next: file.nextKeyDate.map { "\($0.what): \(ruleset.display($0.at))" } ?? "None",
                joint: i.isJoint, full: full, summary: i.summary, intelligence: i.intelligence ?? "",
                offences: file.offences.map { "\($0.code): \($0.label)" },
                people: file.people.map {
                    Person(
                        name: $0.summary.displayName, href: SiteRoute.person($0.person.personId).path,
                        role: $0.person.role.label, relationship: $0.person.relationshipToChild ?? "")
                },
                history: file.history.map {
                    Event(
                        when: ruleset.display($0.occurredAt),
                        what: $0.status?.label ?? $0.kind.replacingOccurrences(of: "_", with: " "),
                        detail: $0.detail ?? "", by: $0.recordedBy)
                },
                interviews: interviews,
                decisions: file.decisions.map { d in
                    Decision(
                        decided: d.decision.decidedOn.display,
                        by: "\(d.decision.decider.label), \(d.decision.test.label)",
                        outcome: d.decision.outcome.label, views: d.decision.childViews,
                        interests: d.decision.bestInterests,
                        bail: d.decision.bail == .none
                            ? ""
                            : "\(d.decision.bail.label) until \(d.decision.bailUntil?.display ?? "")"
                                + (d.decision.bailConditions.map { ": \($0)" } ?? ""))
                },
                disclosures: file.disclosures.map {
                    Disclosure(
                        when: ruleset.display($0.sharedAt), text: $0.text, basis: $0.lawfulBasisLabel,
                        reason: $0.reason,
                        by: $0.sharedBy)
                },
                protections: file.protections.map {
                    PoliceViews.row(
                        ProtectionLine(
                            protection: $0,
                            child: PersonSummary(
                                id: $0.childId, localId: nil, kind: nil, givenName: nil,
                                familyName: names[$0.childId] ?? "",
                                dateOfBirth: nil, canView: false), clock: $0.clock(at: store.clock.now())), ruleset)
                },
                form: state, version: i.version, documents: documents, editHref: SiteRoute.editInvestigation(id).path,
                statusAction: SiteRoute.investigationStatus(id).path,
                disclosureAction: SiteRoute.investigationDisclosures(id).path,
                interviewAction: SiteRoute.investigationInterviews(id).path,
                decisionAction: SiteRoute.investigationDecisions(id).path,
                statuses: Option.list(
                    i.status.next.map { ($0.rawValue, $0.label) },
                    selected: refused == .status ? Set([state.values["status"] ?? ""]) : []),
                children: Option.list(childOptions, selected: Set([state.values["childId"] ?? ""])),
                suspects: Option.list(suspectOptions, selected: Set([state.values["suspectId"] ?? ""])),
                officers: PoliceViews.officers(officers, selected: Set(form?.all("interviewerIds") ?? [])),
                interviewTypes: state.options("interviewType", InterviewType.self) { $0.label },
                measures: Option.list(
                    SpecialMeasure.allCases.map { ($0.rawValue, $0.label) },
                    selected: Set(form?.all("specialMeasures") ?? [])),
                deciders: state.options("decider", ChargingDecider.self) { $0.label },
                tests: state.options("test", ChargingTest.self) { $0.label },
                outcomes: state.options("outcome", ChargingOutcome.self) { $0.label },
                bailKinds: state.options("bail", BailKind.self) { $0.label },
                bases: Option.list(
                    bases.map { ($0.code, "\($0.label) (\($0.reference))") },
                    selected: Set([state.values["lawfulBasis"] ?? ""])),
                hasInterviews: !interviews.isEmpty,
                openStatus: refused == .status, openInterview: refused == .interview,
                openDecision: refused == .decision, openDisclosure: refused == .disclosure,
                statusReason: refused == .status ? state.values["reason"] ?? "" : "",
                disclosureReason: refused == .disclosure ? state.values["reason"] ?? "" : ""),
            status: status)
    }

    func reference(_ i: Investigation) -> String { i.crimeReference ?? i.incidentReference ?? "No reference yet" }
}
