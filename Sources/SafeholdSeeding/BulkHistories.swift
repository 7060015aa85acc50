import Foundation
import SQLKit
import SafeholdCore
import SafeholdStore

/// A child's history to load in bulk (benchmarks, large demos): one contact that opened an episode,
/// the steps recorded on it, and case notes. Steps are checked against the workflow before loading.
public struct ChildHistory: Sendable {
    public let childId: UUID
    public let contact: ContactDraft
    public let triage: Triage
    /// Steps with the ids they will be recorded under, so later steps can refer to earlier ones.
    public let steps: [(id: UUID, step: EpisodeStep)]
    public let notes: [CaseNoteDraft]
    /// The child's wishes and feelings, recorded before any conference (the store requires them).
    public let wishes: [WishesDraft]
    public let recordedBy: String

    public init(
        childId: UUID, contact: ContactDraft, triage: Triage, steps: [(id: UUID, step: EpisodeStep)],
        notes: [CaseNoteDraft], wishes: [WishesDraft] = [],
        recordedBy: String
    ) {
        self.childId = childId
        self.contact = contact
        self.triage = triage
        self.steps = steps
        self.notes = notes
        self.wishes = wishes
        self.recordedBy = recordedBy
    }
}

extension Store {
    /// Loads histories in one transaction with multi-row inserts; every step is checked against the
    /// workflow (and a conference against the child's voice), due dates are derived, and each child's
    /// load is audited.
    public func bulkLoadHistories(
        _ histories: [ChildHistory], ruleset: Ruleset = .england2025, context: AuditContext
    ) async throws {
        let now = nowText, today = self.today
        var contacts: [[any Encodable & Sendable]] = [], links: [[any Encodable & Sendable]] = []
        var episodes: [[any Encodable & Sendable]] = [], steps: [[any Encodable & Sendable]] = []
        var notes: [[any Encodable & Sendable]] = [], dues: [[any Encodable & Sendable]] = []
        var wishes: [[any Encodable & Sendable]] = []
        let tools = Set(VoiceTool.standard.map(\.code))
        var events: [AuditEvent] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for history in histories {
            let contactId = ids.next(), episodeId = ids.next()
            let receivedOn = ruleset.date(of: history.contact.receivedAt)
            contacts.append([
                contactId.db, Timestamp.string(history.contact.receivedAt), receivedOn.description,
                history.contact.source.rawValue,
                history.contact.referrerName, history.contact.concern, history.triage.decision.rawValue,
                history.triage.reason,
                history.triage.urgency.rawValue, Timestamp.string(history.triage.decidedAt), history.triage.decidedBy,
                ruleset.due(ruleset.contactDecision, from: receivedOn).description, 2, now,
            ])
            links.append([contactId.db, history.childId.db])
            let voices = try history.wishes.map { try $0.validated(today: today, tools: tools) }
            var recorded: [RecordedStep] = []
            for (stepId, step) in history.steps {
                try Workflow.check(step, against: EpisodeState.derive(referralDate: receivedOn, steps: recorded))
                if case .conference = step, !voices.contains(where: { $0.gatheredOn >= receivedOn }) {
                    throw SafeholdError.invalid([
                        FieldError("childsVoice", "record the child's wishes and feelings before a conference")
                    ])
                }
                let r = RecordedStep(
                    id: stepId, episodeId: episodeId, step: step, recordedAt: clock.now(),
                    recordedBy: history.recordedBy,
                    authorisedBy: step.needsManagerAuthorisation ? "Bench Manager" : nil,
                    authorisedAt: step.needsManagerAuthorisation ? clock.now() : nil)
                recorded.append(r)
                steps.append([
                    r.id.db, episodeId.db, history.childId.db, recorded.count, step.kind, step.date.description,
                    String(decoding: try encoder.encode(step), as: UTF8.self), now, history.recordedBy,
                    r.authorisedBy, r.authorisedAt.map(Timestamp.string),
                ])
            }
            let state = EpisodeState.derive(referralDate: receivedOn, steps: recorded)
            episodes.append([
                episodeId.db, history.childId.db, contactId.db, receivedOn.description, history.contact.source.rawValue,
                state.closed?.on.description, state.closed?.reason.rawValue, 1, now,
            ])
            for item in Timeliness.dueItems(state, ruleset: ruleset, today: today) {
                dues.append([episodeId.db, history.childId.db, item.what, item.dueOn.description])
            }
            for note in history.notes {
                notes.append([
                    ids.next().db, history.childId.db, episodeId.db, note.notedOn.description, note.kind.rawValue,
                    note.significant.db, note.body, history.recordedBy, now,
                ])
            }
            for voice in voices {
                wishes.append([
                    ids.next().db, history.childId.db, episodeId.db, voice.gatheredOn.description, voice.words,
                    voice.notGatheredReason, voice.communicationNeeds, voice.interpreter.db, voice.interpreterLanguage,
                    voice.tool, voice.toolOther, history.recordedBy, now,
                ])
            }
            events.append(
                context.event(
                    .create, "history", entityId: episodeId, personId: history.childId,
                    detail: "\(history.steps.count) steps, \(history.notes.count) notes"))
        }
        try await database.transaction { db in
            try await Self.insert(
                into: "contacts",
                [
                    "id", "received_at", "received_on", "source", "referrer_name", "concern", "decision",
                    "decision_reason", "urgency", "decided_at", "decided_by", "decision_due", "version", "created_at",
                ],
                contacts, on: db)
            try await Self.insert(into: "contact_children", ["contact_id", "person_id"], links, on: db)
            try await Self.insert(
                into: "episodes",
                [
                    "id", "person_id", "contact_id", "referral_date", "referral_source", "closed_on",
                    "closure_reason", "version", "created_at",
                ], episodes, on: db)
            try await Self.insert(
                into: "episode_steps",
                [
                    "id", "episode_id", "person_id", "position", "kind", "occurred_on", "payload",
                    "recorded_at", "recorded_by_name", "authorised_by_name", "authorised_at",
                ], steps, on: db)
            try await Self.insert(into: "episode_due", ["episode_id", "person_id", "what", "due_on"], dues, on: db)
            try await Self.insert(
                into: "case_notes",
                [
                    "id", "person_id", "episode_id", "noted_on", "note_type", "significant", "body",
                    "author_name", "created_at",
                ], notes, on: db)
            try await Self.insert(
                into: "wishes_feelings",
                [
                    "id", "person_id", "episode_id", "gathered_on", "words", "not_gathered_reason",
                    "communication_needs", "interpreter", "interpreter_language", "tool", "tool_other",
                    "recorded_by_name", "recorded_at",
                ], wishes, on: db)
            try await self.audit.append(events, on: db)
        }
    }

    /// Multi-row INSERT in chunks that stay under both databases' limits on bound values.
    private static func insert(
        into table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]], on db: any SQLDatabase
    ) async throws {
        guard !rows.isEmpty else { return }
        let perChunk = max(1, 30_000 / columns.count)
        for start in stride(from: 0, to: rows.count, by: perChunk) {
            let chunk = rows[start..<min(start + perChunk, rows.count)]
            let values: [SQLQueryString] = chunk.map { "(\(binds: $0))" }
            try await db.raw(
                """
                INSERT INTO \(ident: table) (\(idents: columns, joinedBy: ", ")) \
                VALUES \(values.joined(separator: ", "))
                """
            ).run()
        }
    }
}
