import Foundation
import Mustache
import Testing

@testable import SafeholdWeb

/// The render tree must render exactly what Mustache renders from the view model itself.
@Suite struct RenderTreeTests {
    enum Status: String { case open, closed }

    struct Row {
        let name: String
        let note: String?
        let link: Link
        let status: Status
        let tags: [String]
        var score: Int? = nil
        var seen: Bool? = nil
    }

    struct Panel {
        let title: String
        let rows: [Row]
        let empty: [Row]
        let flag: Bool
        let count: Int
        let missing: Row?
    }

    struct Model {
        let csrf: String
        let heading: String
        let panel: Panel
        let maybePanel: Panel?
        let when: LocalDateLike
        let note: String?
    }

    struct LocalDateLike: CustomStringConvertible {
        let day: Int
        var description: String { "day \(day)" }
    }

    static let template = """
        {{heading}} {{when}} {{note}}{{^note}}(no note){{/note}}
        {{#panel}}{{title}} {{count}} {{#flag}}flagged{{/flag}}
        {{#rows}}[{{name}} {{note}}{{^note}}-{{/note}} {{link}} {{status}} {{csrf}} {{heading}}
        {{#tags}}<{{.}}>{{/tags}} {{score}}{{^score}}no score{{/score}}
        {{#seen}}seen{{/seen}}{{^seen}}unseen{{/seen}}]{{/rows}}
        {{^empty}}nothing{{/empty}}{{#missing}}never{{/missing}}{{^missing}}none{{/missing}}{{/panel}}
        {{#maybePanel}}present{{/maybePanel}}{{^maybePanel}}absent{{/maybePanel}} {{panel.title}} {{panel.rows.0.name}}
        """

    @Test func aModelRendersTheSameThroughTheTreeAsByReflection() throws {
        let template = try MustacheTemplate(string: Self.template)
        let rows = [
            Row(name: "Ada <b>", note: nil, link: Link("/people/1"), status: .open, tags: ["a", "b"]),
            Row(
                name: "Ben", note: "seen & heard", link: Link("/people/2"), status: .closed, tags: [], score: 3,
                seen: false),
            Row(name: "Cy", note: nil, link: Link("/people/3"), status: .open, tags: [], score: 0, seen: true),
        ]
        let panel = Panel(title: "Panel", rows: rows, empty: [], flag: true, count: 2, missing: nil)
        for model in [
            Model(
                csrf: "tok", heading: "Head", panel: panel, maybePanel: nil, when: LocalDateLike(day: 3), note: nil),
            Model(
                csrf: "tok", heading: "Head", panel: panel, maybePanel: panel, when: LocalDateLike(day: 4),
                note: "n"),
        ] {
            let direct = template.render(model)
            #expect(!direct.isEmpty)
            #expect(template.render(RenderTree.build(model)) == direct)
        }
    }

    /// A struct with a field no key path reaches (a closure) is reflected instead, with the same result.
    struct WithClosure {
        let title: String
        let note: String?
        let make: @Sendable () -> String
        let rows: [Row]
    }

    @Test func aStructWithAClosureFieldRendersTheSameAsByReflection() throws {
        let template = try MustacheTemplate(string: "{{title}} {{note}}{{^note}}-{{/note}} {{#rows}}{{name}};{{/rows}}")
        let row = Row(name: "Ada", note: nil, link: Link("/people/1"), status: .open, tags: [])
        let model = WithClosure(title: "T", note: nil, make: { "x" }, rows: [row, row])
        #expect(template.render(model) == "T - Ada;Ada;")
        #expect(template.render(RenderTree.build(model)) == template.render(model))
    }
}
