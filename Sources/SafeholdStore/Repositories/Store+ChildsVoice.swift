import Foundation
import SQLKit
import SafeholdCore

/// What a child's page and the voice page show of the child's voice: wishes and feelings (newest
/// first), Signs of Safety mappings (newest first) and safety scale ratings (oldest first), with the
/// tools on the code list and whether the reader may add to them.
public struct ChildsVoice: Sendable {
    /// The child's name as the record shows it.
    public let childName: String
    public let wishes: [WishesAndFeelings]
    /// How many wishes and feelings records the child has (`wishes` may hold only the latest few).
    public let wishesCount: Int
    public let mappings: [SafetyMapping]
    public let ratings: [SafetyRating]
    public let tools: [VoiceTool]
    public let canEdit: Bool
}

extension Store {
    /// Records a child's wishes and feelings (or why they could not be gathered) on a record the actor
    /// may edit, against the episode open at the time; audited against the child.
    public func recordWishes(
        for personId: UUID, _ draft: WishesDraft, context: AuditContext
    ) async throws -> WishesAndFeelings {
        try await act(on: .person(personId), .edit, "wishes_feelings", context: context) { db, access in
            let bornOn = try await self.childBornOn(personId, on: db)
            let tools = try await self.voiceTools(on: db)
            let clean = try draft.validated(today: self.today, bornOn: bornOn, tools: Set(tools.map(\.code)))
            let episode = try await db.raw(
                "SELECT id FROM episodes WHERE person_id = \(bind: personId.db) AND closed_on IS NULL"
            ).first()?.uuid("id")
            let id = self.ids.next()
            try await db.raw(
                """
                INSERT INTO wishes_feelings (id, person_id, episode_id, gathered_on, words, not_gathered_reason,
                    communication_needs, interpreter, interpreter_language, tool, tool_other, recorded_by,
                    recorded_by_name, recorded_at)
                VALUES (\(bind: id.db), \(bind: personId.db), \(bind: episode?.db),
                    \(bind: clean.gatheredOn.description), \(bind: clean.words), \(bind: clean.notGatheredReason),
                    \(bind: clean.communicationNeeds), \(bind: clean.interpreter.db),
                    \(bind: clean.interpreterLanguage), \(bind: clean.tool), \(bind: clean.toolOther),
                    \(bind: access.actor.userId.db), \(bind: context.actorName), \(bind: self.nowText))
                """
            ).run()
            access.audit(.create, "wishes_feelings", entityId: id, detail: clean.words == nil ? "not gathered" : nil)
            let saved = try await self.loadWishes(of: personId, bornOn: bornOn, limit: nil, on: db).wishes
                .first { $0.id == id }
            guard let saved else { throw SafeholdError.notFound("The record just written could not be read back.") }
            return saved
        }
    }

    /// Everything recorded of the child's voice, for someone who may see the child (an audited read).
    public func childsVoice(of personId: UUID, context: AuditContext) async throws -> ChildsVoice {
        try await act(on: .person(personId), .view, "childs_voice", context: context) { db, access in
            try await self.loadVoice(of: personId, wishesLimit: nil, canEdit: access.may(.edit), on: db)
        }
    }

    /// Loads the child's voice; the caller has checked access and audits the read.
    /// `person` is the child's record when the caller has read it already (the child's page), saving a read.
    func loadVoice(
        of personId: UUID, person known: Person? = nil, wishesLimit: Int?, canEdit: Bool,
        present: PersonLists = .all, on db: any SQLDatabase
    ) async throws -> ChildsVoice {
        var found = known
        if found == nil { found = try await fetchPerson(personId, on: db) }
        guard let person = found else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        let (wishes, count) =
            present.contains(.wishes)
            ? try await loadWishes(of: personId, bornOn: person.details.dateOfBirth, limit: wishesLimit, on: db)
            : ([], 0)
        return ChildsVoice(
            childName: person.displayName, wishes: wishes, wishesCount: count,
            mappings: present.contains(.safetyMappings) ? try await loadMappings(of: personId, on: db) : [],
            ratings: present.contains(.safetyRatings) ? try await loadRatings(of: personId, on: db) : [],
            tools: try await voiceTools(on: db),
            canEdit: canEdit)
    }

