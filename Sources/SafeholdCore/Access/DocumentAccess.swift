import Foundation

/// Who reads and who attaches documents and body maps, as named rules the store asks on top of the
/// rules of the record a document is attached to (`Store.act` on the child, the episode or the
/// investigation decides first; these narrow it):
///
/// - a document or body map is read with `view` and attached or changed with `edit` on its record;
/// - on a police investigation, only the team that holds it (the full view): the children's social care
///   see what the police share of an investigation, and a document is not part of that;
/// - a partner agency's professional never reads or attaches documents or body maps, even with a grant
///   to the child's record: they hold third parties' material and photographs of the child's body;
/// - roles that read the whole record without working with the child (the data protection officer,
///   auditors) read it through the access log's rules, not here.
public enum DocumentAccess {
    /// The action asked on the owning record to read documents or body maps.
    public static let readAction = PersonAction.view
    /// The action asked on the owning record to attach a document or record a body map.
    public static let writeAction = PersonAction.edit

    /// Why a partner agency is refused.
    public static let notForPartners =
        "Documents and body maps on a child's record are not shared with partner agencies through Safehold."
    /// Why the children's social care are refused a police investigation's documents.
    public static let policeOnly = "An investigation's documents are held by the police team in the case."

    /// The second check, after the owning record's own rules allowed `readAction` or `writeAction`.
    public static func decide(_ actor: Actor, policeView: PoliceRecordView?) -> AccessDecision {
        if actor.role == .partner { return .denied(notForPartners) }
        if let policeView, policeView != .full { return .denied(policeOnly) }
        return .allowed
    }
}
