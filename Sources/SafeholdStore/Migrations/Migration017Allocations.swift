import Foundation
import SafeholdCore

/// The allocation history's reasons and who made each change, and explicit access grants that are
/// requested before a manager approves them (a pending grant gives no access).
enum Migration017Allocations {
    static let migration = Migration(version: 17, name: "allocation history and grant requests") { _ in
        [
            "ALTER TABLE allocations ADD COLUMN reason TEXT",
            "ALTER TABLE allocations ADD COLUMN allocated_by TEXT REFERENCES users(id)",
            "ALTER TABLE allocations ADD COLUMN ended_by TEXT REFERENCES users(id)",
            "ALTER TABLE allocations ADD COLUMN end_reason TEXT",
            "CREATE INDEX allocations_current ON allocations (team_id, worker_id) WHERE ended_at IS NULL",
            "CREATE INDEX allocations_current_worker ON allocations (worker_id) WHERE ended_at IS NULL",
            "ALTER TABLE access_grants ADD COLUMN pending INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE access_grants ADD COLUMN requested_by TEXT REFERENCES users(id)",
            "ALTER TABLE access_grants ADD COLUMN revoked_by TEXT REFERENCES users(id)",
            "CREATE INDEX access_grants_pending ON access_grants (person_id) WHERE pending = 1",
        ]
    }
}
