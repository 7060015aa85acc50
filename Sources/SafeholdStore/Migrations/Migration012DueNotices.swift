import Foundation
import SafeholdCore

/// Which due items the holders have been told of, per status (due soon, overdue), so each is told once.
enum Migration012DueNotices {
    static let migration = Migration(version: 12, name: "due notices") { _ in
        [
            """
            CREATE TABLE due_notices (
                item_key TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), noticed_at TEXT NOT NULL)
            """
        ]
    }
}
