import Foundation
import SQLKit
import SafeholdCore
import Testing

@testable import SafeholdStore

/// The reads of a record find their rows through an index, never by reading a table whole: each statement a
/// child's page, its chronology, a person search and the e-mail sender's pass run is written down as it runs
/// (`SQLiteSession.log`) and its query plan read back.
@Suite struct WholeTableReadTests {
    /// Tables a statement may read whole: the code lists, a handful of rows each.
    static let codeLists: Set<String> = ["voice_tools", "service_types"]

    /// The tables `plan` reads whole ("SCAN t", not "SCAN t USING ... INDEX"), except code lists, subqueries and the
    /// constant rows of a `VALUES`.
    static func wholeTables(_ plan: [String]) -> [String] {
        plan.compactMap { line -> String? in
            let words = line.split(separator: " ").map(String.init)
            guard words.first == "SCAN", words.count >= 2, !line.contains("INDEX") else { return nil }
            let table = words[1]
            if codeLists.contains(table) || table.hasPrefix("(") || table == "CONSTANT" { return nil }
            return line
        }
    }

    /// Runs `body` with its statements written down, and returns those that read rows.
    static func statements(_ body: () async throws -> Void) async throws -> [String] {
        let log = StatementLog()
        try await SQLiteSession.$log.withValue(log) { try await body() }
        return log.statements.filter {
            let head = $0.drop { $0 == " " || $0 == "\n" || $0 == "(" }.prefix(6).uppercased()
            return ["SELECT", "WITH", "UPDATE", "DELETE"].contains { head.hasPrefix($0) }
        }
    }

    @Test("A child's page, its chronology, a one-word search and the e-mail pass read no table whole")
    func recordReadsUseIndexes() async throws {
        try await withWorld(.sqlite) { w in
            let s = try await ServicesWorld.make(w)
            _ = try await w.store.referToService(
                episode: s.episode, serviceType: "housing", provider: "Northfield Housing", request: "A visit",
                sentOn: Synthetic.today.description, context: w.ctx(w.alice))
            _ = try await w.store.addCoreGroupMember(
                episode: s.episode, Participant(name: "HV", agency: "NHS", agencyKind: .health),
                context: w.ctx(w.alice))
            let everything: PersonPagePanels = [.documents, .oversight, .bodyMaps, .allocation, .sharing]
            let run = try await Self.statements {
                let page = try await w.store.openPersonPage(s.child, panels: everything, context: w.ctx(w.alice))
                #expect(page.record.episodes.first?.actions.count == 1)
                #expect(page.record.services?.referrals.count == 1)
                _ = try await w.store.chronology(of: s.child, context: w.ctx(w.alice))
                _ = try await w.store.search(PersonQuery(text: "Pipel"), context: w.ctx(w.alice))
                _ = try await w.store.search(PersonQuery(text: "Services Pipeline"), context: w.ctx(w.alice))
                _ = try await w.store.pendingEmails()
            }
            #expect(run.count > 30)
            for statement in run {
                let plan = try await w.env.queryPlan("\(unsafeRaw: statement)")
                #expect(Self.wholeTables(plan).isEmpty, "\(statement)\n\(plan.joined(separator: "\n"))")
            }
        }
    }

