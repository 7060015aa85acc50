import Foundation
import SQLKit
import SafeholdCore

/// An episode of need with its recorded steps, its derived state and what is due next.
public struct EpisodeRecord: Sendable {
    public let id: UUID
    public let childId: UUID
    public let referralDate: LocalDate
    public let referralSource: ReferralSource
    public let primaryNeed: PrimaryNeed?
    public let steps: [RecordedStep]
    public let state: EpisodeState
    public let due: [DueItem]
    /// Actions on the episode's plans, by due date.
    public let actions: [PlanAction]
    /// Core group members, by plan.
    public let coreGroup: [UUID: [Participant]]
    /// How many steps the viewer saw: a step recorded against an older count is stale.
    public var stepCount: Int { steps.count }
}

extension Store {
    /// Records one statutory step on an episode, after the workflow allows it. `expectedSteps` is the
    /// number of steps the worker's form was based on: if someone recorded another since, it is a conflict.
    public func recordStep(
        _ step: EpisodeStep, episode episodeId: UUID, expectedSteps: Int, ruleset: Ruleset = .england2025,
        jointEnquiry: JointEnquiryLink? = nil, context: AuditContext
    ) async throws -> RecordedStep {
        try EpisodeStep.checkExpectedSteps(expectedSteps)
        let step = try step.validated(today: today)
        try JointEnquiryLink.check(jointEnquiry, for: step)
        return try await act(on: .episode(episodeId), .edit, "episode_step", context: context) { db, access in
            let (childId, referral, steps) = try await self.loadEpisode(episodeId, on: db)
            guard steps.count == expectedSteps else {
                throw SafeholdError.conflict(
                    "Someone else recorded a step on this episode after you opened it. "
                        + "Reload the page and check before you record yours."
                )
            }
            try Workflow.check(step, against: EpisodeState.derive(referralDate: referral, steps: steps))
            if case .conference(_, let on, let chair, _, _, _, _, _, _, _) = step {
                try await self.requireChildsVoice(child: childId, since: referral, on: db)
                try await self.checkChairGate(
                    chair, on: on, usedFor: "conference \(episodeId) \(on)", context: context, on: db)
            }
            let recorded = RecordedStep(
                id: self.ids.next(), episodeId: episodeId, step: step, recordedAt: self.clock.now(),
                recordedBy: context.actorName)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let payload = String(decoding: try encoder.encode(step), as: UTF8.self)
            let recordedAt = Timestamp.string(recorded.recordedAt)
            try await db.raw(
                """
                INSERT INTO episode_steps \
                (id, episode_id, person_id, position, kind, occurred_on, payload, recorded_at, recorded_by,
                    recorded_by_name)
                VALUES (\(bind: recorded.id.db), \(bind: episodeId.db), \(bind: childId.db), \(bind: steps.count + 1),
                    \(bind: step.kind), \(bind: step.date.description), \(bind: payload),
                    \(bind: recordedAt), \(bind: access.actor.userId.db), \(bind: context.actorName))
                """
            ).run()
            try await self.refreshDue(
                episodeId, child: childId, referral: referral, steps: steps + [recorded], ruleset: ruleset, on: db)
            access.audit(.create, "episode_step", entityId: recorded.id, detail: step.kind)
            if let jointEnquiry {
                try await self.startJointEnquiry(
                    jointEnquiry, step: recorded, child: childId, access: access, context: context, on: db)
            }
            if case .section47Completed = step {
                try await self.endJointEnquiries(episode: episodeId, on: db)
            }
            return recorded
        }
    }

