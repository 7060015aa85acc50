import Foundation
import SafeholdCore

/// The child's voice (issue 8, item 6): wishes and feelings in the child's own words with how they were
/// gathered (or why they could not be), the code list of tools kept as data, and Signs of Safety
/// mappings with the 0-10 safety scale rated by each participant.
enum Migration006ChildsVoice {
    static let migration = Migration(version: 6, name: "childs_voice") { _ in
        tables + indexes + tools
    }

    static let tables = [
        """
        CREATE TABLE voice_tools (
            code TEXT PRIMARY KEY, label TEXT NOT NULL, position BIGINT NOT NULL, active INTEGER NOT NULL DEFAULT 1)
        """,
        """
        CREATE TABLE wishes_feelings (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
            episode_id TEXT REFERENCES episodes(id), gathered_on TEXT NOT NULL, words TEXT,
            not_gathered_reason TEXT, communication_needs TEXT, interpreter INTEGER NOT NULL,
            interpreter_language TEXT, tool TEXT REFERENCES voice_tools(code), tool_other TEXT,
            recorded_by TEXT REFERENCES users(id), recorded_by_name TEXT NOT NULL, recorded_at TEXT NOT NULL,
            CHECK ((words IS NULL) <> (not_gathered_reason IS NULL)))
        """,
        """
        CREATE TABLE safety_mappings (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), mapped_on TEXT NOT NULL,
            worries TEXT NOT NULL, working_well TEXT NOT NULL, needs_to_happen TEXT NOT NULL,
            recorded_by TEXT REFERENCES users(id), recorded_by_name TEXT NOT NULL, recorded_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE safety_ratings (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), rated_on TEXT NOT NULL,
            participant_name TEXT NOT NULL, role TEXT NOT NULL, value BIGINT NOT NULL CHECK (value BETWEEN 0 AND 10),
            recorded_by TEXT REFERENCES users(id), recorded_by_name TEXT NOT NULL, recorded_at TEXT NOT NULL)
        """,
    ]

    static let indexes = [
        "CREATE INDEX wishes_feelings_person ON wishes_feelings (person_id, gathered_on)",
        "CREATE INDEX safety_mappings_person ON safety_mappings (person_id, mapped_on)",
        "CREATE INDEX safety_ratings_person ON safety_ratings (person_id, rated_on)",
    ]

    /// The default code list, as rows (an authority adds or retires tools as data).
    static var tools: [String] {
        VoiceTool.standard.enumerated().map { index, tool in
            let label = tool.label.replacingOccurrences(of: "'", with: "''")
            return "INSERT INTO voice_tools (code, label, position) VALUES ('\(tool.code)', '\(label)', \(index + 1))"
        }
    }
}
