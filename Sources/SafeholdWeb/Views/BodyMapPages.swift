import Foundation
import SafeholdCore
import SafeholdStore

/// A body map drawn on the server: a front and a back outline (simple shapes, 200 x 440 each) with a
/// numbered marker at each mark's site, and the same marks as a table for readers who cannot see it.
struct BodyMapFigure {
    struct Marker { let number: Int; let x: Int; let y: Int; let textY: Int; let label: String }
    struct Outline {
        let side: String
        let titleId: String
        let descId: String
        let title: String
        let desc: String
        let markers: [Marker]
    }
    struct Row {
        let number: Int; let side: String; let site: String; let type: String; let size: String
        let colour: String; let explanation: String; let seenBy: String; let photos: [Photo]; let hasPhotos: Bool
    }
    struct Photo { let href: String; let label: String }

    let outlines: [Outline]
    let rows: [Row]

    init(_ map: BodyMap, idPrefix: String) {
        outlines = BodySide.allCases.map { side in
            let marks = map.marks.filter { $0.site.side == side }
            let markers = marks.map { mark in
                // Several marks at one site are spread sideways so each number stays readable.
                let same = marks.filter { $0.site == mark.site }
                let offset = (same.firstIndex(of: mark) ?? 0) * 14 - (same.count - 1) * 7
                return Marker(
                    number: mark.number, x: mark.site.x + offset, y: mark.site.y, textY: mark.site.y + 4,
                    label: "Mark \(mark.number): \(mark.type.label), \(mark.site.label)")
            }
            let listed = marks.map { "\($0.number) \($0.type.label.lowercased()) on the \($0.site.label.lowercased())" }
            return Outline(
                side: side.label, titleId: "\(idPrefix)-\(side.rawValue)-title",
                descId: "\(idPrefix)-\(side.rawValue)-desc",
                title: "\(side.label) of the body, seen \(map.seenOn.display)",
                desc: listed.isEmpty
                    ? "No marks on the \(side.rawValue)." : "Marks: " + listed.joined(separator: "; ") + ".",
                markers: markers)
        }
        rows = map.marks.map { mark in
            let photos = mark.photos.enumerated().map {
                Photo(href: SiteRoute.document($0.element).path, label: "Photograph \($0.offset + 1)")
            }
            let explanation =
                mark.explanation.map { "\"\($0)\" (\(mark.explainedBy ?? "not recorded"))" } ?? "None given"
            return Row(
                number: mark.number, side: mark.site.side.label, site: mark.site.label, type: mark.type.label,
                size: "\(mark.sizeMm) mm", colour: mark.colour ?? "", explanation: explanation, seenBy: mark.seenBy,
                photos: photos, hasPhotos: !photos.isEmpty)
        }
    }
}

/// One body map with its figure, its table and the form to change it.
struct BodyMapPage: Page {
    static let template = Template.bodyMap
    let chrome: Chrome
    let seenOn: String
    let recordedBy: String
    let notes: String?
    let figure: BodyMapFigure
    let backHref: String
    let form: BodyMapForm

    init(
        _ map: BodyMap, photos: [Document], chrome: Chrome, ruleset: Ruleset, today: LocalDate,
        refused: BodyMapForm? = nil
    ) {
        self.chrome = chrome
        seenOn = map.seenOn.display
        recordedBy = "\(map.recordedBy), \(ruleset.display(map.recordedAt))"
        notes = map.notes
        figure = BodyMapFigure(map, idPrefix: "map")
        backHref = SiteRoute.personBodyMaps(map.personId).path
        form = refused ?? BodyMapForm(action: SiteRoute.bodyMap(map.id).path, map: map, photos: photos, today: today)
    }
}

/// The form to record or change a body map: the day, notes and a row of fields per mark (no script needed:
/// rows left blank are ignored), each with its site, type, size, colour, explanation, witness and photographs.
/// A refused form comes back with the values as typed and each problem listed.
struct BodyMapForm {
    struct MarkRow {
        let index: Int
        let sites: [Option]
        let types: [Option]
        let size: String, colour: String, explanation: String, explainedBy: String, seenBy: String
        let photos: [PhotoChoice]
        let hasPhotos: Bool
    }
    /// One mark's values as the form shows them.
    struct MarkValues {
        var site = "", type = "", size = "", colour = "", explanation = "", explainedBy = "", seenBy = ""
        var photos: Set<UUID> = []
    }
    struct PhotoChoice { let id: String; let fieldId: String; let label: String; let checked: Bool }

    let action: String
    let seenOn: String
    let notes: String
    let version: Int
    let isEdit: Bool
    let rows: [MarkRow]
    /// The problems of a refused form, for the `errors` partial.
    let form: FormState

    static let blankRows = 4