    @Test("A child's page reads its episodes' steps and plans in the same statements however many episodes")
    func pageStatementsDoNotGrowWithEpisodes() async throws {
        try await withWorld(.sqlite) { w in
            let one = try await PipelineFixture.episodeWithPlan(w, name: "Once")
            let everything: PersonPagePanels = [.documents, .oversight, .bodyMaps, .allocation, .sharing]
            let first = try await Self.statements {
                _ = try await w.store.openPersonPage(one.child, panels: everything, context: w.ctx(w.alice))
            }
            // A second episode, on the record as a closed one: its steps and plan are read with the first's.
            let earlier = UUID()
            try await w.env.execute(
                """
                INSERT INTO episodes (id, person_id, referral_date, referral_source, closed_on, closure_reason, version,
                    created_at)
                VALUES ('\(earlier.db)', '\(one.child.db)', '2024-01-08', '5A', '2024-06-01', 'RC8', 1,
                    '2024-01-08T09:00:00Z')
                """)
            let second = try await Self.statements {
                let page = try await w.store.openPersonPage(one.child, panels: everything, context: w.ctx(w.alice))
                #expect(page.record.episodes.count == 2)
            }
            #expect(second.count == first.count, "\(second.joined(separator: "\n"))")
            // Every read the page makes, panels and all (the session's and the audit's are the request's, not these).
            #expect(first.count <= 14, "a new read on the child's page: \(first.joined(separator: "\n"))")
        }
    }

    @Test("A child whose episodes never had a plan: the page reads no plan actions or core groups")
    func noPlanNoPlanReads() async throws {
        try await withWorld(.sqlite) { w in
            let (child, _, _) = try await PipelineFixture.episode(w, name: "Planless")
            let run = try await Self.statements {
                let page = try await w.store.openPersonPage(child, panels: [.allocation], context: w.ctx(w.alice))
                #expect(page.record.episodes.count == 1)
            }
            #expect(run.contains { $0.contains("FROM episode_steps") })
            #expect(!run.contains { $0.contains("plan_actions") || $0.contains("core_group_members") })
        }
    }

    @Test("A child's page reads only the lists the child has: one statement asks which hold anything")
    func emptyListsAreNotRead() async throws {
        try await withWorld(.sqlite) { w in
            let child = try await w.store.createPerson(Synthetic.child("Amelia", "Listless"), context: w.ctx(w.alice))
            let everything: PersonPagePanels = [.documents, .oversight, .bodyMaps, .allocation, .sharing]
            func reads() async throws -> [String] {
                let run = try await Self.statements {
                    _ = try await w.store.openPersonPage(child.id, panels: everything, context: w.ctx(w.alice))
                }
                // Not the probe, nor the access facts (which look at police investigations).
                return run.filter { !$0.hasPrefix("SELECT CASE WHEN EXISTS") && !$0.contains(" AS fact,") }
            }
            let lists = [
                "wishes_feelings", "safety_mappings", "safety_ratings", "looked_after_periods", "plan_lookups",
                "investigation_people", "police_protections", "service_referrals", "escalations", "risk_links",
                "oversight_entries", "body_maps", "disclosures", "information_requests",
            ]
            let before = try await reads()
            #expect(lists.allSatisfy { list in !before.contains { $0.contains(list) } }, "\(before)")
            _ = try await w.store.recordWishes(
                for: child.id, WishesDraft(gatheredOn: Synthetic.today, words: "I like school.", tool: "three_houses"),
                context: w.ctx(w.alice))
            let after = try await reads()
            #expect(after.count == before.count + 1)
            #expect(after.contains { $0.contains("FROM wishes_feelings") })
            let page = try await w.store.openPersonPage(child.id, panels: everything, context: w.ctx(w.alice))
            #expect(page.record.voice?.wishesCount == 1 && page.record.voice?.wishes.first?.words == "I like school.")
        }
    }

    @Test("A chronology reads only the sources the child has: analysis once added is read and shown")
    func chronologyReadsOnlyWhatTheChildHas() async throws {
        try await withWorld(.sqlite) { w in
            let worked = try await PipelineFixture.episodeWithPlan(w, name: "Chrono")
            func reads() async throws -> [String] {
                let run = try await Self.statements {
                    _ = try await w.store.chronology(of: worked.child, context: w.ctx(w.alice))
                }
                return run.filter { !$0.hasPrefix("SELECT CASE WHEN EXISTS") && !$0.contains(" AS fact,") }
            }
            let before = try await reads()
            for table in ["chronology_analysis", "court_orders", "police_protections", "body_maps", "agency_reports"] {
                #expect(!before.contains { $0.contains(table) }, "\(table) read though the child has none")
            }
            let entry = try #require(try await w.store.chronology(of: worked.child, context: w.ctx(w.alice)).first)
            try await w.store.addAnalysis(
                to: entry.id, of: worked.child, body: "A pattern of missed visits.", context: w.ctx(w.alice))
            let after = try await reads()
            #expect(after.count == before.count + 1 && after.contains { $0.contains("FROM chronology_analysis") })
            let shown = try await w.store.chronology(of: worked.child, context: w.ctx(w.alice))
            #expect(shown.first { $0.id == entry.id }?.analysis.map(\.body) == ["A pattern of missed visits."])
        }
    }

