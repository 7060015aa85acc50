import Foundation

/// Drops two indexes that repeat another on the same table: `episode_steps_episode` is the same columns as the
/// table's `UNIQUE (episode_id, position)`, and `relationships_person (person_id)` is the first column of its
/// `UNIQUE (person_id, related_person_id, kind)`. The unique indexes answer the same look-ups; every step and
/// link written no longer updates a second copy (at a million children, 0.8 GB and one B-tree insert a step).
enum Migration030RedundantIndexes {
    static let migration = Migration(version: 30, name: "redundant indexes") { _ in
        ["DROP INDEX episode_steps_episode", "DROP INDEX relationships_person"]
    }
}
