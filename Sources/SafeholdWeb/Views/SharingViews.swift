import Foundation
import SafeholdCore
import SafeholdStore

/// The labels of the sharing record's fields, for the error summaries.
let sharingFieldLabels: [String: String] = [
    "decision": "Decision", "what": "What was shared", "records": "Records shared",
    "recipientAgencyId": "Recipient agency", "recipientUserId": "Named recipient (Safehold user)",
    "recipientName": "Named recipient", "sharedOn": "Date", "decisionMakerId": "Decision maker",
    "consent": "Consent", "consentReason": "Why consent was not sought or was overridden", "reasons": "Reasons",
    "personId": "Child", "agencyId": "Agency asking", "requesterName": "Who asked", "channel": "How it was received",
    "receivedOn": "Received on", "why": "Why they ask", "outcomeReason": "Why in part or declined",
    "child": "Child's local id", "from": "From", "to": "To",
]

/// Rows and choices the sharing pages share.
enum SharingViews {
    struct DisclosureRow {
        let date: String; let decision: String; let shared: Bool; let child: String; let childHref: String
        let agency: String; let recipient: String; let basis: String; let consent: String; let consentReason: String
        let hasConsentReason: Bool; let decisionMaker: String; let recordedBy: String; let what: String
        let reasons: String; let records: String
    }

    struct RequestRow {
        let child: String; let agency: String; let requester: String; let received: String; let due: String
        let status: String; let overdue: Bool; let href: String; let what: String; let why: String
        let outcomeReason: String; let hasOutcomeReason: Bool; let channel: String
    }

    struct SharedRow {
        let child: String; let date: String; let what: String; let by: String; let to: String; let basis: String
    }

    static func row(_ d: Disclosure) -> DisclosureRow {
        DisclosureRow(
            date: d.sharedOn.display, decision: d.decision.label, shared: d.decision == .disclosed,
            child: d.childName, childHref: SiteRoute.disclosures(d.personId).path, agency: d.recipientAgency,
            recipient: d.recipientName ?? "", basis: d.lawfulBasis.map { "\($0.label) (\($0.reference))" } ?? "None",
            consent: d.consent.label, consentReason: d.consentReason ?? "", hasConsentReason: d.consentReason != nil,
            decisionMaker: d.decisionMaker, recordedBy: d.recordedBy, what: d.what, reasons: d.reasons,
            records: d.records.isEmpty
                ? "" : d.records.map { $0.kind.label.lowercased() }.joined(separator: ", ") + " linked")
    }

    static func row(_ r: InformationRequest, today: LocalDate, linked: Bool) -> RequestRow {
        let status =
            r.outcome?.label ?? (r.isOverdue(today: today) ? "Overdue" : "Awaiting an answer")
        return RequestRow(
            child: r.childName, agency: r.agencyName, requester: r.requesterName, received: r.receivedOn.display,
            due: r.dueOn.display, status: status, overdue: r.isOverdue(today: today),
            href: linked ? SiteRoute.informationRequest(r.id).path : "", what: r.what, why: r.why,
            outcomeReason: r.outcomeReason ?? "", hasOutcomeReason: r.outcomeReason != nil, channel: r.channel.label)
    }

    static func row(_ s: SharedWithAgency) -> SharedRow {
        SharedRow(
            child: s.childName, date: s.sharedOn.display, what: s.what, by: s.sharedBy, to: s.recipientName ?? "",
            basis: s.lawfulBasis)
    }

    /// The choices of the disclosure fields (the form and the answer to a request).
    struct DisclosureChoices {
        let decisions: [Option]; let recipients: [Option]; let makers: [Option]; let bases: [Option]
        let consents: [Option]; let records: [RecordChoice]; let hasRecords: Bool
    }

    struct RecordChoice { let value: String; let label: String; let checked: Bool }

    static func choices(
        _ state: FormState, form: FormData?, store: Store, actor: Actor, records: [ChronologyEntry]
    ) async throws -> DisclosureChoices {
        let users = try await store.users()
        let agencies = Dictionary(try await store.agencies().map { ($0.id, $0.name) }) { a, _ in a }
        let recipients = users.filter {
            $0.active && SharingAccess.receivingAgency($0.actor) != nil && $0.agencyId != actor.agencyId
        }.map { ($0.id.text, "\($0.displayName) (\(agencies[$0.agencyId] ?? ""))") }
        let makers =
            [(actor.userId.text, "Me (\(actor.displayName))")]
            + users.filter {
                $0.active && $0.id != actor.userId
                    && SharingAccess.mayTakeDecision(role: $0.role, agency: $0.agencyId, for: actor)
            }.map { ($0.id.text, $0.displayName) }
        let chosen = Set(form?.all("records") ?? [])
        let choices = records.compactMap { e -> RecordChoice? in
            let kind: SharedRecordKind? =
                switch e.kind {
                case .contact: .contact
                case .step: .step
                case .note: .note
                case .agencyReport: .report
                case .police, .escalation, .oversight, .court, .bodyMap: nil
                }
            guard let kind else { return nil }
            let value = "\(kind.rawValue):\(e.id.text)"
            return RecordChoice(
                value: value, label: "\(e.date.display): \(e.title)", checked: chosen.contains(value))
        }
        return DisclosureChoices(
            decisions: state.options("decision", SharingDecision.self) { $0.label },
            recipients: Option.list(recipients, selected: Set([state.values["recipientUserId"] ?? ""])),
            makers: Option.list(makers, selected: Set([state.values["decisionMakerId"] ?? ""])),
            bases: Option.list(
                try await store.lawfulBases(for: .sharing).map { ($0.code, "\($0.label) (\($0.reference))") },
                selected: Set([state.values["lawfulBasis"] ?? ""])),
            consents: state.options("consent", ConsentStatus.self) { $0.label }, records: choices,
            hasRecords: !choices.isEmpty)
    }

    static func agencies(_ store: Store, except own: UUID, selected: String?) async throws -> [Option] {
        Option.list(
            try await store.agencies().filter { $0.id != own }.map { ($0.id.text, $0.name) },
            selected: Set([selected ?? ""]))
    }
}