    /// A manager's authorisation of an assessment, plan or closure on `episode`, with their comment.
    /// Authorising a closure closes the episode. A manager never authorises a step they recorded.
    public func authoriseStep(
        _ stepId: UUID, episode episodeId: UUID, comment: String, ruleset: Ruleset = .england2025,
        context: AuditContext
    ) async throws {
        try RecordedStep.validateManagerComment(comment)
        try await act(on: .step(stepId, episode: episodeId), .edit, "episode_step", context: context) { db, access in
            guard access.actor.role == .teamManager else {
                throw SafeholdError.forbidden(
                    "Only a manager of the team that holds this child's record authorises this step.")
            }
            let recorder = try await db.raw("SELECT recorded_by FROM episode_steps WHERE id = \(bind: stepId.db)")
                .first()?
                .optionalUUID("recorded_by")
            if recorder == access.actor.userId {
                throw SafeholdError.forbidden(
                    "You recorded this step, so another manager must authorise it: "
                        + "every authorisation has a second pair of eyes."
                )
            }
            let (childId, referral, steps) = try await self.loadEpisode(episodeId, on: db)
            guard let step = steps.first(where: { $0.id == stepId }), step.step.needsManagerAuthorisation else {
                throw SafeholdError.invalid([FieldError("step", "this step does not need a manager's authorisation")])
            }
            if step.isAuthorised { throw SafeholdError.conflict("This step has already been authorised.") }
            let updated = try await db.raw(
                """
                UPDATE episode_steps \
                SET authorised_by_name = \(bind: context.actorName), authorised_at = \(bind: self.nowText),
                    manager_comment = \(bind: comment) WHERE id = \(bind: stepId.db) AND authorised_at IS NULL \
                RETURNING id
                """
            ).all()
            guard updated.count == 1 else {
                throw SafeholdError.conflict(
                    "Another manager authorised this step at the same moment. Reload the page.")
            }
            if case .closed(let on, let reason) = step.step {
                try await db.raw(
                    """
                    UPDATE episodes \
                    SET closed_on = \(bind: on.description), closure_reason = \(bind: reason.rawValue), \
                    version = version + 1
                    WHERE id = \(bind: episodeId.db)
                    """
                ).run()
                try await self.endJointEnquiries(episode: episodeId, on: db)
            }
            let after = try await self.loadEpisode(episodeId, on: db).steps
            try await self.refreshDue(
                episodeId, child: childId, referral: referral, steps: after, ruleset: ruleset, on: db)
            access.audit(.update, "episode_step", detail: "authorised \(step.step.kind)")
        }
    }

    /// A child's episodes, newest first, each with its steps, state and due items (a read through `act`).
    public func episodes(
        of childId: UUID, ruleset: Ruleset = .england2025, context: AuditContext
    ) async throws -> [EpisodeRecord] {
        try await act(on: .person(childId), .view, "episodes", context: context) { db, _ in
            try await self.loadEpisodes(of: childId, ruleset: ruleset, on: db)
        }
    }

