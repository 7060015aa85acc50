import Foundation

/// The rules of statements for court and of court bundles, on top of the child's record rules: the store
/// first decides the child (`act` on the person, edit for social care, view for a police officer on a joint
/// enquiry), then asks these. Partner agencies, the LADO and MAPPA never write or read statements or bundles.
public enum StatementAccess {
    /// The author role `actor` writes statements in, or nil when their role does not write them.
    public static func authorRole(_ actor: Actor) -> StatementAuthorRole? {
        switch actor.role {
        case .socialWorker, .teamManager: .socialWorker
        case .police: .police
        default: nil
        }
    }

    /// What the child's record must allow before `actor` starts or edits a statement: social care change
    /// the record; a police officer reads it (while the joint enquiry is open) and writes only their own.
    public static func personAction(_ actor: Actor) -> PersonAction {
        actor.role == .police ? .view : .edit
    }

    public static func refusalToWrite(_ actor: Actor) -> String? {
        authorRole(actor) == nil
            ? "Your role (\(actor.role.label)) does not write statements for court." : nil
    }

    /// Whether `actor` (who may see the child) reads `statement`: children's social care read every statement
    /// on the child; a police officer reads their own force's statements.
    public static func mayRead(_ actor: Actor, _ statement: CourtStatement) -> Bool {
        if actor.role.isChildrensSocialCare { return true }
        return actor.role == .police && statement.authorRole == .police && statement.agencyId == actor.agencyId
    }

    /// Nil when `actor` may save a new version of `statement`: its author only.
    public static func refusalToEdit(_ actor: Actor, _ statement: CourtStatement) -> String? {
        actor.userId == statement.authorId
            ? nil : "Only the statement's author (\(statement.authorName)) saves new versions of it."
    }

    /// Nil when `actor` may sign off `statement`: a manager of the author's team for a social worker's
    /// statement; for a police statement (there is no police supervisor role) an officer of the author's force
    /// acting as supervisor, as for training overrides. Never the author.
    public static func refusalToSignOff(_ actor: Actor, _ statement: CourtStatement) -> String? {
        if actor.userId == statement.authorId { return "Nobody signs off their own statement." }
        switch statement.authorRole {
        case .socialWorker:
            if actor.role == .teamManager, actor.teamId != nil, actor.teamId == statement.teamId { return nil }
            return "Only a manager of the author's team signs off this statement."
        case .police:
            if actor.role == .police, actor.agencyId == statement.agencyId { return nil }
            return "Only a police supervisor of the author's force signs off this statement."
        }
    }

    /// Whether `actor` builds court bundles and single-record PDFs for a child they may change: children's
    /// social care only (the local authority is the applicant in care proceedings).
    public static func refusalToBuildBundle(_ actor: Actor) -> String? {
        actor.role.isChildrensSocialCare && actor.role != .frontDoor
            ? nil : "Your role (\(actor.role.label)) does not prepare court bundles."
    }

    /// Whether `actor` may put a document marked "not to be disclosed to the family" into a bundle: a team
    /// manager, and the choice is audited.
    public static func mayIncludeWithheld(_ actor: Actor) -> Bool { actor.role == .teamManager }
}

extension StatementAccess {
    /// Nil when `actor` (who may see the child) prints a PDF of one of the child's records or the chronology:
    /// children's social care and the police; never a partner agency, whatever grant it holds.
    public static func refusalToPrint(_ actor: Actor) -> String? {
        actor.role.isChildrensSocialCare || actor.role == .police
            ? nil : "Your role (\(actor.role.label)) does not print records for court."
    }
}