    /// The tools on the code list that are in use, in their order.
    func voiceTools(on db: any SQLDatabase) async throws -> [VoiceTool] {
        try await db.raw("SELECT code, label FROM voice_tools WHERE active = 1 ORDER BY position, code").all().map {
            VoiceTool(code: try $0.string("code"), label: try $0.string("label"))
        }
    }

    /// The child's date of birth when known; refuses a record that is not a child's (or an unborn child's).
    func childBornOn(_ personId: UUID, on db: any SQLDatabase) async throws -> LocalDate? {
        guard
            let row = try await db.raw(
                "SELECT kind, date_of_birth FROM persons WHERE id = \(bind: personId.db)"
            ).first()
        else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
        let kind = try row.code("kind", as: PersonKind.self)
        guard kind == .child || kind == .unborn else {
            throw SafeholdError.invalid([FieldError("person", "the child's voice is recorded on a child's record")])
        }
        return try row.optionalDate("date_of_birth")
    }

    /// Refuses a conference on `episode` unless the child's wishes and feelings (or why they could not
    /// be gathered) were recorded on or after the episode opened (`referral`).
    func requireChildsVoice(child: UUID, since referral: LocalDate, on db: any SQLDatabase) async throws {
        let found = try await db.raw(
            """
            SELECT 1 AS found FROM wishes_feelings \
            WHERE person_id = \(bind: child.db) AND gathered_on >= \(bind: referral.description) LIMIT 1
            """
        ).first()
        if found == nil {
            throw SafeholdError.invalid([
                FieldError(
                    "childsVoice",
                    "record the child's wishes and feelings, or why they could not be gathered, on or after "
                        + "\(referral.display) before recording a conference")
            ])
        }
    }

    /// The newest `limit` of the child's wishes and feelings (all without a limit), and how many there are in all:
    /// one statement, the count taken over every row before the limit cuts them.
    private func loadWishes(
        of personId: UUID, bornOn: LocalDate?, limit: Int?, on db: any SQLDatabase
    ) async throws -> (wishes: [WishesAndFeelings], count: Int) {
        let limited: SQLQueryString = limit.map { "LIMIT \(literal: $0)" } ?? ""
        let rows = try await db.raw(
            """
            SELECT w.*, t.label AS tool_label, COUNT(*) OVER () AS wishes_count
            FROM wishes_feelings w LEFT JOIN voice_tools t ON t.code = w.tool
            WHERE w.person_id = \(bind: personId.db) ORDER BY w.gathered_on DESC, w.recorded_at DESC \(limited)
            """
        ).all()
        let wishes = try rows.map { row in
            let gatheredOn = try row.date("gathered_on")
            return WishesAndFeelings(
                id: try row.uuid("id"), personId: personId, episodeId: try row.optionalUUID("episode_id"),
                gatheredOn: gatheredOn,
                ageAtTime: bornOn.flatMap { $0 <= gatheredOn ? $0.years(until: gatheredOn) : nil },
                words: try row.optionalString("words"),
                notGatheredReason: try row.optionalString("not_gathered_reason"),
                communicationNeeds: try row.optionalString("communication_needs"),
                interpreter: try row.flag("interpreter"),
                interpreterLanguage: try row.optionalString("interpreter_language"),
                toolCode: try row.optionalString("tool"), toolLabel: try row.optionalString("tool_label"),
                toolOther: try row.optionalString("tool_other"), recordedBy: try row.string("recorded_by_name"),
                recordedAt: try row.timestamp("recorded_at"))
        }
        return (wishes, try rows.first?.int("wishes_count") ?? 0)
    }
}
