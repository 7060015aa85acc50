import Foundation

/// Indexes for lookups that read their whole table. Every statement the test suite runs was put through SQLite's
/// `EXPLAIN QUERY PLAN`; these read a table whole to find a few rows of one record, a cost that grows with the
/// authority:
///
/// - a child's page: the plan actions of the child's episodes, and the services the child was referred to;
/// - a child's chronology: the analysis written against it;
/// - an allegation's actions, a risk profile's MAPPA actions, an investigation's police protections, a set of care
///   proceedings' orders;
/// - the e-mail sender's pass (every few seconds on every server) for claims a stopped server left: the whole
///   notifications table, 2.4 million rows at a million children;
/// - person search by one word: a name beginning with it. A prefix `LIKE` uses no index on either database (SQLite
///   only with a case-insensitive index, PostgreSQL only for a constant pattern), so the search reads the prefix as a
///   range (`Store.nameCondition`): byte order on SQLite, and on PostgreSQL the "C" collation, which orders by code
///   point as SQLite does, whatever the database's own. Both name indexes also hold the other name and the person,
///   so the names are scored from the index alone, as the sound keys' are (migration 27).
enum Migration033LookupIndexes {
    static let migration = Migration(version: 33, name: "indexes for lookups that read a whole table") { dialect in
        let collated = dialect == .postgres ? " COLLATE \"C\"" : ""
        return [
            "CREATE INDEX plan_actions_episode ON plan_actions (episode_id)",
            "CREATE INDEX service_referrals_person ON service_referrals (person_id)",
            "CREATE INDEX chronology_analysis_person ON chronology_analysis (person_id, created_at)",
            "CREATE INDEX allegation_actions_allegation ON allegation_actions (allegation_id, position)",
            "CREATE INDEX mappa_actions_profile ON mappa_actions (profile_id)",
            "CREATE INDEX police_protections_investigation ON police_protections (investigation_id)",
            "CREATE INDEX court_orders_proceedings ON court_orders (proceedings_id)",
            "CREATE INDEX notifications_sending ON notifications (email_claimed_at) WHERE email_state = 'sending'",
            "DROP INDEX person_names_family_norm",
            "CREATE INDEX person_names_family_norm ON person_names (family_norm\(collated), given_norm, person_id)",
            "CREATE INDEX person_names_given_norm ON person_names (given_norm\(collated), family_norm, person_id)",
        ]
    }
}
