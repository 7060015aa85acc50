import Foundation

/// Reads `SAFEHOLD_*` settings from the environment and keeps every one it could not use, so that a server
/// refuses to start on a value it cannot honour (a pool size of "abc", a cache of 99 seconds, a flag of
/// "ture") instead of quietly running on the default. Unset and empty settings take the default.
struct SettingsReader {
    let env: [String: String]
    private(set) var problems: [String] = []

    init(_ env: [String: String]) { self.env = env }

    /// The text of `name`; nil when unset or empty.
    func text(_ name: String) -> String? {
        guard let value = env[name], !value.isEmpty else { return nil }
        return value
    }

    /// A whole number in `range`; nil when unset or empty, and a problem naming the range when it is not one.
    mutating func number(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let raw = text(name) else { return nil }
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            refuse(name, raw, "give a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    /// Yes (`1`, `true`, `yes`, `on`) or no (`0`, `false`, `no`, `off`), in any case; nil when unset or empty.
    mutating func flag(_ name: String) -> Bool? {
        guard let raw = text(name) else { return nil }
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            refuse(name, raw, "give yes or no (1, true, yes, on; 0, false, no, off)")
            return nil
        }
    }

    /// One of `choices` (their raw values, in any case); nil when unset or empty.
    mutating func choice<T: RawRepresentable>(_ name: String, _ choices: [T]) -> T? where T.RawValue == String {
        guard let raw = text(name) else { return nil }
        let wanted = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = choices.first(where: { $0.rawValue.lowercased() == wanted }) else {
            refuse(name, raw, "give one of " + choices.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return found
    }

    /// Records that `name`'s value cannot be used and what to give instead. The value is quoted with Swift's
    /// escapes, so a control or direction-changing character shows as what it is.
    private mutating func refuse(_ name: String, _ raw: String, _ advice: String) {
        let shown = raw.count > 40 ? String(raw.prefix(40)) + "…" : raw
        let escaped = shown.unicodeScalars.map { scalar -> String in
            let hidden =
                (scalar.properties.isWhitespace && scalar != " ")
                || [.format, .control].contains(scalar.properties.generalCategory)
            return hidden ? scalar.escaped(asASCII: true) : String(scalar)
        }.joined()
        problems.append("\(name) is \"\(escaped)\": \(advice).")
    }
}

/// Settings the environment gave that Safehold cannot use; the server does not start.
public struct SettingsRefused: Error, CustomStringConvertible {
    /// One line per setting: its name, the value given and what to give instead.
    public let problems: [String]

    public var description: String {
        "Safehold cannot start with these settings; correct or unset them:\n"
            + problems.map { "  - " + $0 }.joined(separator: "\n")
    }
}
