import Foundation

/// The steps of an allegation, each checked against the case as it stands: a field that is wrong is a
/// 422 naming it; a step out of order (an outcome before the evaluation, a second consideration) is a
/// 409 in words a worker understands. Nothing is written when a check fails.
extension Allegation {
    /// Checks the initial consideration: once, with reasons, dated between the referral and today.
    public func checkConsideration(
        decision: String?, reasons: String?, on: String?, today: LocalDate
    ) throws(SafeholdError) -> Consideration.Draft {
        try checkOpen()
        if let consideration {
            throw .conflict("The initial consideration was recorded on \(consideration.on.display); it is made once.")
        }
        var v = Validation()
        let code = ConsiderationDecision.read("decision", decision, &v)
        v.text("reasons", reasons, required: true, max: 4000, multiline: true)
        let date = v.isoDate(
            "on", on, notAfter: today, notBefore: receivedOn, beforeMessage: "is before the allegation was received")
        try v.check()
        return Consideration.Draft(decision: code!, reasons: Self.trim(reasons), on: date!)
    }

    /// Checks the strategy meeting or evaluation: after an initial consideration that met the threshold,
    /// once, with at least one attendee (name and agency).
    public func checkMeeting(
        kind: String?, on: String?, attendees: [Attendee], notes: String?, today: LocalDate
    ) throws(SafeholdError) -> Meeting {
        try checkOpen()
        guard let consideration else {
            throw .conflict(
                "Record the initial consideration first: a strategy meeting or evaluation follows a decision "
                    + "that the threshold is met.")
        }
        if let meeting {
            throw .conflict("The \(meeting.kind.label.lowercased()) was recorded on \(meeting.on.display) already.")
        }
        var v = Validation()
        let code = AllegationMeetingKind.read("kind", kind, &v)
        let date = v.isoDate(
            "on", on, notAfter: today, notBefore: consideration.on,
            beforeMessage: "is before the initial consideration (\(consideration.on.display))")
        let people = Attendee.check(attendees, &v)
        v.text("notes", notes, required: true, max: 10_000, multiline: true)
        try v.check()
        return Meeting(kind: code!, on: date!, attendees: people, notes: Self.trim(notes))
    }

    /// Checks a new action for the employer, the police or children's social care.
    public func checkAction(owner: String?, what: String?, dueOn: String?) throws(SafeholdError) -> ActionDraft {
        try checkOpen()
        var v = Validation()
        let party = AllegationActionOwner.read("owner", owner, &v)
        v.text("what", what, required: true, max: 2000, multiline: true)
        let due = v.isoDate(
            "dueOn", dueOn, notBefore: receivedOn, beforeMessage: "is before the allegation was received")
        try v.check()
        return ActionDraft(owner: party!, what: Self.trim(what), dueOn: due!)
    }

    /// Checks that an action is done: an action of this case, not done already, on a date not in the future.
    public func checkActionDone(
        actionId: String?, doneOn: String?, today: LocalDate
    ) throws(SafeholdError) -> (
        UUID, LocalDate
    ) {
        var v = Validation()
        let id = AllegationDraft.readId("actionId", actionId, &v, what: "an action of this allegation")
        if actionId.nonBlank == nil { v.add("actionId", "is required") }
        let date = v.isoDate(
            "doneOn", doneOn, notAfter: today, notBefore: receivedOn,
            beforeMessage: "is before the allegation was received")
        try v.check()
        guard let action = actions.first(where: { $0.id == id }) else {
            throw .invalid([FieldError("actionId", "is not an action of this allegation")])
        }
        if let done = action.doneOn { throw .conflict("This action was recorded as done on \(done.display).") }
        return (action.id, date!)
    }

