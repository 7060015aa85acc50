import Foundation

/// The limits of what a worker may write on a statutory step.
public enum StepLimits {
    /// Long free text (observations, the child's views, outcomes): line breaks allowed.
    public static let longText = 4000
    /// One line of text (where a visit happened, how views were obtained).
    public static let lineText = 200
    /// A person's or an agency's name.
    public static let nameText = 100
    /// Participants, attendees or apologies on one meeting.
    public static let people = 50
    /// Steps on one episode of need, the most an `expectedSteps` count can be.
    public static let stepsPerEpisode = 10_000
    /// Working days between visits on a plan.
    public static let visitInterval = 1...60
}

extension EpisodeStep {
    /// Returns the step when every field is within Safehold's rules, or throws `SafeholdError.invalid`
    /// naming each field that is not (by its name in the API: `on`, `visitIntervalWorkingDays`,
    /// `attendees[0].name`). The forms and the API both come through here. `today` is the UK date.
    public func validated(today: LocalDate) throws(SafeholdError) -> EpisodeStep {
        var v = Validation()
        v.date("on", date, notAfter: today)
        typealias L = StepLimits
        switch self {
        case .assessmentStarted, .section47Started, .closed:
            break
        case .assessmentCompleted(_, _, let factors, _, let needs, let parenting, let family, let outcome):
            Self.checkFactors(factors, &v)
            v.text("developmentalNeeds", needs, required: true, max: L.longText, multiline: true)
            v.text("parentingCapacity", parenting, required: true, max: L.longText, multiline: true)
            v.text("familyAndEnvironment", family, required: true, max: L.longText, multiline: true)
            v.text("outcome", outcome, required: true, max: L.longText, multiline: true)
        case .strategyDiscussion(_, let participants, let absent, let information, _, let actions):
            Participant.check(participants, field: "participants", &v)
            let kinds = Set(participants.map(\.agencyKind))
            let blank = absent?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true
            if !(kinds.contains(.localAuthority) && kinds.contains(.police) && kinds.contains(.health)) && blank {
                v.add("participants", "include social care, police and health, or say why an agency was absent")
            }
            v.text("absentAgencyReason", absent, max: L.lineText)
            v.text("informationShared", information, required: true, max: L.longText, multiline: true)
            v.text("safetyActions", actions, max: L.longText, multiline: true)
        case .section47Completed(_, _, _, let needed, let reason):
            if !needed && (reason?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true) {
                v.add("reasonNoConference", "say why no conference is needed")
            }
            v.text("reasonNoConference", reason, max: L.lineText)
        case .conference(
            _, let on, let chair, let attendees, let apologies, let views, let how, let decision, let category,
            let next):
            v.text("chair", chair, required: true, max: L.nameText)
            Participant.check(attendees, field: "attendees", &v)
            if v.count("apologies", apologies.count, max: L.people, noun: "apologies") {
                for (i, name) in apologies.enumerated() {
                    v.text("apologies[\(i)]", name, required: true, max: L.lineText)
                }
            }
            v.text("childViews", views, required: true, max: L.longText, multiline: true)
            v.text("howViewsObtained", how, required: true, max: L.lineText)
            if (decision == .plan || decision == .continuePlan) && category == nil {
                v.add("category", "choose the category of abuse")
            }
            if let next, v.date("nextReview", next) && next <= on {
                v.add("nextReview", "must be after the conference")
            }
        case .planStarted(let kind, _, let category, let interval):
            if kind == .childProtection && category == nil { v.add("category", "choose the category of abuse") }
            v.number(
                "visitIntervalWorkingDays", interval, in: L.visitInterval,
                "give a number of working days from 1 to 60")
        case .planEnded(_, _, let reason):
            v.text("reason", reason, required: true, max: L.longText, multiline: true)
        case .coreGroupMeeting(_, _, let attendees, let notes):
            Participant.check(attendees, field: "attendees", &v)
            v.text("notes", notes, max: L.longText, multiline: true)
        case .visit(_, let visitor, let seen, let alone, let location, let observations, let words):
            v.text("visitor", visitor, required: true, max: L.nameText)
            if alone && !seen { v.add("seenAlone", "a child seen alone was seen") }
            v.text("location", location, required: true, max: L.lineText)
            v.text("observations", observations, max: L.longText, multiline: true)
            v.text("childsWords", words, max: L.longText, multiline: true)
        }
        try v.check()
        return self
    }

    private static func checkFactors(_ factors: [String], _ v: inout Validation) {
        guard v.count("factors", factors.count, max: AssessmentFactors.codes.count, noun: "factors") else { return }
        if factors.isEmpty { v.add("factors", "choose the factors identified, or 21 (no factors)") }
        for code in factors where !AssessmentFactors.isCode(code) {
            v.add("factors", "\(Validation.shown(code)) is not a factor code")
        }
        if Set(factors).count != factors.count { v.add("factors", "lists a factor twice") }
    }

    /// Checks the number of steps a form or caller last saw on an episode.
    public static func checkExpectedSteps(_ count: Int) throws(SafeholdError) {
        var v = Validation()
        v.number(
            "expectedSteps", count, in: 0...StepLimits.stepsPerEpisode,
            "is not a number of steps: reload the page")
        try v.check()
    }
}

extension Participant {
    /// Checks one person at a meeting or in a core group; `prefix` names the field ("attendees[2].").
    public func check(_ v: inout Validation, prefix: String = "") {
        v.text(prefix + "name", name, required: true, max: StepLimits.nameText)
        v.text(prefix + "agency", agency, required: true, max: StepLimits.nameText)
    }

    /// Checks a list of participants: how many, and each one.
    static func check(_ people: [Participant], field: String, _ v: inout Validation) {
        guard v.count(field, people.count, max: StepLimits.people, noun: "people") else { return }
        for (i, person) in people.enumerated() { person.check(&v, prefix: "\(field)[\(i)].") }
    }

    /// Returns the participant (a core group member) when its name and agency are acceptable.
    public func validated() throws(SafeholdError) -> Participant {
        var v = Validation()
        check(&v)
        try v.check()
        return self
    }
}

extension RecordedStep {
    /// Checks a manager's comment when authorising a step.
    public static func validateManagerComment(_ comment: String) throws(SafeholdError) {
        var v = Validation()
        v.text("comment", comment, required: true, max: StepLimits.longText, multiline: true)
        try v.check()
    }
}
