import Foundation
import Hummingbird
import SafeholdCore

/// A submitted `application/x-www-form-urlencoded` form.
public struct FormData: Sendable {
    public private(set) var values: [String: [String]] = [:]

    public init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    private static func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }

    /// The first value, trimmed; nil when absent or blank.
    public subscript(_ key: String) -> String? {
        guard let value = values[key]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The first value exactly as typed (passwords).
    public func raw(_ key: String) -> String { values[key]?.first ?? "" }

    public func all(_ key: String) -> [String] { values[key] ?? [] }

    /// A checkbox: present means ticked.
    public func flag(_ key: String) -> Bool { self[key] != nil }

    /// Reads the form of a request; for a signed-in session, refuses it unless its CSRF token matches.
    public static func read(
        _ request: Request, context: SafeholdContext, checkCSRF: Bool = true, limit: Int = BodyLimit.standard
    ) async throws -> FormData {
        let buffer = try await BodyLimit.collect(request, limit: limit)
        let form = FormData(String(buffer: buffer))
        if checkCSRF {
            guard let expected = context.identity?.csrfToken, let sent = form.values["_csrf"]?.first,
                constantTimeEquals(expected, sent)
            else {
                throw SafeholdError.forbidden(
                    "This form has expired or did not come from Safehold. Go back, reload the page and try again.")
            }
        }
        return form
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
