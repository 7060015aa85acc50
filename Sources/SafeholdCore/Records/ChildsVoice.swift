import Foundation

/// A way of gathering a child's wishes and feelings, on the code list kept as data (the table
/// `voice_tools`, seeded from `VoiceTool.standard`). The code `other` asks for the tool in words.
public struct VoiceTool: Hashable, Codable, Sendable {
    public let code: String
    public let label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }

    /// The code of "another tool", which must be described in words.
    public static let otherCode = "other"

    /// The tools an English children's service uses most (an authority adds its own as rows).
    public static let standard: [VoiceTool] = [
        VoiceTool(code: "three_houses", label: "Three Houses"),
        VoiceTool(code: "wizard_fairy", label: "Wizard and Fairy"),
        VoiceTool(code: "bubbles", label: "Bubbles"),
        VoiceTool(code: "conversation", label: "Direct conversation"),
        VoiceTool(code: "observation", label: "Observation (pre-verbal child)"),
        VoiceTool(code: otherCode, label: "Other (say which)"),
    ]
}

/// A child's wishes and feelings as recorded: in the child's own words and how they were gathered,
/// or the reason they could not be gathered. The child's age at the time is derived from the date of
/// birth on the record when it is known (never stored).
public struct WishesAndFeelings: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let personId: UUID
    /// The episode open when it was recorded, if any.
    public let episodeId: UUID?
    public let gatheredOn: LocalDate
    /// Whole years old on `gatheredOn`; nil when the date of birth is not known.
    public let ageAtTime: Int?
    public let words: String?
    public let notGatheredReason: String?
    public let communicationNeeds: String?
    public let interpreter: Bool
    public let interpreterLanguage: String?
    public let toolCode: String?
    public let toolLabel: String?
    public let toolOther: String?
    public let recordedBy: String
    public let recordedAt: Date

    public init(
        id: UUID, personId: UUID, episodeId: UUID?, gatheredOn: LocalDate, ageAtTime: Int?, words: String?,
        notGatheredReason: String?, communicationNeeds: String?, interpreter: Bool, interpreterLanguage: String?,
        toolCode: String?, toolLabel: String?, toolOther: String?, recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.personId = personId
        self.episodeId = episodeId
        self.gatheredOn = gatheredOn
        self.ageAtTime = ageAtTime
        self.words = words
        self.notGatheredReason = notGatheredReason
        self.communicationNeeds = communicationNeeds
        self.interpreter = interpreter
        self.interpreterLanguage = interpreterLanguage
        self.toolCode = toolCode
        self.toolLabel = toolLabel
        self.toolOther = toolOther
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    /// Whether the child's words were gathered (otherwise a reason why not is recorded).
    public var wasGathered: Bool { words != nil }
}

/// The input of a new record of the child's wishes and feelings: either `words` with how they were
/// gathered, or `notGatheredReason`, never both.
public struct WishesDraft: Hashable, Codable, Sendable {
    public var gatheredOn: LocalDate
    public var words: String?
    public var notGatheredReason: String?
    public var communicationNeeds: String?
    public var interpreter: Bool
    public var interpreterLanguage: String?
    public var tool: String?
    public var toolOther: String?

    public init(
        gatheredOn: LocalDate, words: String? = nil, notGatheredReason: String? = nil,
        communicationNeeds: String? = nil, interpreter: Bool = false, interpreterLanguage: String? = nil,
        tool: String? = nil, toolOther: String? = nil
    ) {
        self.gatheredOn = gatheredOn
        self.words = words
        self.notGatheredReason = notGatheredReason
        self.communicationNeeds = communicationNeeds
        self.interpreter = interpreter
        self.interpreterLanguage = interpreterLanguage
        self.tool = tool
        self.toolOther = toolOther
    }

    /// The limits of each text, in characters.
    public static let wordsMax = 10_000
    public static let lineMax = 200

    /// Refuses a date outside 1900-2100, after `today` or before `bornOn`; neither or both of the words
    /// and a reason; words without a tool from `tools` (or "other" without saying which); an
    /// interpreter without a language, or a language without an interpreter; any text breaking `TextRules`.
    /// Blank optional texts become nil.
    public func validated(
        today: LocalDate, bornOn: LocalDate? = nil, tools: Set<String>
    ) throws(SafeholdError) -> WishesDraft {
        var v = Validation()
        if v.date("gatheredOn", gatheredOn, notAfter: today), let bornOn, gatheredOn < bornOn {
            v.add("gatheredOn", "is before the child was born (\(bornOn))")
        }
        var clean = self
        clean.words = Self.blankIsNil(words)
        clean.notGatheredReason = Self.blankIsNil(notGatheredReason)
        clean.communicationNeeds = Self.blankIsNil(communicationNeeds)
        clean.interpreterLanguage = Self.blankIsNil(interpreterLanguage)
        clean.tool = Self.blankIsNil(tool)
        clean.toolOther = Self.blankIsNil(toolOther)
        switch (clean.words, clean.notGatheredReason) {
        case (nil, nil):
            v.add("words", "give the child's own words, or the reason they could not be gathered")
        case (.some, .some):
            v.add("notGatheredReason", "give either the child's words or a reason they could not be gathered, not both")
        case (.some, nil):
            v.text("words", clean.words, max: Self.wordsMax, multiline: true)
            if let code = clean.tool {
                if !tools.contains(code) { v.add("tool", "is not a tool on the list") }
                if code == VoiceTool.otherCode && clean.toolOther == nil { v.add("toolOther", "say which tool") }
            } else {
                v.add("tool", "choose how the child's wishes and feelings were gathered")
            }
        case (nil, .some):
            v.text("notGatheredReason", clean.notGatheredReason, max: 4_000, multiline: true)
            if clean.tool != nil { v.add("tool", "give a tool only when the child's words were gathered") }
        }
        if clean.tool != VoiceTool.otherCode && clean.toolOther != nil {
            v.add("toolOther", "describe the tool only when it is 'Other'")
        }
        v.text("communicationNeeds", clean.communicationNeeds, max: 2_000, multiline: true)
        v.text("toolOther", clean.toolOther, max: Self.lineMax)
        v.text("interpreterLanguage", clean.interpreterLanguage, max: 100)
        if clean.interpreter && clean.interpreterLanguage == nil {
            v.add("interpreterLanguage", "say which language the interpreter used")
        }
        if !clean.interpreter && clean.interpreterLanguage != nil {
            v.add("interpreterLanguage", "give a language only when an interpreter was used")
        }
        try v.check()
        return clean
    }

    static func blankIsNil(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }
}
