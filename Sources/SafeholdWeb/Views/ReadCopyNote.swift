import Foundation

/// The one line a page shows when its figures were read from the reporting copy (a streaming replica),
/// which may be a little behind the primary.
enum ReadCopyNote {
    /// "Figures from the reporting copy, up to N seconds behind." for a lag in seconds; nil without a copy.
    static func text(lag: TimeInterval?) -> String? {
        guard let lag else { return nil }
        let seconds = max(1, Int(lag.rounded(.up)))
        return "Figures from the reporting copy, up to \(seconds) second\(seconds == 1 ? "" : "s") behind."
    }
}