    @Test("One word finds the names that begin with it, given or family, accented or not", arguments: TestBackend.all)
    func oneWordFindsPrefixes(_ backend: TestBackend) async throws {
        try await withWorld(backend) { w in
            let zoe = try await w.store.createPerson(Synthetic.child("Zoë", "Nuñez"), context: w.ctx(w.alice))
            let nuala = try await w.store.createPerson(Synthetic.child("Nuala", "Ashdown"), context: w.ctx(w.alice))
            let nunn = try await w.store.createPerson(Synthetic.child("Ava", "Nunn"), context: w.ctx(w.alice))
            _ = try await w.store.createPerson(Synthetic.child("Ava", "Ashby"), context: w.ctx(w.alice))
            func found(_ text: String) async throws -> Set<UUID> {
                Set(try await w.store.search(PersonQuery(text: text), context: w.ctx(w.alice)).map(\.id))
            }
            // "Nuñe" does not sound like Nuñez (N500 against N520): only its beginning finds her. Nunn sounds like it.
            #expect(try await found("Nuñe") == [zoe.id, nunn.id])
            #expect(try await found("nune") == [zoe.id, nunn.id])
            #expect(try await found("Ashd") == [nuala.id])
            #expect(try await found("Nual").contains(nuala.id))
            #expect(try await found("Zo").contains(zoe.id))
            #expect(try await found("Z").isEmpty, "one letter is a whole name or nothing")
        }
    }

    @Test("On PostgreSQL a one-word search reads the names through their indexes")
    func postgresNameSearchUsesIndexes() async throws {
        guard TestBackend.postgresURL != nil else { return }
        try await withFreshStore(.postgres) { env in
            // Twenty thousand names, so that the planner's estimates are a table's and not an empty one's.
            try await env.execute(
                """
                INSERT INTO persons (id, local_id, kind, family_name, details, version, created_at, updated_at)
                SELECT 'p' || g, 'L' || g, 'child', md5(g::text), '{}', 1, '2026-01-01', '2026-01-01'
                FROM generate_series(1, 20000) g
                """)
            try await env.execute(
                """
                INSERT INTO person_names (person_id, given_norm, family_norm, given_sx, family_sx)
                SELECT 'p' || g, md5('g' || g), md5(g::text), upper(substr(md5('g' || g), 1, 4)),
                    upper(substr(md5(g::text), 1, 4))
                FROM generate_series(1, 20000) g
                """)
            try await env.execute("ANALYZE person_names")
            let plan = try await env.database.withConnection { db in
                // With sequential scans priced out too, a plan still reading the table whole has no index to use.
                try await db.raw("SET enable_seqscan = off").run()
                let query = Store.similarNamesQuery(["smi"], dialect: .postgres)
                let lines = try await db.raw("EXPLAIN \(query)").all().map {
                    try $0.decode(column: "QUERY PLAN", as: String.self)
                }
                try await db.raw("RESET enable_seqscan").run()
                return lines.joined(separator: "\n")
            }
            #expect(!plan.contains("Seq Scan"), "\(plan)")
            #expect(plan.contains("person_names_family_norm") && plan.contains("person_names_given_norm"), "\(plan)")
        }
    }
}
