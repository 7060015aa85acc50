import Foundation
import SafeholdCore

/// The safety scale over time as a small inline SVG, drawn on the server: one line per participant
/// role (the average of that role's ratings on each date), an axis from 0 to 10 and the dates below.
/// Every coordinate is worked out here, so the template only places stored strings; the page shows
/// the same ratings as a table for readers who cannot see the chart.
struct SafetyChart {
    struct Tick { let y: Int; let label: String }
    struct DateLabel { let x: Int; let label: String }
    struct Dot { let x: Int; let y: Int; let title: String }
    struct Line { let label: String; let colour: String; let dash: String; let points: String; let dots: [Dot] }
    struct Key { let label: String; let colour: String; let dash: String; let y: Int; let textY: Int }

    static let width = 520, height = 230, left = 36, right = 380, top = 12, bottom = 190
    let width = Self.width, height = Self.height, left = Self.left, right = Self.right, bottom = Self.bottom
    let top = Self.top, keyX = Self.right + 16, keyTextX = Self.right + 44, dateY = Self.bottom + 18
    let title: String
    let summary: String
    let ticks: [Tick]
    let dates: [DateLabel]
    let lines: [Line]
    let keys: [Key]

    /// The colour and dash of each role's line: they differ in both, so the chart reads without colour.
    static let styles: [SafetyRaterRole: (colour: String, dash: String)] = [
        .child: ("#1d70b8", ""), .parent: ("#d4351c", "6 3"), .socialWorker: ("#00703c", "2 3"),
        .otherProfessional: ("#6f3c97", "8 3 2 3"),
    ]

    /// The chart of `ratings` on their latest 12 dates, or nil when there are none.
    init?(_ ratings: [SafetyRating], childName: String) {
        let allDates = Array(Set(ratings.map(\.ratedOn))).sorted()
        guard !allDates.isEmpty else { return nil }
        let shown = Array(allDates.suffix(12))
        let first = shown[0]
        let x: (Int) -> Int = { index in
            shown.count == 1
                ? (Self.left + Self.right) / 2
                : Self.left + 12 + index * (Self.right - Self.left - 24) / (shown.count - 1)
        }
        let y: (Double) -> Int = { Self.bottom - Int(($0 * Double(Self.bottom - Self.top) / 10).rounded()) }
        title = "Safety scale for \(childName), by role, \(first.display) to \(shown.last!.display)"
        ticks = stride(from: 0, through: 10, by: 2).map { Tick(y: y(Double($0)), label: "\($0)") }
        let every = max(1, (shown.count + 3) / 4)
        dates = shown.indices.filter { $0 % every == 0 || $0 == shown.count - 1 }.map {
            DateLabel(x: x($0), label: shown[$0].display)
        }
        var lines: [Line] = []
        var summaries: [String] = []
        var values: [String] = []
        for role in SafetyRaterRole.allCases {
            let mine = ratings.filter { $0.role == role && $0.ratedOn >= first }
            guard !mine.isEmpty else { continue }
            values = []
            let dots = shown.enumerated().compactMap { index, date -> Dot? in
                let scores = mine.filter { $0.ratedOn == date }.map(\.value)
                guard !scores.isEmpty else { return nil }
                let average = Double(scores.reduce(0, +)) / Double(scores.count)
                let shownValue = Self.number(average)
                values.append("\(shownValue) on \(date.display)")
                return Dot(x: x(index), y: y(average), title: "\(role.label), \(date.display): \(shownValue)")
            }
            let style = Self.styles[role]!
            lines.append(
                Line(
                    label: role.label, colour: style.colour, dash: style.dash,
                    points: dots.map { "\($0.x),\($0.y)" }.joined(separator: " "), dots: dots))
            summaries.append("\(role.label): " + values.joined(separator: ", "))
        }
        self.lines = lines
        keys = lines.enumerated().map { index, line in
            Key(
                label: line.label, colour: line.colour, dash: line.dash, y: Self.top + 8 + index * 20,
                textY: Self.top + 12 + index * 20)
        }
        summary =
            "Ratings from 0 (certain the child will be harmed) to 10 (safe enough to close). "
            + summaries.joined(separator: "; ") + "."
    }

    /// A value as shown: whole numbers plainly, an average to one decimal place.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
