import Foundation

/// Person search reads the names that sound like the query from the index alone: the sound keys' index also
/// holds the normalised names and the person, so the 700 names a common query finds among 1,900,000 people
/// are scored without reading a row of `person_names` (`Store.similarNames`).
enum Migration027NameSounds {
    static let migration = Migration(version: 27, name: "name search from the index") { _ in
        [
            "DROP INDEX person_names_family_sx",
            """
            CREATE INDEX person_names_sounds ON person_names (family_sx, given_sx, family_norm, given_norm, person_id)
            """,
            "DROP INDEX person_names_given_sx",
            "CREATE INDEX person_names_given_sounds ON person_names (given_sx, given_norm, family_norm, person_id)",
        ]
    }
}
