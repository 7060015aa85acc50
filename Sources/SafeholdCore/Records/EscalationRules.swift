import Foundation

/// What a professional sends to raise an escalation: the decision they disagree with (optionally a
/// contact or step on the child's record, by id), why, and what they want to happen.
public struct EscalationDraft: Sendable, Equatable {
    public let decision: String
    public let linkedRecordId: UUID?
    public let disagreement: String
    public let desiredOutcome: String

    /// Checks the fields; whether a linked record is on this child's record is the store's question.
    public static func validated(
        decision: String?, linkedRecordId: String?, disagreement: String?, desiredOutcome: String?
    ) throws(SafeholdError) -> EscalationDraft {
        var v = Validation()
        v.text("decision", decision, required: true, max: 1000, multiline: true)
        let linkText = linkedRecordId?.trimmingCharacters(in: .whitespaces) ?? ""
        let link = linkText.isEmpty ? nil : UUID(uuidString: linkText)
        if !linkText.isEmpty && link == nil {
            v.add("linkedRecordId", "must be the id of a contact or step on this child's record")
        }
        v.text("disagreement", disagreement, required: true, max: 4000, multiline: true)
        v.text("desiredOutcome", desiredOutcome, required: true, max: 2000, multiline: true)
        try v.check()
        let trim = { (s: String?) in s!.trimmingCharacters(in: .whitespacesAndNewlines) }
        return EscalationDraft(
            decision: trim(decision), linkedRecordId: link, disagreement: trim(disagreement),
            desiredOutcome: trim(desiredOutcome))
    }
}

/// The steps an escalation may take, each refused in words a worker understands: a response to the
/// current stage, a move to the next stage (one at a time, its response given before or with it),
/// and a resolution.
extension Escalation {
    /// The stage a stage's response is due: `startedOn` plus the stage's working days.
    public static func due(_ stage: EscalationStage, from startedOn: LocalDate, calendar: WorkingCalendar) -> LocalDate
    {
        calendar.adding(workingDays: stage.responseWorkingDays, to: startedOn)
    }

    /// Checks a response to the current stage; returns the text to keep.
    public func checkResponse(_ text: String?) throws(SafeholdError) -> String {
        try checkOpen()
        var v = Validation()
        v.text("response", text, required: true, max: 4000, multiline: true)
        try v.check()
        if let current, current.response != nil {
            throw .conflict(
                "Stage \(current.stage.number) has been responded to already. "
                    + "Escalate it to the next stage or resolve it.")
        }
        return text!.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Checks a move to `stage`: the next stage only, with a reason; the current stage must have its
    /// response, given before or with this move (`response`, which only a responder may give).
    /// Returns the stage moved to and the response to record with the move, if any.
    public func checkEscalation(
        to stage: String?, reason: String?, response: String?, stages: [EscalationStage], mayRespond: Bool
    ) throws(SafeholdError) -> (stage: EscalationStage, reason: String, response: String?) {
        try checkOpen()
        let currentNumber = current?.stage.number ?? 0
        let last = stages.map(\.number).max() ?? 0
        var v = Validation()
        let wanted = stage.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if stage?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            v.add("stage", "is required")
        } else if currentNumber >= last {
            v.add("stage", "stage \(last) is the last stage: resolve the escalation instead")
        } else if wanted != currentNumber + 1 {
            v.add(
                "stage",
                "must be \(currentNumber + 1): stages move one at a time, "
                    + "and this escalation is at stage \(currentNumber)"
            )
        }
        v.text("reason", reason, required: true, max: 4000, multiline: true)
        let given = response?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false ? response : nil
        if given != nil { v.text("response", given, max: 4000, multiline: true) }
        try v.check()
        let next = stages.first { $0.number == currentNumber + 1 }!
        var recorded: String?
        if current?.response == nil {
            guard mayRespond, let given else {
                throw .conflict(
                    "Stage \(currentNumber) has not been responded to yet. It is answered before, or when, it is "
                        + "escalated: the social care team gives its response first.")
            }
            recorded = given.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if given != nil {
            throw .invalid([FieldError("response", "stage \(currentNumber) has been responded to already")])
        }
        return (next, reason!.trimmingCharacters(in: .whitespacesAndNewlines), recorded)
    }

    /// Checks a resolution: an outcome from the code list and a note saying what was agreed.
    public func checkResolution(outcome: String?, note: String?) throws(SafeholdError) -> Resolution.Draft {
        try checkOpen()
        var v = Validation()
        let code = outcome.flatMap(EscalationOutcome.init(rawValue:))
        if outcome?.isEmpty ?? true {
            v.add("outcome", "is required")
        } else if code == nil {
            v.add("outcome", "must be one of \(EscalationOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        v.text("note", note, required: true, max: 4000, multiline: true)
        try v.check()
        return Resolution.Draft(outcome: code!, note: note!.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func checkOpen() throws(SafeholdError) {
        if let resolution {
            throw .conflict("This escalation was resolved on \(resolution.on.display); it cannot change.")
        }
    }
}

extension Escalation.Resolution {
    /// A resolution as sent, before who and when are added.
    public struct Draft: Sendable, Equatable {
        public let outcome: EscalationOutcome
        public let note: String
    }
}
