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

    init(_ map: BodyMap, photos: [Document], chrome: Chrome, ruleset: Ruleset, today: LocalDate) {
        self.chrome = chrome
        seenOn = map.seenOn.display
        recordedBy = "\(map.recordedBy), \(ruleset.display(map.recordedAt))"
        notes = map.notes
        figure = BodyMapFigure(map, idPrefix: "map")
        backHref = SiteRoute.personBodyMaps(map.personId).path
        form = BodyMapForm(
            action: SiteRoute.bodyMap(map.id).path, map: map, photos: photos, today: today)
    }
}

/// The form to record or change a body map: the day, notes and a row of fields per mark (no script needed:
/// rows left blank are ignored), each with its site, type, size, colour, explanation, witness and photographs.
struct BodyMapForm {
    struct MarkRow {
        let index: Int
        let sites: [Option]
        let types: [Option]
        let size: String, colour: String, explanation: String, explainedBy: String, seenBy: String
        let photos: [PhotoChoice]
        let hasPhotos: Bool
    }
    struct PhotoChoice { let id: String; let fieldId: String; let label: String; let checked: Bool }

    let action: String
    let seenOn: String
    let notes: String
    let version: Int
    let isEdit: Bool
    let rows: [MarkRow]

    static let blankRows = 4

    init(action: String, map: BodyMap?, photos: [Document], today: LocalDate) {
        self.action = action
        seenOn = (map?.seenOn ?? today).description
        notes = map?.notes ?? ""
        version = map?.version ?? 0
        isEdit = map != nil
        let marks = map?.marks ?? []
        rows = (0..<(marks.count + Self.blankRows)).map { index in
            let mark = index < marks.count ? marks[index] : nil
            let sites = [("", "Choose a site")] + BodySite.all.map { ($0.code, "\($0.side.label): \($0.label)") }
            let types = [("", "Choose a type")] + MarkType.allCases.map { ($0.rawValue, $0.label) }
            let choices = photos.map { photo in
                PhotoChoice(
                    id: photo.id.uuidString, fieldId: "mark\(index + 1)-photo-\(photo.id.uuidString)",
                    label: photo.title, checked: mark?.photos.contains(photo.id) == true)
            }
            return MarkRow(
                index: index + 1, sites: Option.list(sites, selected: [mark?.site.code ?? ""]),
                types: Option.list(types, selected: [mark?.type.rawValue ?? ""]),
                size: mark.map { "\($0.sizeMm)" } ?? "", colour: mark?.colour ?? "",
                explanation: mark?.explanation ?? "", explainedBy: mark?.explainedBy ?? "", seenBy: mark?.seenBy ?? "",
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

    init(_ maps: [BodyMap], personId: UUID, photos: [Document], chrome: Chrome, today: LocalDate) {
        self.chrome = chrome
        personHref = SiteRoute.person(personId).path
        self.maps = maps.map {
            Entry(
                href: SiteRoute.bodyMap($0.id).path, seenOn: $0.seenOn.display, marks: $0.marks.count,
                figure: BodyMapFigure($0, idPrefix: "map-\($0.id.uuidString.prefix(8))"))
        }
        hasMaps = !maps.isEmpty
        form = BodyMapForm(action: SiteRoute.personBodyMaps(personId).path, map: nil, photos: photos, today: today)
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
