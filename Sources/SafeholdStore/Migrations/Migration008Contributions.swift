import Foundation
import SafeholdCore

/// Partner agencies' contributions: meetings (conferences and core groups) with their invitations,
/// attendance and agency reports, the decisions shared afterwards, and core group members linked to
/// Safehold users who are assigned plan actions.
enum Migration008Contributions {
    static let migration = Migration(version: 8, name: "contributions") { _ in
        [
            """
            CREATE TABLE meetings (
                id TEXT PRIMARY KEY, episode_id TEXT NOT NULL REFERENCES episodes(id),
                person_id TEXT NOT NULL REFERENCES persons(id), kind TEXT NOT NULL, meets_on TEXT NOT NULL,
                held_at TEXT, shared_decision TEXT, shared_by TEXT, shared_at TEXT, version BIGINT NOT NULL,
                created_at TEXT NOT NULL, UNIQUE (episode_id, kind, meets_on))
            """,
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings(id),
                invitee_user_id TEXT REFERENCES users(id), invitee_name TEXT NOT NULL, agency_name TEXT NOT NULL,
                agency_kind TEXT NOT NULL, invited_by TEXT REFERENCES users(id), invited_by_name TEXT NOT NULL,
                invited_at TEXT NOT NULL, attendance TEXT, attendance_recorded_at TEXT)
            """,
            // One invitation a user a meeting: two workers inviting the same person at once get a conflict.
            "CREATE UNIQUE INDEX invitations_one_per_user ON invitations (meeting_id, invitee_user_id)",
            "CREATE INDEX invitations_invitee ON invitations (invitee_user_id)",
            "CREATE INDEX meetings_episode ON meetings (episode_id, meets_on)",
            """
            CREATE TABLE agency_reports (
                invitation_id TEXT PRIMARY KEY REFERENCES invitations(id),
                person_id TEXT NOT NULL REFERENCES persons(id), what_we_know TEXT NOT NULL, worries TEXT NOT NULL,
                working_well TEXT NOT NULL, recommendation TEXT NOT NULL, author_id TEXT REFERENCES users(id),
                author_name TEXT NOT NULL, agency_name TEXT NOT NULL, submitted_on TEXT NOT NULL,
                submitted_at TEXT NOT NULL, updated_at TEXT NOT NULL, version BIGINT NOT NULL)
            """,
            "CREATE INDEX agency_reports_person ON agency_reports (person_id)",
            "ALTER TABLE core_group_members ADD COLUMN user_id TEXT REFERENCES users(id)",
            "ALTER TABLE plan_actions ADD COLUMN member_id TEXT REFERENCES core_group_members(id)",
            "CREATE INDEX core_group_members_user ON core_group_members (user_id)",
            "CREATE INDEX plan_actions_member ON plan_actions (member_id)",
        ]
    }
}