    init(action: String, map: BodyMap?, photos: [Document], today: LocalDate) {
        let marks = (map?.marks ?? []).map {
            MarkValues(
                site: $0.site.code, type: $0.type.rawValue, size: "\($0.sizeMm)", colour: $0.colour ?? "",
                explanation: $0.explanation ?? "", explainedBy: $0.explainedBy ?? "", seenBy: $0.seenBy,
                photos: Set($0.photos))
        }
        self.init(
            action: action, seenOn: (map?.seenOn ?? today).description, notes: map?.notes ?? "",
            version: map?.version, marks: marks, photos: photos, errors: [])
    }

    /// The form as it was sent, with the problems found in it (a refused record or change).
    init(action: String, sent form: FormData, version: Int?, photos: [Document], errors: [FieldError]) {
        var marks: [MarkValues] = []
        for row in 1...(BodyMapDraft.maxMarks + Self.blankRows + 1) {
            let key = { (field: String) in form.raw("mark\(row).\(field)") }
            let values = MarkValues(
                site: key("site"), type: key("type"), size: key("sizeMm"), colour: key("colour"),
                explanation: key("explanation"), explainedBy: key("explainedBy"), seenBy: key("seenBy"),
                photos: Set(form.all("mark\(row).photos").compactMap(UUID.init(uuidString:))))
            let blank =
                [
                    values.site, values.type, values.size, values.colour, values.explanation,
                    values.explainedBy, values.seenBy,
                ].allSatisfy(\.isEmpty) && values.photos.isEmpty
            if !blank { marks.append(values) }
        }
        self.init(
            action: action, seenOn: form.raw("seenOn"), notes: form.raw("notes"), version: version, marks: marks,
            photos: photos, errors: errors)
    }

    private init(
        action: String, seenOn: String, notes: String, version: Int?, marks: [MarkValues], photos: [Document],
        errors: [FieldError]
    ) {
        self.action = action
        self.seenOn = seenOn
        self.notes = notes
        self.version = version ?? 0
        isEdit = version != nil
        form = FormState(values: [:], errors: errors)
        rows = (0..<(marks.count + Self.blankRows)).map { index in
            let mark = index < marks.count ? marks[index] : MarkValues()
            let sites = [("", "Choose a site")] + BodySite.all.map { ($0.code, "\($0.side.label): \($0.label)") }
            let types = [("", "Choose a type")] + MarkType.allCases.map { ($0.rawValue, $0.label) }
            let choices = photos.map { photo in
                PhotoChoice(
                    id: photo.id.text, fieldId: "mark\(index + 1)-photo-\(photo.id.text)",
                    label: photo.title, checked: mark.photos.contains(photo.id))
            }
            return MarkRow(
                index: index + 1, sites: Option.list(sites, selected: [mark.site]),
                types: Option.list(types, selected: [mark.type]), size: mark.size, colour: mark.colour,
                explanation: mark.explanation, explainedBy: mark.explainedBy, seenBy: mark.seenBy,
                photos: choices, hasPhotos: !choices.isEmpty)
        }
    }
}

/// A child's body maps, newest first, each drawn, with the form for a new one.
struct BodyMapsPage: Page {
    static let template = Template.bodyMaps
    struct Entry { let href: String; let seenOn: String; let marks: Int; let figure: BodyMapFigure }
    let chrome: Chrome
    let personHref: String
    let maps: [Entry]
    let hasMaps: Bool
    let form: BodyMapForm

    init(
        _ maps: [BodyMap], personId: UUID, photos: [Document], chrome: Chrome, today: LocalDate,
        refused: BodyMapForm? = nil
    ) {
        self.chrome = chrome
        personHref = SiteRoute.person(personId).path
        self.maps = maps.map {
            Entry(
                href: SiteRoute.bodyMap($0.id).path, seenOn: $0.seenOn.display, marks: $0.marks.count,
                figure: BodyMapFigure($0, idPrefix: "map-\($0.id.text.prefix(8))"))
        }
        hasMaps = !maps.isEmpty
        form =
            refused
            ?? BodyMapForm(action: SiteRoute.personBodyMaps(personId).path, map: nil, photos: photos, today: today)
    }
}

/// The child's page: the latest body map drawn, how many there are, and the links to the body maps and
/// the documents.
struct BodyMapPanel {
    let latest: BodyMapFigure?
    let latestSeen: String
    let latestHref: String
    let count: Int
    let hasMaps: Bool
    let bodyMapsHref: String
    let documentsHref: String

    init(_ maps: [BodyMap], childId: UUID) {
        latest = maps.first.map { BodyMapFigure($0, idPrefix: "latest") }
        latestSeen = maps.first?.seenOn.display ?? ""
        latestHref = maps.first.map { SiteRoute.bodyMap($0.id).path } ?? ""
        count = maps.count
        hasMaps = !maps.isEmpty
        bodyMapsHref = SiteRoute.personBodyMaps(childId).path
        documentsHref = SiteRoute.personDocuments(childId).path
    }
}
