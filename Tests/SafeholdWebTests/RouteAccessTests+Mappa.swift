import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// The MAPPA records' part of the route walk: a profile, meeting and action about an adult, refused to a
/// social worker of another team and audited against the adult; bodies that pass their input checks.
extension RouteAccessTests {
    /// Routes of people who pose a risk (MAPPA) with no record id, and why none reaches one record.
    static let mappaWithoutRecordId: Set<String> = [
        // The MAPPA home: lists scoped by the risk rules, audited one entry per adult shown.
        "GET /mappa", "GET /api/v1/mappa/home", "GET /api/v1/risk-profiles",
        "GET /api/v1/risk-offences",  // the code list
        // A new profile for an adult found by name (refused and audited against the adult by `act`).
        "GET /risk-profiles/new", "POST /risk-profiles/new", "POST /api/v1/risk-profiles",
    ]

    /// Whether a path addresses a MAPPA record (audited against the adult, not the child).
    static func isMappaPath(_ path: String) -> Bool {
        path.contains("/risk-profiles/") || path.contains("/mappa-meetings/") || path.contains("/mappa-actions/")
    }

    /// JSON for the MAPPA API's writes that passes its own checks.
    static func mappaBody(_ method: String, _ path: String, _ f: WebFixture) -> String? {
        guard path.hasPrefix("/api/v1/"), isMappaPath(path), method != "GET" else { return nil }
        let agency = f.police.agencyId.uuidString
        if path.hasSuffix("/status") { return #"{"status":"done","version":1}"# }
        if path.hasSuffix("/actions") {
            return #"{"what":"Visit","ownerName":"PC","ownerAgencyId":"\#(agency)","dueOn":"2026-12-01"}"#
        }
        if path.hasSuffix("/meetings") {
            return #"{"heldOn":"2026-11-20","chairName":"C","attendees":[{"name":"A","agencyId":"\#(agency)"}],"#
                + #""minutes":"m","plan":"p"}"#
        }
        return #"{"version":1,"kind":"violent_offender","riskOfSeriousHarm":"high","riskTo":["children"],"#
            + #""leadAgencyId":"\#(agency)","offenderManagerName":"O","offenderManagerPhone":"01632960777"}"#
    }
}
