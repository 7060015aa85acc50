import Foundation
import SafeholdCore
import SafeholdStore

/// The forms for each statutory step: which kinds there are, and how a submitted form becomes an
/// `EpisodeStep` (every problem named by field).
enum StepForm {
    static let kinds: [(kind: String, label: String)] = [
        ("assessment_started", "Start an assessment"), ("assessment_completed", "Complete the assessment"),
        ("strategy_discussion", "Strategy discussion"), ("s47_started", "Start a section 47 enquiry"),
        ("s47_completed", "Complete the section 47 enquiry"),
        ("initial_conference", "Initial child protection conference"),
        ("review_conference", "Review conference"), ("plan_started", "Start a plan"), ("plan_ended", "End a plan"),
        ("core_group", "Core group meeting"), ("visit", "Visit"), ("closed", "Close the episode"),
    ]

    static func label(_ kind: String) -> String { kinds.first { $0.kind == kind }?.label ?? kind }

    /// Reads a submitted step form against the episode it is for. The form only parses (a date that
    /// is not a date, a choice that is not an option, a participant line that cannot be read); every
    /// rule is then checked by `EpisodeStep.validated` in Core, as for the API, with the same field names.
    static func step(
        kind: String, form: FormData, episode: EpisodeRecord, today: LocalDate
    ) throws(SafeholdError) -> EpisodeStep {
        var v = Validation()
        func date(_ field: String = "on") -> LocalDate {
            guard let text = form[field] else { v.add(field, "is required"); return today }
            guard let d = LocalDate(iso: text) else {
                v.add(field, "\(Validation.shown(text)) is not a real date (use YYYY-MM-DD)")
                return today
            }
            return d
        }
        func text(_ field: String) -> String { form[field] ?? "" }
        func choice<T: RawRepresentable>(_ field: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let value = form[field].flatMap(T.init(rawValue:)) else {
                v.add(field, "choose one of the options"); return nil
            }
            return value
        }
        func optionalChoice<T: RawRepresentable>(_ field: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let raw = form[field] else { return nil }
            guard let value = T(rawValue: raw) else { v.add(field, "choose one of the options"); return nil }
            return value
        }
        let state = episode.state
        let step: EpisodeStep?
        switch kind {
        case "assessment_started":
            step = .assessmentStarted(on: date())
        case "assessment_completed":
            guard let open = state.openAssessment else { throw .conflict("There is no open assessment to complete.") }
            step = .assessmentCompleted(
                assessment: open.id, on: date(), factors: form.all("factors"), childSeen: form.flag("childSeen"),
                developmentalNeeds: text("developmentalNeeds"), parentingCapacity: text("parentingCapacity"),
                familyAndEnvironment: text("familyAndEnvironment"), outcome: text("outcome"))
        case "strategy_discussion":
            let participants = parseParticipants(form["participants"] ?? "", field: "participants", &v)
            step = choice("decision", StrategyDecision.self).map {
                .strategyDiscussion(
                    on: date(), participants: participants, absentAgencyReason: form["absentAgencyReason"],
                    informationShared: text("informationShared"), decision: $0, safetyActions: text("safetyActions"))
            }
        case "s47_started":
            guard let strategy = state.lastStrategy else {
                throw .conflict("Record the strategy discussion before the enquiry.")
            }
            step = .section47Started(on: date(), strategyDiscussion: strategy.id)
        case "s47_completed":
            guard let open = state.openEnquiry else {
                throw .conflict("There is no open section 47 enquiry to complete.")
            }
            let needed = form["conferenceNeeded"] == "yes"
            step = .section47Completed(
                enquiry: open.id, on: date(), substantiated: form["substantiated"] == "yes",
                conferenceNeeded: needed, reasonNoConference: needed ? nil : form["reasonNoConference"])
        case "initial_conference", "review_conference":
            let decision = choice("decision", ConferenceDecision.self)
            let category = optionalChoice("category", AbuseCategory.self)
            var next: LocalDate?
            if let text = form["nextReview"] {
                next = LocalDate(iso: text)
                if next == nil { v.add("nextReview", "\(Validation.shown(text)) is not a real date (use YYYY-MM-DD)") }
            }
            let attendees = parseParticipants(form["attendees"] ?? "", field: "attendees", &v)
            step = decision.map {
                .conference(
                    initial: kind == "initial_conference", on: date(), chair: text("chair"), attendees: attendees,
                    apologies: lines(form["apologies"]), childViews: text("childViews"),
                    howViewsObtained: text("howViewsObtained"), decision: $0, category: category, nextReview: next)
            }
        case "plan_started":
            let planKind = choice("planKind", PlanKind.self)
            let category = optionalChoice("category", AbuseCategory.self)
            let interval = form["visitIntervalWorkingDays"].map { Int($0) ?? 0 } ?? 10
            step = planKind.map {
                .planStarted(kind: $0, on: date(), category: category, visitIntervalWorkingDays: interval)
            }
        case "plan_ended":
            guard let plan = state.plans.last(where: { $0.endedOn == nil }) else {
                throw .conflict("There is no open plan to end.")
            }
            step = .planEnded(plan: plan.id, on: date(), reason: text("reason"))
        case "core_group":
            guard let plan = state.openPlan(.childProtection) else {
                throw .conflict("Core groups meet under an open child protection plan.")
            }
            let attendees = parseParticipants(form["attendees"] ?? "", field: "attendees", &v)
            step = .coreGroupMeeting(plan: plan.id, on: date(), attendees: attendees, notes: text("notes"))
        case "visit":
            step = .visit(
                on: date(), visitor: text("visitor"), childSeen: form.flag("childSeen"),
                seenAlone: form.flag("seenAlone"),
                location: text("location"), observations: text("observations"), childsWords: text("childsWords"))
        case "closed":
            step = choice("reason", ClosureReason.self).map { .closed(on: date(), reason: $0) }
        default:
            throw .notFound("There is no step called '\(kind)'.")
        }
        guard let step else { try v.check(); throw .invalid([FieldError("kind", "could not read the step")]) }
        do {
            let valid = try step.validated(today: today)
            try v.check()
            return valid
        } catch .invalid(let rules) {
            v.merge(rules)
            throw .invalid(v.errors)
        }
    }

