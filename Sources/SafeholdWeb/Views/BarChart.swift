import Foundation

/// A horizontal bar chart as inline SVG, every coordinate worked out here; the page shows the same
/// numbers as tables for readers who cannot see it. A bar with a link opens the list behind it.
struct BarChart {
    /// One value to draw: its label, its size, how it is written, and the list behind it.
    struct Value {
        let label: String
        let amount: Double
        let text: String
        let href: String?

        init(_ label: String, _ amount: Double, text: String? = nil, href: String? = nil) {
            self.label = label
            self.amount = amount
            self.text = text ?? (amount == amount.rounded() ? String(Int(amount)) : String(format: "%.1f", amount))
            self.href = href
        }
    }

    struct Bar {
        let label: String
        let value: String
        let y: Int
        let textY: Int
        let width: Int
        let valueX: Int
        let href: String?
        var hasHref: Bool { href != nil }
    }

    static let labelWidth = 250, barSpace = 260, rowHeight = 24
    let id: String
    let title: String
    let summary: String
    let bars: [Bar]
    let width = Self.labelWidth + Self.barSpace + 60
    let height: Int
    let barX = Self.labelWidth
    /// Where a line marks a limit (a caseload's capacity), and its label; nil for none.
    let markX: Int?
    let markLabel: String
    var hasMark: Bool { markX != nil }

    init(id: String, title: String, values: [Value], maximum: Double? = nil, mark: (Double, String)? = nil) {
        self.id = id
        self.title = title
        let top = max(1, maximum ?? max(values.map(\.amount).max() ?? 1, mark?.0 ?? 0))
        let scale = { (amount: Double) in Int((max(0, amount) * Double(Self.barSpace) / top).rounded()) }
        bars = values.enumerated().map { index, value in
            let width = min(Self.barSpace, scale(value.amount))
            return Bar(
                label: value.label, value: value.text, y: 4 + index * Self.rowHeight,
                textY: 20 + index * Self.rowHeight, width: width, valueX: Self.labelWidth + width + 6,
                href: value.href)
        }
        height = max(Self.rowHeight, values.count * Self.rowHeight + 8)
        markX = mark.map { Self.labelWidth + min(Self.barSpace, scale($0.0)) }
        markLabel = mark?.1 ?? ""
        summary =
            values.map { "\($0.label): \($0.text)" }.joined(separator: "; ") + (mark.map { ". \($0.1)" } ?? "")
    }

    /// Whole-number bars (counts and percentages) with `unit` after each value.
    init(id: String, title: String, bars values: [(String, Int)], maximum: Int? = nil, unit: String = "") {
        self.init(
            id: id, title: title, values: values.map { Value($0.0, Double($0.1), text: "\($0.1)\(unit)") },
            maximum: maximum.map(Double.init))
    }
}
