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

/// Histories checked, with their rows built and their audit entries made, ready to be written by
/// `Store.bulkLoadHistories(_:context:)`. Preparing is plain computation (no database), so a loader can prepare
/// the next batch while the database writes the current one.
public struct PreparedHistories: Sendable {
    var contacts = BulkRows(
        "contacts",
        [
            "id", "received_at", "received_on", "source", "referrer_name", "concern", "decision",
            "decision_reason", "urgency", "decided_at", "decided_by", "decision_due", "version", "created_at",
        ])
    var links = BulkRows("contact_children", ["contact_id", "person_id"])
    var episodes = BulkRows(
        "episodes",
        [
            "id", "person_id", "contact_id", "referral_date", "referral_source", "closed_on", "closure_reason",
            "version", "created_at",
        ])
    var steps = BulkRows(
        "episode_steps",
        [
            "id", "episode_id", "person_id", "position", "kind", "occurred_on", "payload", "recorded_at",
            "recorded_by_name", "authorised_by_name", "authorised_at",
        ])
    var dues = BulkRows("episode_due", ["episode_id", "person_id", "what", "due_on"])
    var notes = BulkRows(
        "case_notes",
        [
            "id", "person_id", "episode_id", "noted_on", "note_type", "significant", "body", "author_name",
            "created_at",
        ])
    var wishes = BulkRows(
        "wishes_feelings",
        [
            "id", "person_id", "episode_id", "gathered_on", "words", "not_gathered_reason", "communication_needs",
            "interpreter", "interpreter_language", "tool", "tool_other", "recorded_by_name", "recorded_at",
        ])
    /// One creation per child, against the child.
    var events: [AuditEvent] = []

    /// How many children the batch carries.
    public var count: Int { events.count }
    /// How many events the batch records: contacts, steps, case notes and the child's wishes.
    public var eventCount: Int { contacts.count + steps.count + notes.count + wishes.count }
}

extension Store {
    /// Loads histories in one transaction; every step is checked against the workflow (and a conference against
    /// the child's voice), due dates are derived, and each child's load is audited.
    public func bulkLoadHistories(
        _ histories: [ChildHistory], ruleset: Ruleset = .england2025, context: AuditContext
    ) async throws {
        try await bulkLoadHistories(prepareHistories(histories, ruleset: ruleset, context: context), context: context)
    }

    /// Checks histories and builds their rows without touching the database: every step against the workflow as
    /// the store would (a step out of order throws, naming it, and nothing of the batch is prepared), a conference
    /// against the child's voice, the child's wishes validated, due dates derived from the steps.
    public func prepareHistories(
        _ histories: [ChildHistory], ruleset: Ruleset = .england2025, context: AuditContext
    ) throws -> PreparedHistories {
        let now = nowText, today = self.today, recordedAt = clock.now()
        var ids = BulkIds(replacing: self.ids, now: recordedAt)
        var out = PreparedHistories()
        let tools = Set(VoiceTool.standard.map(\.code))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for history in histories {
            let contactId = ids.next(), episodeId = ids.next(), child = history.childId.db
            let receivedOn = ruleset.date(of: history.contact.receivedAt)
            let contact = history.contact, triage = history.triage
            out.contacts.append(
                contactId.db, Timestamp.string(contact.receivedAt), receivedOn.description, contact.source.rawValue,
                contact.referrerName, contact.concern, triage.decision.rawValue, triage.reason,
                triage.urgency.rawValue, Timestamp.string(triage.decidedAt), triage.decidedBy,
                ruleset.due(ruleset.contactDecision, from: receivedOn).description, 2, now)
            out.links.append(contactId.db, child)
            let voices = try history.wishes.map { try $0.validated(today: today, tools: tools) }
            var recorded: [RecordedStep] = []
            var state = EpisodeState.derive(referralDate: receivedOn, steps: recorded)
            for (stepId, step) in history.steps {
                try Workflow.check(step, against: state)
                if case .conference = step, !voices.contains(where: { $0.gatheredOn >= receivedOn }) {
                    throw SafeholdError.invalid([
                        FieldError("childsVoice", "record the child's wishes and feelings before a conference")
                    ])
                }
                let authorised = step.needsManagerAuthorisation
                let r = RecordedStep(
                    id: stepId, episodeId: episodeId, step: step, recordedAt: recordedAt,
                    recordedBy: history.recordedBy, authorisedBy: authorised ? "Bench Manager" : nil,
                    authorisedAt: authorised ? recordedAt : nil)
                recorded.append(r)
                state = EpisodeState.derive(referralDate: receivedOn, steps: recorded)
                out.steps.append(
                    r.id.db, episodeId.db, child, recorded.count, step.kind, step.date.description,
                    String(decoding: try encoder.encode(step), as: UTF8.self), now, history.recordedBy,
                    r.authorisedBy, r.authorisedAt.map(Timestamp.string))
            }
            out.episodes.append(
                episodeId.db, child, contactId.db, receivedOn.description, contact.source.rawValue,
                state.closed?.on.description, state.closed?.reason.rawValue, 1, now)
            for item in Timeliness.dueItems(state, ruleset: ruleset, today: today) {
                out.dues.append(episodeId.db, child, item.what, item.dueOn.description)
            }
            for note in history.notes {
                out.notes.append(
                    ids.next().db, child, episodeId.db, note.notedOn.description, note.kind.rawValue,
                    note.significant.db, note.body, history.recordedBy, now)
            }
            for voice in voices {
                out.wishes.append(
                    ids.next().db, child, episodeId.db, voice.gatheredOn.description, voice.words,
                    voice.notGatheredReason, voice.communicationNeeds, voice.interpreter.db, voice.interpreterLanguage,
                    voice.tool, voice.toolOther, history.recordedBy, now)
            }
            out.events.append(
                context.event(
                    .create, "history", entityId: episodeId, personId: history.childId,
                    detail: "\(history.steps.count) steps, \(history.notes.count) notes"))
        }
        return out
    }

    /// Writes prepared histories in one transaction with multi-row inserts, and their audit entries in the same
    /// transaction: all of the batch is written, or none of it.
    public func bulkLoadHistories(_ prepared: PreparedHistories, context: AuditContext) async throws {
        let sqlite = database.dialect == .sqlite
        try await database.bulkTransaction { db in
            // SQLite's note index keeps new words in memory and writes them out as a new segment each time they
            // pass `hashsize` (1 MB by default), segments it must later merge: for this transaction only, it keeps
            // them until the commit, so each batch is one segment. The setting is put back before the commit.
            if sqlite { try await Self.ftsHashSize(64 << 20, on: db) }
            for rows in [
                prepared.contacts, prepared.links, prepared.episodes, prepared.steps, prepared.dues,
                prepared.notes, prepared.wishes,
            ] {
                try await rows.insert(on: db)
            }
            if sqlite { try await Self.ftsHashSize(Self.defaultFTSHashSize, on: db) }
            try await self.audit.append(prepared.events, on: db)
        }
    }

    /// FTS5's own default for `hashsize`.
    static let defaultFTSHashSize = 1 << 20

    private static func ftsHashSize(_ bytes: Int, on db: any SQLDatabase) async throws {
        try await setNoteIndex("hashsize", bytes, on: db)
    }

    /// Stores one of the note index's (FTS5) settings, inside the caller's transaction.
    static func setNoteIndex(_ name: String, _ value: Int, on db: any SQLDatabase) async throws {
        try await db.raw(
            "INSERT INTO case_notes_fts (case_notes_fts, rank) VALUES (\(bind: name), \(literal: value))"
        ).run()
    }
}