    /// Non-blank lines of a text area.
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// One participant a line: "Name, Agency, kind" where kind is local_authority, police, health, school,
    /// probation or other. More lines than a meeting may hold are kept, for Core to refuse by count.
    static func parseParticipants(_ text: String, field: String, _ v: inout Validation) -> [Participant] {
        var people: [Participant] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, !parts[0].isEmpty, let kind = Agency.Kind(rawValue: parts[2]) else {
                v.add(
                    field,
                    "line \(index + 1) should read 'Name, Agency, kind' "
                        + "(kind: local_authority, police, health, school, probation or other)")
                if v.errors.count > 20 { break }
                continue
            }
            people.append(Participant(name: parts[0], agency: parts[1], agencyKind: kind))
        }
        return people
    }

    /// The police side of a joint decision: a police team to open an investigation, or one to link.
    static func jointEnquiry(_ form: FormData) throws(SafeholdError) -> JointEnquiryLink? {
        let team = form["policeTeamId"].flatMap { $0.isEmpty ? nil : $0 }
        let investigation = form["investigationId"].flatMap { $0.isEmpty ? nil : $0 }
        switch (team, investigation) {
        case (nil, nil): return nil
        case (_?, _?):
            throw .invalid([FieldError("policeTeamId", "choose a police team or an investigation to link, not both")])
        case (let team?, nil):
            guard let id = UUID(uuidString: team) else {
                throw .invalid([FieldError("policeTeamId", "choose a police team from the list")])
            }
            return .open(policeTeam: id)
        case (nil, let investigation?):
            guard let id = UUID(uuidString: investigation) else {
                throw .invalid([FieldError("investigationId", "choose an investigation from the list")])
            }
            return .link(investigation: id)
        }
    }
}
