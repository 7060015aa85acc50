import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// Inside a person's edit: when the change of address brings a person who poses a risk (an adult with a
    /// risk profile) into a household with children, or a child into the household of such a person, links
    /// them ("lives with", found from a change of address) where no open link exists, in the same
    /// transaction, with the notifications and the strategy discussion decision due that any new link has.
    /// A household is a current address matched by postcode and first line (`HouseholdKey`).
    func linkHousehold(
        of person: Person, movedFrom before: [Address], access: RecordAccess, on db: any SQLDatabase
    ) async throws {
        let today = self.today
        let joined = HouseholdKey.joined(before: before, after: person.details.addresses, on: today)
        guard !joined.isEmpty else { return }
        let isChild = person.details.kind == .child || person.details.kind == .unborn
        if !isChild {
            guard person.details.kind == .adult,
                try await db.raw("SELECT 1 AS x FROM risk_profiles WHERE person_id = \(bind: person.id.db)").first()
                    != nil
            else { return }
        }
        for key in joined.sorted(by: { ($0.postcode, $0.line1) < ($1.postcode, $1.line1) }) {
            // Everyone with an address at the postcode (`person_postcodes`), then their current addresses checked.
            let others: SQLQueryString =
                isChild
                ? """
                SELECT DISTINCT p.id, p.details FROM person_postcodes pc JOIN persons p ON p.id = pc.person_id
                JOIN risk_profiles r ON r.person_id = p.id
                WHERE pc.postcode = \(bind: key.postcode) AND p.kind = 'adult' ORDER BY p.id
                """
                : """
                SELECT DISTINCT p.id, p.details FROM person_postcodes pc JOIN persons p ON p.id = pc.person_id
                WHERE pc.postcode = \(bind: key.postcode) AND p.kind IN ('child', 'unborn') ORDER BY p.id
                """
            let moved = person.details.addresses.first { $0.to == nil && HouseholdKey($0) == key }
            let from = min(moved?.from ?? today, today)
            for row in try await db.raw(others).all() {
                let other = try row.uuid("id")
                let details = try row.stored("details", PersonDetails.stored)
                guard other != person.id, HouseholdKey.current(details.addresses, on: today).contains(key) else {
                    continue
                }
                let (adult, child) = isChild ? (other, person.id) : (person.id, other)
                guard try await openLink(person: adult, child: child, on: db) == nil else { continue }
                _ = try await insertRiskLink(
                    RiskLinkDraft(personId: adult, childId: child, nature: .livesWith, startedOn: from),
                    origin: .addressChange, access: access, on: db)
            }
        }
    }
}
