import Foundation

/// One mark on a body map as recorded: where, what, how big, what was said about it and by whom, who
/// saw it, and photographs (documents on the same child's record).
public struct BodyMark: Hashable, Codable, Sendable {
    /// 1, 2, 3... in the order recorded: the number on the outline's marker and in the table.
    public let number: Int
    public let site: BodySite
    public let type: MarkType
    public let sizeMm: Int
    public let colour: String?
    public let explanation: String?
    public let explainedBy: String?
    public let seenBy: String
    public let photos: [UUID]

    public init(
        number: Int, site: BodySite, type: MarkType, sizeMm: Int, colour: String?, explanation: String?,
        explainedBy: String?, seenBy: String, photos: [UUID]
    ) {
        self.number = number
        self.site = site
        self.type = type
        self.sizeMm = sizeMm
        self.colour = colour
        self.explanation = explanation
        self.explainedBy = explainedBy
        self.seenBy = seenBy
        self.photos = photos
    }
}

/// A body map recorded on a child: the day the marks were seen, who recorded it, and its marks.
public struct BodyMap: Identifiable, Hashable, Codable, Sendable {
    public let id: UUID
    public let personId: UUID
    public let seenOn: LocalDate
    public let notes: String?
    public let marks: [BodyMark]
    public let recordedBy: String
    public let recordedAt: Date
    public let version: Int

    public init(
        id: UUID, personId: UUID, seenOn: LocalDate, notes: String?, marks: [BodyMark], recordedBy: String,
        recordedAt: Date, version: Int
    ) {
        self.id = id
        self.personId = personId
        self.seenOn = seenOn
        self.notes = notes
        self.marks = marks
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.version = version
    }
}

/// A mark as typed into the form or sent to the API, before it is checked.
public struct BodyMarkDraft: Hashable, Codable, Sendable {
    public var site: String
    public var type: String
    public var sizeMm: Int?
    public var colour: String?
    public var explanation: String?
    public var explainedBy: String?
    public var seenBy: String
    public var photos: [UUID]

    public init(
        site: String, type: String, sizeMm: Int?, colour: String? = nil, explanation: String? = nil,
        explainedBy: String? = nil, seenBy: String, photos: [UUID] = []
    ) {
        self.site = site
        self.type = type
        self.sizeMm = sizeMm
        self.colour = colour
        self.explanation = explanation
        self.explainedBy = explainedBy
        self.seenBy = seenBy
        self.photos = photos
    }

    private enum CodingKeys: String, CodingKey {
        case site, type, sizeMm, colour, explanation, explainedBy, seenBy, photos
    }

    /// Reads a mark sent to the API; `photos` may be left out (none).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        site = try c.decode(String.self, forKey: .site)
        type = try c.decode(String.self, forKey: .type)
        sizeMm = try c.decodeIfPresent(Int.self, forKey: .sizeMm)
        colour = try c.decodeIfPresent(String.self, forKey: .colour)
        explanation = try c.decodeIfPresent(String.self, forKey: .explanation)
        explainedBy = try c.decodeIfPresent(String.self, forKey: .explainedBy)
        seenBy = try c.decode(String.self, forKey: .seenBy)
        photos = try c.decodeIfPresent([UUID].self, forKey: .photos) ?? []
    }
}

/// A body map as typed, before it is checked.
public struct BodyMapDraft: Hashable, Codable, Sendable {
    public var seenOn: LocalDate
    public var notes: String?
    public var marks: [BodyMarkDraft]

    public init(seenOn: LocalDate, notes: String? = nil, marks: [BodyMarkDraft]) {
        self.seenOn = seenOn
        self.notes = notes
        self.marks = marks
    }

    public static let maxMarks = 60
    public static let sizeRange = 1...1_000
    public static let maxPhotos = 20

    /// The checked marks, numbered: refuses a day in the future or before the child was born, no marks
    /// or more than `maxMarks`, a site or type not on the lists, a size outside 1-1000 mm, an explanation
    /// without who gave it (or the reverse), no one who saw it, a photograph named twice, and text breaking
    /// `TextRules`. Field names are `marks[N].field` (N from 1, as numbered on the map).
    public func validated(
        today: LocalDate, bornOn: LocalDate?
    ) throws(SafeholdError) -> (
        seenOn: LocalDate, notes: String?, marks: [BodyMark]
    ) {
        var v = Validation()
        if v.date("seenOn", seenOn, notAfter: today), let bornOn, seenOn < bornOn {
            v.add("seenOn", "is before the child was born (\(bornOn))")
        }
        let notes = Self.blankIsNil(notes)
        v.text("notes", notes, max: 4_000, multiline: true)
        if marks.isEmpty { v.add("marks", "record at least one mark") }
        var clean: [BodyMark] = []
        if v.count("marks", marks.count, max: Self.maxMarks, noun: "marks on one body map") {
            for (index, mark) in marks.enumerated() {
                if let checked = Self.check(mark, number: index + 1, &v) { clean.append(checked) }
            }
        }
        try v.check()
        return (seenOn, notes, clean)
    }

    private static func check(_ mark: BodyMarkDraft, number: Int, _ v: inout Validation) -> BodyMark? {
        let field = { (name: String) in "marks[\(number)].\(name)" }
        let site = BodySite.named(mark.site)
        if site == nil { v.add(field("site"), "choose where on the body the mark is") }
        let type = MarkType(rawValue: mark.type)
        if type == nil { v.add(field("type"), "choose what kind of mark it is") }
        if let size = mark.sizeMm {
            v.number(field("sizeMm"), size, in: sizeRange, "give the size in millimetres, from 1 to 1000")
        } else {
            v.add(field("sizeMm"), "give the size in millimetres")
        }
        let colour = blankIsNil(mark.colour), explanation = blankIsNil(mark.explanation)
        let explainedBy = blankIsNil(mark.explainedBy), seenBy = blankIsNil(mark.seenBy)
        v.text(field("colour"), colour, max: 100)
        v.text(field("explanation"), explanation, max: 2_000, multiline: true)
        v.text(field("explainedBy"), explainedBy, max: 200)
        v.text(field("seenBy"), seenBy, required: true, max: 200)
        if explanation != nil && explainedBy == nil { v.add(field("explainedBy"), "say who gave the explanation") }
        if explanation == nil && explainedBy != nil {
            v.add(field("explanation"), "give the explanation, or leave who gave it blank")
        }
        if v.count(field("photos"), mark.photos.count, max: maxPhotos, noun: "photographs"),
            Set(mark.photos).count != mark.photos.count
        {
            v.add(field("photos"), "names the same photograph twice")
        }
        guard let site, let type, let size = mark.sizeMm, let seenBy else { return nil }
        return BodyMark(
            number: number, site: site, type: type, sizeMm: size, colour: colour, explanation: explanation,
            explainedBy: explainedBy, seenBy: seenBy, photos: mark.photos)
    }

    static func blankIsNil(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
    }
}
