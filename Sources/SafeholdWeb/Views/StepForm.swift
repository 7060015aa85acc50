import Foundation
import SafeholdCore
import SafeholdStore

/// The forms for each statutory step: which kinds there are, and how a submitted form becomes an
/// `EpisodeStep` (every problem named by field).
enum StepForm {
    static let kinds: [(kind: String, label: String)] = [
        ("assessment_started", "Start an assessment"), ("assessment_completed", "Complete the assessment"),
        ("strategy_discussion", "Strategy discussion"), ("s47_started", "Start a section 47 enquiry"),
        ("s47_completed", "Complete the section 47 enquiry"), ("initial_conference", "Initial child protection conference"),
        ("review_conference", "Review conference"), ("plan_started", "Start a plan"), ("plan_ended", "End a plan"),
        ("core_group", "Core group meeting"), ("visit", "Visit"), ("closed", "Close the episode"),
    ]

    static func label(_ kind: String) -> String { kinds.first { $0.kind == kind }?.label ?? kind }

    /// Reads a submitted step form against the episode it is for.
    static func step(kind: String, form: FormData, episode: EpisodeRecord, today: LocalDate) throws(SafeholdError) -> EpisodeStep {
        var v = Validation()
        func date(_ field: String = "date") -> LocalDate {
            guard let text = form[field] else { v.add(field, "is required"); return today }
            guard let d = LocalDate(iso: text) else { v.add(field, "'\(text)' is not a real date (use YYYY-MM-DD)"); return today }
            if d > today { v.add(field, "cannot be in the future") }
            return d
        }
        func text(_ field: String, required: Bool = false, max: Int = 4000) -> String {
            v.text(field, form[field], required: required, max: max)
            return form[field] ?? ""
        }
        func choice<T: RawRepresentable>(_ field: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let value = form[field].flatMap(T.init(rawValue:)) else { v.add(field, "choose one of the options"); return nil }
            return value
        }
        let state = episode.state
        let step: EpisodeStep?
        switch kind {
        case "assessment_started":
            step = .assessmentStarted(on: date())
        case "assessment_completed":
            let factors = form.all("factors")
            for code in factors where !AssessmentFactors.isCode(code) { v.add("factors", "'\(code)' is not a factor code") }
            if factors.isEmpty { v.add("factors", "choose the factors identified, or 21 (no factors)") }
            guard let open = state.openAssessment else { throw .conflict("There is no open assessment to complete.") }
            step = .assessmentCompleted(assessment: open.id, on: date(), factors: factors, childSeen: form.flag("childSeen"),
                                        developmentalNeeds: text("developmentalNeeds", required: true),
                                        parentingCapacity: text("parentingCapacity", required: true),
                                        familyAndEnvironment: text("familyAndEnvironment", required: true),
                                        outcome: text("outcome", required: true))
        case "strategy_discussion":
            let participants = parseParticipants(form["participants"] ?? "", &v)
            let kinds = Set(participants.map(\.agencyKind))
            let absent = form["absentAgencyReason"]
            if !(kinds.contains(.localAuthority) && kinds.contains(.police) && kinds.contains(.health)) && absent == nil {
                v.add("participants", "include social care, police and health, or say why an agency was absent")
            }
            let decision = choice("decision", StrategyDecision.self)
            step = decision.map {
                .strategyDiscussion(on: date(), participants: participants, absentAgencyReason: absent,
                                    informationShared: text("informationShared", required: true), decision: $0,
                                    safetyActions: text("safetyActions"))
            }
        case "s47_started":
            guard let strategy = state.lastStrategy else { throw .conflict("Record the strategy discussion before the enquiry.") }
            step = .section47Started(on: date(), strategyDiscussion: strategy.id)
        case "s47_completed":
            guard let open = state.openEnquiry else { throw .conflict("There is no open section 47 enquiry to complete.") }
            let needed = form["conferenceNeeded"] == "yes"
            let reason = form["reasonNoConference"]
            if !needed && reason == nil { v.add("reasonNoConference", "say why no conference is needed") }
            step = .section47Completed(enquiry: open.id, on: date(), substantiated: form["substantiated"] == "yes",
                                       conferenceNeeded: needed, reasonNoConference: needed ? nil : reason)
        case "initial_conference", "review_conference":
            let decision = choice("decision", ConferenceDecision.self)
            let category = form["category"].flatMap(AbuseCategory.init(rawValue:))
            if (decision == .plan || decision == .continuePlan) && category == nil { v.add("category", "choose the category of abuse") }
            let next = form["nextReview"].flatMap(LocalDate.init(iso:))
            step = decision.map {
                .conference(initial: kind == "initial_conference", on: date(), chair: text("chair", required: true, max: 100),
                            attendees: parseParticipants(form["attendees"] ?? "", &v),
                            apologies: (form["apologies"] ?? "").split(whereSeparator: \.isNewline).map(String.init),
                            childViews: text("childViews", required: true), howViewsObtained: text("howViewsObtained", required: true),
                            decision: $0, category: category, nextReview: next)
            }
        case "plan_started":
            let planKind = choice("planKind", PlanKind.self)
            let category = form["category"].flatMap(AbuseCategory.init(rawValue:))
            if planKind == .childProtection && category == nil { v.add("category", "choose the category of abuse") }
            let interval = Int(form["visitInterval"] ?? "10") ?? 0
            if !(1...60).contains(interval) { v.add("visitInterval", "give a number of working days from 1 to 60") }
            step = planKind.map { .planStarted(kind: $0, on: date(), category: category, visitIntervalWorkingDays: interval) }
        case "plan_ended":
            guard let plan = state.plans.last(where: { $0.endedOn == nil }) else { throw .conflict("There is no open plan to end.") }
            step = .planEnded(plan: plan.id, on: date(), reason: text("reason", required: true))
        case "core_group":
            guard let plan = state.openPlan(.childProtection) else { throw .conflict("Core groups meet under an open child protection plan.") }
            step = .coreGroupMeeting(plan: plan.id, on: date(), attendees: parseParticipants(form["attendees"] ?? "", &v),
                                     notes: text("notes"))
        case "visit":
            step = .visit(on: date(), visitor: text("visitor", required: true, max: 100), childSeen: form.flag("childSeen"),
                          seenAlone: form.flag("seenAlone"), location: text("location", required: true, max: 200),
                          observations: text("observations"), childsWords: text("childsWords"))
            if form.flag("seenAlone") && !form.flag("childSeen") { v.add("seenAlone", "a child seen alone was seen") }
        case "closed":
            step = choice("reason", ClosureReason.self).map { .closed(on: date(), reason: $0) }
        default:
            throw .notFound("There is no step called '\(kind)'.")
        }
        try v.check()
        guard let step else { throw .invalid([FieldError("kind", "could not read the step")]) }
        return step
    }

    /// One participant a line: "Name, Agency, kind" where kind is local_authority, police, health, school, probation or other.
    static func parseParticipants(_ text: String, _ v: inout Validation) -> [Participant] {
        text.split(whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            let parts = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, !parts[0].isEmpty, let kind = Agency.Kind(rawValue: parts[2]) else {
                v.add("participants", "line \(index + 1) should read 'Name, Agency, kind' (kind: local_authority, police, health, school, probation or other)")
                return nil
            }
            return Participant(name: parts[0], agency: parts[1], agencyKind: kind)
        }
    }
}