    /// Checks a change of the subject's employment status: dated no earlier than the last one.
    public func checkEmployment(
        status: String?, from: String?, note: String?, today: LocalDate
    ) throws(SafeholdError) -> (EmploymentStatus, LocalDate, String?) {
        var v = Validation()
        let code = EmploymentStatus.read("status", status, &v)
        let last = currentEmployment?.from
        let date = v.isoDate(
            "from", from, notAfter: today, notBefore: last,
            beforeMessage: "is before the status already recorded (from \(last?.display ?? ""))")
        v.text("note", note, max: 2000, multiline: true)
        try v.check()
        return (code!, date!, note.nonBlank.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    }

    /// The `Allegation.Outcome` a substantiated allegation needs: a referral to the DBS or the regulator,
    /// or the reason none was made.
    public func checkOutcome(_ input: OutcomeInput, today: LocalDate) throws(SafeholdError) -> Outcome {
        try checkOpen()
        guard let meeting else {
            throw .conflict(
                "The outcome is recorded after the strategy meeting or evaluation. Record the meeting or "
                    + "evaluation first, then the outcome.")
        }
        var v = Validation()
        let code = AllegationOutcome.read("outcome", input.outcome, &v)
        let after = "is before the \(meeting.kind.label.lowercased()) (\(meeting.on.display))"
        let date = v.isoDate("on", input.on, notAfter: today, notBefore: meeting.on, beforeMessage: after)
        v.text("notes", input.notes, required: true, max: 10_000, multiline: true)
        let dbs = optionalDate("dbsReferredOn", input.dbsReferredOn, today: today, &v)
        let regulator = optionalDate("regulatorReferredOn", input.regulatorReferredOn, today: today, &v)
        v.text("regulatorName", input.regulatorName, max: 200)
        if regulator != nil && input.regulatorName.nonBlank == nil {
            v.add("regulatorName", "name the regulator the referral went to")
        }
        v.text("referralNote", input.referralNote, max: 2000, multiline: true)
        if code == .substantiated && dbs == nil && regulator == nil && input.referralNote.nonBlank == nil {
            v.add(
                "dbsReferredOn",
                "a substantiated allegation is referred to the DBS or the regulator; give the date, "
                    + "or say in the referral note why no referral is needed")
        }
        try v.check()
        let note = [Self.trim(input.notes), input.referralNote.nonBlank.map { "Referral: \(Self.trim($0))" }]
        return Outcome(
            outcome: code!, on: date!, notes: note.compactMap { $0 }.joined(separator: "\n"), dbsReferredOn: dbs,
            regulatorReferredOn: regulator,
            regulatorName: regulator == nil ? nil : Self.trim(input.regulatorName),
            markedForRemovalOn: code == .malicious ? date : nil)
    }

    /// Checks a contact to the front door about a child this allegation concerns.
    public func checkContact(childId: UUID, concern: String?) throws(SafeholdError) -> String {
        guard children.contains(where: { $0.id == childId }) else {
            throw .invalid([FieldError("childId", "is not a child this allegation concerns: link the child first")])
        }
        var v = Validation()
        v.text("concern", concern, required: true, max: 10_000, multiline: true)
        try v.check()
        return Self.trim(concern)
    }

    private func optionalDate(_ field: String, _ text: String?, today: LocalDate, _ v: inout Validation) -> LocalDate? {
        guard text.nonBlank != nil else { return nil }
        return v.isoDate(
            field, text, notAfter: today, notBefore: receivedOn, beforeMessage: "is before the allegation was received")
    }

    private func checkOpen() throws(SafeholdError) {
        if let resolvedOn { throw .conflict("This allegation was closed on \(resolvedOn.display); it cannot change.") }
    }

    static func trim(_ text: String?) -> String { text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
}

extension Allegation.Consideration {
    /// An initial consideration as sent, before who recorded it is added.
    public struct Draft: Hashable, Sendable {
        public let decision: ConsiderationDecision
        public let reasons: String
        public let on: LocalDate
    }
}

extension Allegation {
    /// A new action as sent.
    public struct ActionDraft: Hashable, Sendable {
        public let owner: AllegationActionOwner
        public let what: String
        public let dueOn: LocalDate
    }

    /// The outcome as sent (text fields, shared by the form and the API).
    public struct OutcomeInput: Sendable {
        public let outcome: String?, on: String?, notes: String?, dbsReferredOn: String?
        public let regulatorReferredOn: String?, regulatorName: String?, referralNote: String?

        public init(
            outcome: String?, on: String?, notes: String?, dbsReferredOn: String?, regulatorReferredOn: String?,
            regulatorName: String?, referralNote: String?
        ) {
            self.outcome = outcome
            self.on = on
            self.notes = notes
            self.dbsReferredOn = dbsReferredOn
            self.regulatorReferredOn = regulatorReferredOn
            self.regulatorName = regulatorName
            self.referralNote = referralNote
        }
    }
}
