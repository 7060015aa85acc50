import Foundation
import SafeholdCore

/// The information-sharing record (DOMAIN.md section 7): the lawful bases as a code list kept as data
/// (the police's sharing with social care reads it too), every disclosure to another agency and every
/// decision not to disclose with the records it points to, requests for information with their due
/// date and answer, and the number of working days a request is due in.
enum Migration009InformationSharing {
    static let migration = Migration(version: 9, name: "information_sharing") { _ in
        tables + indexes + bases + [
            "INSERT INTO sharing_timescales (name, working_days) VALUES ('request_response', 10)"
        ]
    }

    static let tables = [
        """
        CREATE TABLE lawful_bases (
            code TEXT PRIMARY KEY, label TEXT NOT NULL, reference TEXT NOT NULL,
            for_sharing INTEGER NOT NULL DEFAULT 0, for_police INTEGER NOT NULL DEFAULT 0,
            is_consent INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1, sort_order INTEGER NOT NULL)
        """,
        // Days are counted on the ruleset's working calendar; the number is data an authority may change.
        "CREATE TABLE sharing_timescales (name TEXT PRIMARY KEY, working_days INTEGER NOT NULL)",
        """
        CREATE TABLE information_requests (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id),
            agency_id TEXT NOT NULL REFERENCES agencies(id), requester_name TEXT NOT NULL, channel TEXT NOT NULL,
            received_on TEXT NOT NULL, due_on TEXT NOT NULL, what TEXT NOT NULL, why TEXT NOT NULL,
            recorded_by TEXT NOT NULL REFERENCES users(id), recorded_by_name TEXT NOT NULL, recorded_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1, outcome TEXT, outcome_reason TEXT, disclosure_id TEXT,
            responded_by_name TEXT, responded_at TEXT)
        """,
        """
        CREATE TABLE disclosures (
            id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons(id), decision TEXT NOT NULL,
            what TEXT NOT NULL, recipient_agency_id TEXT NOT NULL REFERENCES agencies(id),
            recipient_user_id TEXT REFERENCES users(id), recipient_name TEXT, shared_on TEXT NOT NULL,
            recorded_by TEXT NOT NULL REFERENCES users(id), recorded_by_name TEXT NOT NULL, recorded_at TEXT NOT NULL,
            decision_maker_id TEXT NOT NULL REFERENCES users(id), decision_maker_name TEXT NOT NULL,
            lawful_basis TEXT REFERENCES lawful_bases(code), consent TEXT NOT NULL, consent_reason TEXT,
            reasons TEXT NOT NULL, request_id TEXT REFERENCES information_requests(id))
        """,
        """
        CREATE TABLE disclosure_records (
            disclosure_id TEXT NOT NULL REFERENCES disclosures(id), kind TEXT NOT NULL, record_id TEXT NOT NULL,
            PRIMARY KEY (disclosure_id, kind, record_id))
        """,
    ]

    static let indexes = [
        "CREATE INDEX disclosures_person ON disclosures (person_id, shared_on)",
        "CREATE INDEX disclosures_recipient ON disclosures (recipient_agency_id, shared_on)",
        "CREATE INDEX disclosures_shared_on ON disclosures (shared_on)",
        "CREATE INDEX information_requests_person ON information_requests (person_id)",
        "CREATE INDEX information_requests_agency ON information_requests (agency_id, received_on)",
        "CREATE INDEX information_requests_open ON information_requests (due_on) WHERE outcome IS NULL",
        // A request is answered by one disclosure (or decision not to disclose), never two.
        "CREATE UNIQUE INDEX disclosures_request ON disclosures (request_id) WHERE request_id IS NOT NULL",
    ]

    /// The code list at the start (an authority retires or adds bases as data). The police codes keep the
    /// values their disclosures were stored with.
    static let bases: [String] = {
        let rows: [(code: String, label: String, reference: String, sharing: Int, police: Int, consent: Int)] = [
            (
                "ukgdpr_6_1_e", "Public task: the local authority's statutory duties to children",
                "UK GDPR Art 6(1)(e)", 1, 1, 0
            ),
            (
                "ukgdpr_9_2_g_dpa2018_sch1_para18",
                "Public task with substantial public interest: safeguarding of children and individuals at risk",
                "UK GDPR Art 6(1)(e) and Art 9(2)(g); DPA 2018 Sch 1 para 18", 1, 0, 0
            ),
            (
                "ukgdpr_6_1_a", "Consent of the person (explicit consent for special category data)",
                "UK GDPR Art 6(1)(a) and Art 9(2)(a)", 1, 1, 1
            ),
            (
                "ukgdpr_6_1_c", "Legal obligation (a court order or a statutory duty to share)", "UK GDPR Art 6(1)(c)",
                1, 1, 0
            ),
            (
                "ukgdpr_6_1_d", "Vital interests: to protect someone's life when consent cannot be given",
                "UK GDPR Art 6(1)(d) and Art 9(2)(c)", 1, 0, 0
            ),
            (
                "dpa2018_sch8_para18",
                "Law enforcement: safeguarding of children and individuals at risk",
                "DPA 2018 Part 3, s35 and Sch 8 para 4", 0, 1, 0
            ),
            ("dpa2018_part3_s35", "Law enforcement processing", "DPA 2018 Part 3, s35", 0, 1, 0),
        ]
        func quoted(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "''") }
        return rows.enumerated().map { index, row in
            """
            INSERT INTO lawful_bases (code, label, reference, for_sharing, for_police, is_consent, sort_order)
            VALUES ('\(row.code)', '\(quoted(row.label))', '\(quoted(row.reference))', \(row.sharing),
                \(row.police), \(row.consent), \(index + 1))
            """
        }
    }()
}