    /// Loads a child's episodes; the caller has checked access and audits the read.
    func loadEpisodes(of childId: UUID, ruleset: Ruleset, on db: any SQLDatabase) async throws -> [EpisodeRecord] {
        let rows = try await db.raw(
            """
            SELECT id, primary_need, referral_source, referral_date FROM episodes WHERE person_id = \(bind: childId.db)
            ORDER BY referral_date DESC, created_at DESC
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        // Every episode's steps in one statement, and their plans' actions and core groups in two more, read only
        // when an episode has had a plan (they belong to a plan's step): not three statements an episode.
        let steps = try await recordedSteps(ofChild: childId, on: db)
        let episodes = try rows.map { row in
            let id = try row.uuid("id"), referral = try row.date("referral_date")
            let state = EpisodeState.derive(referralDate: referral, steps: steps[id] ?? [])
            return (row: row, id: id, referral: referral, state: state)
        }
        let hadPlans = episodes.contains { !$0.state.plans.isEmpty }
        let plans = hadPlans ? try await planDetails(ofChild: childId, on: db) : [:]
        var records: [EpisodeRecord] = []
        for (row, id, referral, state) in episodes {
            let plan = plans[id]
            records.append(
                EpisodeRecord(
                    id: id, childId: childId, referralDate: referral,
                    referralSource: try row.code("referral_source", as: ReferralSource.self),
                    primaryNeed: try row.optionalCode("primary_need", as: PrimaryNeed.self),
                    steps: steps[id] ?? [], state: state,
                    due: Timeliness.dueItems(state, ruleset: ruleset, today: today),
                    actions: plan?.actions ?? [], coreGroup: plan?.coreGroup ?? [:]))
        }
        return records
    }

    func loadEpisode(
        _ id: UUID, on db: any SQLDatabase
    ) async throws -> (childId: UUID, referral: LocalDate, steps: [RecordedStep]) {
        guard
            let row = try await db.raw("SELECT person_id, referral_date FROM episodes WHERE id = \(bind: id.db)")
                .first()
        else {
            throw SafeholdError.notFound(AccessPolicy.noVisibleRecord)
        }
        return (
            try row.uuid("person_id"), try row.date("referral_date"), try await recordedSteps(ofEpisode: id, on: db)
        )
    }

    /// An episode's steps in the order they were recorded.
    func recordedSteps(ofEpisode id: UUID, on db: any SQLDatabase) async throws -> [RecordedStep] {
        let decoder = JSONDecoder()
        return try await db.raw("SELECT * FROM episode_steps WHERE episode_id = \(bind: id.db) ORDER BY position")
            .all().map { try Self.recordedStep($0, episode: id, decoder: decoder) }
    }

    /// The steps of each of a child's episodes, by episode, each in the order they were recorded.
    func recordedSteps(ofChild childId: UUID, on db: any SQLDatabase) async throws -> [UUID: [RecordedStep]] {
        let decoder = JSONDecoder()
        var steps: [UUID: [RecordedStep]] = [:]
        let rows = try await db.raw(
            "SELECT * FROM episode_steps WHERE \(Self.inEpisodes(of: childId)) ORDER BY episode_id, position"
        ).all()
        for r in rows {
            let episode = try r.uuid("episode_id")
            steps[episode, default: []].append(try Self.recordedStep(r, episode: episode, decoder: decoder))
        }
        return steps
    }

    /// The condition that `episode_id` (of the table the statement reads, or `alias`'s) is one of the child's episodes.
    static func inEpisodes(of childId: UUID, alias: String? = nil) -> SQLQueryString {
        let column = alias.map { "\($0).episode_id" } ?? "episode_id"
        return "\(unsafeRaw: column) IN (SELECT id FROM episodes WHERE person_id = \(bind: childId.db))"
    }

    private static func recordedStep(_ r: any SQLRow, episode: UUID, decoder: JSONDecoder) throws -> RecordedStep {
        RecordedStep(
            id: try r.uuid("id"), episodeId: episode,
            step: try r.step(decoder: decoder),
            recordedAt: try r.timestamp("recorded_at"), recordedBy: try r.string("recorded_by_name"),
            authorisedBy: try r.optionalString("authorised_by_name"),
            authorisedAt: try r.optionalTimestamp("authorised_at"),
            managerComment: try r.optionalString("manager_comment"))
    }

    func refreshDue(
        _ episodeId: UUID, child: UUID, referral: LocalDate, steps: [RecordedStep], ruleset: Ruleset,
        on db: any SQLDatabase
    ) async throws {
        let state = EpisodeState.derive(referralDate: referral, steps: steps)
        try await db.raw("DELETE FROM episode_due WHERE episode_id = \(bind: episodeId.db)").run()
        for item in Timeliness.dueItems(state, ruleset: ruleset, today: today) {
            try await db.raw(
                """
                INSERT INTO episode_due (episode_id, person_id, what, due_on)
                VALUES (\(bind: episodeId.db), \(bind: child.db), \(bind: item.what), \(bind: item.dueOn.description))
                """
            ).run()
        }
    }
}

extension Store {
    /// The child an episode belongs to, for someone who may see that child (an audited read).
    public func childOfEpisode(_ episodeId: UUID, context: AuditContext) async throws -> UUID {
        try await act(on: .episode(episodeId), .view, "episode", context: context) { _, access in
            guard let child = access.children.first else { throw SafeholdError.notFound(AccessPolicy.noVisibleRecord) }
            return child
        }
    }
}
