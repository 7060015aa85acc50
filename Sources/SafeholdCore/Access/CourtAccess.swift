import Foundation

/// Who sees and records a child's court orders and care proceedings. They are part of the child's
/// record: the store first asks the child's own rules (`view` to read, `edit` to write), then these,
/// both for one child and to scope the due lists.
///
/// - Children's social care who may open the child read orders and proceedings; those who may change
///   the child's record record them.
/// - A police officer who may open the child (through a joint enquiry, or a grant by name) reads the
///   child's orders, never the proceedings. An officer needs to know whether an emergency protection
///   order or a care order is in force: who holds parental responsibility, where the child may be
///   removed to, and whether police protection has been replaced by an order (s46, s48(9)). The
///   proceedings (parties, their representatives, hearings) are held in private under the Family
///   Procedure Rules 2010 r12.73 and are not the police's to read.
/// - Partner agencies never see the proceedings or the orders here (what is shared with them is
///   shared through the information-sharing record); nor do LADO, MAPPA or any other role.
public enum CourtAccess {
    /// Whether `actor` (who may already open the child) reads the child's orders.
    public static func mayReadOrders(_ actor: Actor) -> AccessDecision {
        actor.role.isChildrensSocialCare || actor.role == .police
            ? .allowed : .denied("Court orders are read by children's social care and the police only.")
    }

    /// Whether `actor` (who may already open the child) reads the pre-proceedings and care proceedings.
    public static func mayReadProceedings(_ actor: Actor) -> AccessDecision {
        actor.role.isChildrensSocialCare
            ? .allowed : .denied("Care proceedings are held in private: only children's social care reads them here.")
    }

    /// Whether `actor` (who may already change the child's record) records orders and proceedings.
    public static func mayRecord(_ actor: Actor) -> AccessDecision {
        actor.role.isChildrensSocialCare
            ? .allowed : .denied("Only children's social care records court orders and proceedings.")
    }

    /// Whether `actor`'s due lists hold orders' expiries and the proceedings' dates.
    public static func seesCourtDates(_ actor: Actor) -> Bool { actor.role.isChildrensSocialCare }
}
