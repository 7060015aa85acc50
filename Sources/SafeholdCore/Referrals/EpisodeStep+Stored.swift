import Foundation

extension EpisodeStep {
    /// A stored step, read from the text Swift's synthesised `Codable` wrote (`{"visit":{"on":...}}`) by
    /// `JSONEnvelope`, with no `Decoder` in between; whatever that reading does not expect (a member missing or of
    /// another type, a code not on its list) is decoded in full by `decoder`, which stays the authority on what the
    /// text means. Every page with an episode on it reads each of its steps: the full decoder was 8% of the child's
    /// page at a million children.
    public static func stored(_ payload: String, decoder: JSONDecoder) throws -> EpisodeStep {
        try JSONEnvelope.decode(payload, decoder: decoder, reading: EpisodeStep.init(envelope:))
    }

    /// The step the envelope holds; nil when any member is not as the synthesised encoder writes it.
    init?(envelope e: JSONEnvelope) {
        switch e.name {
        case "assessmentStarted":
            guard let on = e.date("on") else { return nil }
            self = .assessmentStarted(on: on)
        case "assessmentCompleted":
            guard let assessment = e.uuid("assessment"), let on = e.date("on"), let factors = e.texts("factors"),
                let childSeen = e.bool("childSeen"), let needs = e.text("developmentalNeeds"),
                let parenting = e.text("parentingCapacity"), let family = e.text("familyAndEnvironment"),
                let outcome = e.text("outcome")
            else { return nil }
            self = .assessmentCompleted(
                assessment: assessment, on: on, factors: factors, childSeen: childSeen, developmentalNeeds: needs,
                parentingCapacity: parenting, familyAndEnvironment: family, outcome: outcome)
        case "strategyDiscussion":
            guard let on = e.date("on"), let participants = Self.participants(e, "participants"),
                let absent = e.optionalText("absentAgencyReason"), let shared = e.text("informationShared"),
                let decision = e.text("decision").flatMap(StrategyDecision.init(rawValue:)),
                let actions = e.text("safetyActions")
            else { return nil }
            self = .strategyDiscussion(
                on: on, participants: participants, absentAgencyReason: absent, informationShared: shared,
                decision: decision, safetyActions: actions)
        case "section47Started":
            guard let on = e.date("on"), let strategy = e.uuid("strategyDiscussion") else { return nil }
            self = .section47Started(on: on, strategyDiscussion: strategy)
        case "section47Completed":
            guard let enquiry = e.uuid("enquiry"), let on = e.date("on"), let found = e.bool("substantiated"),
                let needed = e.bool("conferenceNeeded"), let reason = e.optionalText("reasonNoConference")
            else { return nil }
            self = .section47Completed(
                enquiry: enquiry, on: on, substantiated: found, conferenceNeeded: needed, reasonNoConference: reason)
        case "conference":
            guard let initial = e.bool("initial"), let on = e.date("on"), let chair = e.text("chair"),
                let attendees = Self.participants(e, "attendees"), let apologies = e.texts("apologies"),
                let views = e.text("childViews"), let how = e.text("howViewsObtained"),
                let decision = e.text("decision").flatMap(ConferenceDecision.init(rawValue:)),
                let category = Self.category(e), let review = e.optional("nextReview", e.date)
            else { return nil }
            self = .conference(
                initial: initial, on: on, chair: chair, attendees: attendees, apologies: apologies,
                childViews: views, howViewsObtained: how, decision: decision, category: category,
                nextReview: review)
        case "planStarted":
            guard let kind = e.text("kind").flatMap(PlanKind.init(rawValue:)), let on = e.date("on"),
                let category = Self.category(e), let days = e.int("visitIntervalWorkingDays")
            else { return nil }
            self = .planStarted(kind: kind, on: on, category: category, visitIntervalWorkingDays: days)
        case "planEnded":
            guard let plan = e.uuid("plan"), let on = e.date("on"), let reason = e.text("reason") else { return nil }
            self = .planEnded(plan: plan, on: on, reason: reason)
        case "coreGroupMeeting":
            guard let plan = e.uuid("plan"), let on = e.date("on"), let attendees = Self.participants(e, "attendees"),
                let notes = e.text("notes")
            else { return nil }
            self = .coreGroupMeeting(plan: plan, on: on, attendees: attendees, notes: notes)
        case "visit":
            guard let on = e.date("on"), let visitor = e.text("visitor"), let seen = e.bool("childSeen"),
                let alone = e.bool("seenAlone"), let location = e.text("location"),
                let observations = e.text("observations"), let words = e.text("childsWords")
            else { return nil }
            self = .visit(
                on: on, visitor: visitor, childSeen: seen, seenAlone: alone, location: location,
                observations: observations, childsWords: words)
        case "closed":
            guard let on = e.date("on"), let reason = e.text("reason").flatMap(ClosureReason.init(rawValue:)) else {
                return nil
            }
            self = .closed(on: on, reason: reason)
        default:
            return nil
        }
    }

    private static func participants(_ e: JSONEnvelope, _ key: String) -> [Participant]? {
        guard let objects = e.objects(key) else { return nil }
        var participants: [Participant] = []
        participants.reserveCapacity(objects.count)
        for object in objects {
            guard let name = object.text("name"), let agency = object.text("agency"),
                let kind = object.text("agencyKind").flatMap(Agency.Kind.init(rawValue:))
            else { return nil }
            participants.append(Participant(name: name, agency: agency, agencyKind: kind))
        }
        return participants
    }

    private static func category(_ e: JSONEnvelope) -> AbuseCategory?? {
        e.optional("category") { e.text($0).flatMap(AbuseCategory.init(rawValue:)) }
    }
}
