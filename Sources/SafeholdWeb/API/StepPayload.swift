import Foundation
import SafeholdCore

/// A value that refuses unknown keys while it decodes, so `StrictJSON` need not compare it with its
/// stored properties.
protocol ChecksOwnKeys {}

/// A JSON key by name.
struct JSONKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A statutory step as the API sends and receives it: one flat object whose `kind` names the step
/// and whose other fields are that step's (the `Step` schemas of `openapi.yaml`, one per kind).
/// Reading it refuses a field the kind does not have; Core's rules then judge the values.
/// A strategy discussion that decides a joint enquiry also names the police team that will
/// investigate (`policeTeamId`) or the investigation to link (`investigationId`); those two are
/// written only, and a read of the step leaves them out.
struct StepPayload: Codable, ChecksOwnKeys {
    let step: EpisodeStep
    let jointEnquiry: JointEnquiryLink?

    init(_ step: EpisodeStep, jointEnquiry: JointEnquiryLink? = nil) {
        self.step = step
        self.jointEnquiry = jointEnquiry
    }

    static let conference: Set = [
        "on", "chair", "attendees", "apologies", "childViews", "howViewsObtained", "decision",
        "category", "nextReview",
    ]
    /// The fields of each kind of step, besides `kind`.
    static let fields: [String: Set<String>] = [
        "assessment_started": ["on"],
        "assessment_completed": [
            "assessment", "on", "factors", "childSeen", "developmentalNeeds", "parentingCapacity",
            "familyAndEnvironment", "outcome",
        ],
        "strategy_discussion": [
            "on", "participants", "absentAgencyReason", "informationShared", "decision", "safetyActions",
            "policeTeamId", "investigationId",
        ],
        "s47_started": ["on", "strategyDiscussion"],
        "s47_completed": ["enquiry", "on", "substantiated", "conferenceNeeded", "reasonNoConference"],
        "initial_conference": conference, "review_conference": conference,
        "plan_started": ["planKind", "on", "category", "visitIntervalWorkingDays"],
        "plan_ended": ["plan", "on", "reason"],
        "core_group": ["plan", "on", "attendees", "notes"],
        "visit": ["on", "visitor", "childSeen", "seenAlone", "location", "observations", "childsWords"],
        "closed": ["on", "reason"],
    ]

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let kind = try c.decode(String.self, forKey: JSONKey("kind"))
        guard let allowed = Self.fields[kind] else {
            throw DecodingError.dataCorruptedError(
                forKey: JSONKey("kind"), in: c,
                debugDescription:
                    "is not a kind of step (one of \(Self.fields.keys.sorted().joined(separator: ", ")))")
        }
        if let extra = c.allKeys.first(where: { $0.stringValue != "kind" && !allowed.contains($0.stringValue) }) {
            throw DecodingError.dataCorrupted(
                .init(codingPath: c.codingPath + [extra], debugDescription: "is not a field this API accepts"))
        }
        func value<T: Decodable>(_ name: String) throws -> T { try c.decode(T.self, forKey: JSONKey(name)) }
        func optional<T: Decodable>(_ name: String) throws -> T? {
            try c.decodeIfPresent(T.self, forKey: JSONKey(name))
        }
        func people(_ name: String) throws -> [Participant] {
            try c.decode([ParticipantPayload].self, forKey: JSONKey(name)).map(\.participant)
        }
        var link: JointEnquiryLink?
        switch kind {
        case "assessment_started":
            step = .assessmentStarted(on: try value("on"))
        case "assessment_completed":
            step = .assessmentCompleted(
                assessment: try value("assessment"), on: try value("on"), factors: try value("factors"),
                childSeen: try value("childSeen"), developmentalNeeds: try value("developmentalNeeds"),
                parentingCapacity: try value("parentingCapacity"),
                familyAndEnvironment: try value("familyAndEnvironment"), outcome: try value("outcome"))
        case "strategy_discussion":
            step = .strategyDiscussion(
                on: try value("on"), participants: try people("participants"),
                absentAgencyReason: try optional("absentAgencyReason"),
                informationShared: try value("informationShared"), decision: try value("decision"),
                safetyActions: try value("safetyActions"))
            let team: UUID? = try optional("policeTeamId")
            let investigation: UUID? = try optional("investigationId")
            if team != nil && investigation != nil {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: c.codingPath + [JSONKey("policeTeamId")],
                        debugDescription: "name a police team or an investigation to link, not both"))
            }
            link =
                team.map(JointEnquiryLink.open(policeTeam:)) ?? investigation.map(JointEnquiryLink.link(investigation:))
        case "s47_started":
            step = .section47Started(on: try value("on"), strategyDiscussion: try value("strategyDiscussion"))
        case "s47_completed":
            step = .section47Completed(
                enquiry: try value("enquiry"), on: try value("on"), substantiated: try value("substantiated"),
                conferenceNeeded: try value("conferenceNeeded"),
                reasonNoConference: try optional("reasonNoConference"))
        case "initial_conference", "review_conference":
            step = .conference(
                initial: kind == "initial_conference", on: try value("on"), chair: try value("chair"),
                attendees: try people("attendees"), apologies: try value("apologies"),
                childViews: try value("childViews"), howViewsObtained: try value("howViewsObtained"),
                decision: try value("decision"), category: try optional("category"),
                nextReview: try optional("nextReview"))
        case "plan_started":
            step = .planStarted(
                kind: try value("planKind"), on: try value("on"), category: try optional("category"),
                visitIntervalWorkingDays: try value("visitIntervalWorkingDays"))
        case "plan_ended":
            step = .planEnded(plan: try value("plan"), on: try value("on"), reason: try value("reason"))
        case "core_group":
            step = .coreGroupMeeting(
                plan: try value("plan"), on: try value("on"), attendees: try people("attendees"),
                notes: try value("notes"))
        case "visit":
            step = .visit(
                on: try value("on"), visitor: try value("visitor"), childSeen: try value("childSeen"),
                seenAlone: try value("seenAlone"), location: try value("location"),
                observations: try value("observations"), childsWords: try value("childsWords"))
        default:
            step = .closed(on: try value("on"), reason: try value("reason"))
        }
        jointEnquiry = link
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        func put(_ name: String, _ value: some Encodable) throws { try c.encode(value, forKey: JSONKey(name)) }
        func people(_ name: String, _ list: [Participant]) throws { try put(name, list.map(ParticipantPayload.init)) }
        try put("kind", step.kind)
        try put("on", step.date)
        switch step {
        case .assessmentStarted:
            break
        case .assessmentCompleted(
            let assessment, _, let factors, let childSeen, let needs, let capacity, let family, let outcome):
            try put("assessment", assessment); try put("factors", factors); try put("childSeen", childSeen)
            try put("developmentalNeeds", needs); try put("parentingCapacity", capacity)
            try put("familyAndEnvironment", family); try put("outcome", outcome)
        case .strategyDiscussion(_, let participants, let absent, let shared, let decision, let actions):
            try people("participants", participants); try put("absentAgencyReason", absent);
            try put("informationShared", shared)
            try put("decision", decision); try put("safetyActions", actions)
        case .section47Started(_, let strategy):
            try put("strategyDiscussion", strategy)
        case .section47Completed(let enquiry, _, let substantiated, let needed, let reason):
            try put("enquiry", enquiry); try put("substantiated", substantiated); try put("conferenceNeeded", needed)
            try put("reasonNoConference", reason)
        case .conference(
            _, _, let chair, let attendees, let apologies, let views, let how, let decision, let category, let next):
            try put("chair", chair); try people("attendees", attendees); try put("apologies", apologies)
            try put("childViews", views); try put("howViewsObtained", how); try put("decision", decision)
            try put("category", category); try put("nextReview", next)
        case .planStarted(let kind, _, let category, let interval):
            try put("planKind", kind); try put("category", category); try put("visitIntervalWorkingDays", interval)
        case .planEnded(let plan, _, let reason):
            try put("plan", plan); try put("reason", reason)
        case .coreGroupMeeting(let plan, _, let attendees, let notes):
            try put("plan", plan); try people("attendees", attendees); try put("notes", notes)
        case .visit(_, let visitor, let seen, let alone, let location, let observations, let words):
            try put("visitor", visitor); try put("childSeen", seen); try put("seenAlone", alone);
            try put("location", location)
            try put("observations", observations); try put("childsWords", words)
        case .closed(_, let reason):
            try put("reason", reason)
        }
    }
}

/// Someone at a meeting, as the API sends and receives them; unknown keys are refused.
struct ParticipantPayload: Codable {
    let participant: Participant

    init(_ participant: Participant) { self.participant = participant }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        if let extra = c.allKeys.first(where: { !["name", "agency", "agencyKind"].contains($0.stringValue) }) {
            throw DecodingError.dataCorrupted(
                .init(codingPath: c.codingPath + [extra], debugDescription: "is not a field this API accepts"))
        }
        participant = Participant(
            name: try c.decode(String.self, forKey: JSONKey("name")),
            agency: try c.decode(String.self, forKey: JSONKey("agency")),
            agencyKind: try c.decode(Agency.Kind.self, forKey: JSONKey("agencyKind")))
    }

    func encode(to encoder: any Encoder) throws { try participant.encode(to: encoder) }
}
