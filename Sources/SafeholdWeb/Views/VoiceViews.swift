import Foundation
import SafeholdCore
import SafeholdStore

/// The child's voice as pages show it: wishes and feelings, the latest Signs of Safety mapping, the
/// safety scale chart and its table.
struct VoicePanel {
    struct Line {
        let date: String; let age: String?; let words: String?; let reason: String?; let how: String
        let by: String
    }
    struct Mapping {
        let date: String; let worries: String; let workingWell: String; let needsToHappen: String
        let by: String
    }
    struct Rating { let date: String; let name: String; let role: String; let value: Int }

    let lines: [Line]
    let hasLines: Bool
    let count: Int
    let hasMore: Bool
    let allHref: String
    let mapping: Mapping?
    let chart: SafetyChart?
    let ratings: [Rating]
    let hasRatings: Bool
    let canEdit: Bool

    init(_ voice: ChildsVoice, personId: UUID, childName: String, latest: Int? = nil) {
        let wishes = latest.map { Array(voice.wishes.prefix($0)) } ?? voice.wishes
        lines = wishes.map(Self.line)
        hasLines = !lines.isEmpty
        count = voice.wishesCount
        hasMore = voice.wishesCount > lines.count
        allHref = SiteRoute.voice(personId).path
        mapping = voice.mappings.first.map {
            Mapping(
                date: $0.mappedOn.display, worries: $0.worries, workingWell: $0.workingWell,
                needsToHappen: $0.needsToHappen, by: $0.recordedBy)
        }
        chart = SafetyChart(voice.ratings, childName: childName)
        ratings = voice.ratings.reversed().map {
            Rating(date: $0.ratedOn.display, name: $0.participantName, role: $0.role.label, value: $0.value)
        }
        hasRatings = !ratings.isEmpty
        canEdit = voice.canEdit
    }

    static func line(_ w: WishesAndFeelings) -> Line {
        var how: [String] = []
        if let tool = w.toolLabel { how.append(w.toolOther.map { "Other: \($0)" } ?? tool) }
        if w.interpreter { how.append("interpreter (\(w.interpreterLanguage ?? "language not given"))") }
        if let needs = w.communicationNeeds { how.append("communication needs: \(needs)") }
        return Line(
            date: w.gatheredOn.display, age: w.ageAtTime.map { "aged \($0)" }, words: w.words,
            reason: w.notGatheredReason, how: how.joined(separator: "; "), by: w.recordedBy)
    }
}

/// The page of everything recorded of a child's voice, with the forms that add to it.
struct VoicePage: Page {
    static let template = Template.voice
    struct Mapping {
        let date: String; let worries: String; let workingWell: String; let needsToHappen: String; let by: String
    }

    let chrome: Chrome
    let name: String
    let personHref: String
    let panel: VoicePanel
    let mappings: [Mapping]
    let hasMappings: Bool
    let wishesAction: String
    let mappingAction: String
    let scaleAction: String
    let today: String
    let tools: [Option]
    let roles: [Option]
    let canEdit: Bool

    init(_ voice: ChildsVoice, personId: UUID, name: String, chrome: Chrome, today: LocalDate) {
        self.chrome = chrome
        self.name = name
        personHref = SiteRoute.person(personId).path
        panel = VoicePanel(voice, personId: personId, childName: name)
        mappings = voice.mappings.map {
            Mapping(
                date: $0.mappedOn.display, worries: $0.worries, workingWell: $0.workingWell,
                needsToHappen: $0.needsToHappen, by: $0.recordedBy)
        }
        hasMappings = !mappings.isEmpty
        wishesAction = SiteRoute.voice(personId).path
        mappingAction = SiteRoute.safetyMapping(personId).path
        scaleAction = SiteRoute.safetyScale(personId).path
        self.today = today.description
        tools = Option.list(voice.tools.map { ($0.code, $0.label) }, selected: [])
        roles = Option.list(SafetyRaterRole.allCases.map { ($0.rawValue, $0.label) }, selected: [])
        canEdit = voice.canEdit
    }
}
