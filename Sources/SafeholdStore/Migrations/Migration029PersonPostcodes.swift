import Foundation

/// Each person's postcodes (every address's, without spaces, in capitals: `HouseholdKey.postcode`), so that the
/// children at an address a person who poses a risk moves to are found by an index. Before, every child's stored
/// details were matched against the postcode inside the edit's transaction: 10 s at a million children, with
/// SQLite's one writer held throughout. Filled from the stored details; kept by every write of a person after.
enum Migration029PersonPostcodes {
    static let migration = Migration(version: 29, name: "person postcodes") { dialect in
        let backfill =
            switch dialect {
            case .sqlite:
                """
                INSERT INTO person_postcodes (person_id, postcode)
                SELECT DISTINCT p.id, upper(replace(json_extract(a.value, '$.postcode'), ' ', ''))
                FROM persons p, json_each(p.details, '$.addresses') a
                WHERE json_extract(a.value, '$.postcode') IS NOT NULL
                """
            case .postgres:
                """
                INSERT INTO person_postcodes (person_id, postcode)
                SELECT DISTINCT p.id, upper(replace(a ->> 'postcode', ' ', ''))
                FROM persons p CROSS JOIN LATERAL jsonb_array_elements(
                    COALESCE(p.details::jsonb -> 'addresses', '[]'::jsonb)) a
                WHERE a ->> 'postcode' IS NOT NULL
                """
            }
        return [
            "CREATE TABLE person_postcodes (person_id TEXT NOT NULL REFERENCES persons(id), postcode TEXT NOT NULL)",
            backfill,
            "CREATE INDEX person_postcodes_postcode ON person_postcodes (postcode, person_id)",
            "CREATE INDEX person_postcodes_person ON person_postcodes (person_id)",
        ]
    }
}
