import Foundation

/// Who makes the CIN census return: the performance analyst and administrators. The return is a statutory
/// disclosure of every child in need to the DfE, so it is read whole (not through each child's
/// relationships) and audited as one entry whose receipt names every child it carries; nobody else, partners
/// above all, reaches it.
public enum CensusAccess {
    /// The roles that run the census checks and download the return.
    public static let roles: Set<Role> = [.performanceAnalyst, .administrator]

    public static func mayMakeReturn(_ actor: Actor) -> Bool { roles.contains(actor.role) }

    /// Why `actor` is refused.
    public static func refusal(_ actor: Actor) -> String {
        "The CIN census return is made by the performance analyst or an administrator; your role "
            + "(\(actor.role.label)) does not make it."
    }

    /// Refuses a collection year that has not ended on `today` (409: the return is made after 31 March) or
    /// that is not a year at all (422).
    public static func year(_ startYear: Int, today: LocalDate) throws(SafeholdError) -> CensusYear {
        guard let year = CensusYear(startYear: startYear) else {
            throw .invalid([FieldError("year", "must be a collection year from 2000 to 2100 (2025 is 2025-26)")])
        }
        guard year.hasEnded(on: today) else {
            let from = year.end.adding(days: 1)
            throw .conflict("The \(year) collection year ends on \(year.end): its return can be made from \(from).")
        }
        return year
    }
}
