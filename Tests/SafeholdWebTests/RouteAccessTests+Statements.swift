import Foundation
import SafeholdCore
import Testing

/// Statements, bundles and PDFs in the route walk: every route is on the child's record (`/people/{id}/...`), so
/// the child's record refuses first whatever statement, bundle or step id follows; the API bodies below pass the
/// input checks so that only access can refuse them.
extension RouteAccessTests {
    static func statementBody(_ method: String, _ path: String) -> String? {
        guard method == "POST", path.hasPrefix("/api/"), path.contains("/statements") || path.contains("/bundles")
        else { return nil }
        if path.hasSuffix("/statements") { return #"{"title":"Statement of the social worker"}"# }
        if path.hasSuffix("/versions") { return #"{"version":1,"title":"Statement"}"# }
        if path.hasSuffix("/chronology") {
            return #"{"version":1,"entryIds":["\#(UUID().uuidString)"]}"#
        }
        if path.hasSuffix("/sign-off") { return #"{"version":1}"# }
        if path.hasSuffix("/bundles") { return #"{"title":"Bundle","includeChronology":true}"# }
        return nil
    }
}
