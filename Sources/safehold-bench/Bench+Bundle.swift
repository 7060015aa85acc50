import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

extension Bench {
    /// A court bundle for one child with `bundleEntries` chronology entries, `bundleStatements` statements and
    /// `bundleDocuments` attached PDF documents (synthetic, two pages each, rasterised into section E): the time to
    /// read the content through the store (on SQLite) and to lay it out, and the peak memory of this process and of the
    /// largest WeasyPrint or poppler child process (getrusage).
    func measureBundle() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "safehold-bench-bundle-\(UUID().text)")
        var config = AppConfiguration()
        config.dataDirectory = directory.path
        config.bcryptCost = 4
        let services = try await AppServices.make(config)
        do {
            try await bundleFigures(services)
        } catch {
            say("The bundle benchmark failed: \(error)")
        }
        await services.store.database.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    private func bundleFigures(_ services: AppServices) async throws {
        let store = services.store
        let system = AuditContext(system: "benchmark")
        let agency = try await store.createAgency("Bench Council", kind: .localAuthority, context: system)
        let team = try await store.createTeam("Bench Team", agencyId: agency.id, context: system)
        func user(_ name: String, _ role: Role) async throws -> User {
            try await store.createUser(
                User(
                    id: store.ids.next(), username: name, displayName: "Bench \(name)", role: role, agencyId: agency.id,
                    teamId: team.id), passwordHash: "x", mustChangePassword: false, context: system)
        }
        let worker = AuditContext(actor: try await user("worker", .socialWorker).actor, ipAddress: nil)
        let manager = AuditContext(actor: try await user("manager", .teamManager).actor, ipAddress: nil)
        let child = try await store.createPerson(
            PersonDetails(
                kind: .child, givenName: "Bea", familyName: "Bundle", dateOfBirth: LocalDate(iso: "2016-03-03")),
            context: worker)
        var started = Date()
        for n in 0..<bundleEntries {
            _ = try await store.addNote(
                to: child.id,
                CaseNoteDraft(
                    notedOn: store.today.adding(days: -(n % 900)), kind: .observation, significant: true,
                    body: "Entry \(n): the child was seen at home; the worker noted the home conditions and the "
                        + "child's presentation, and discussed the plan with the mother."), context: worker)
        }
        let entries = try await store.chronology(of: child.id, context: worker).map(\.id)
        var statements: [UUID] = []
        let paragraph = String(repeating: "The local authority's concerns are set out in the chronology. ", count: 12)
        for n in 0..<bundleStatements {
            let draft = StatementDraft(
                title: "Statement \(n + 1)", proceedings: "ZW26C00999",
                sections: Dictionary(
                    uniqueKeysWithValues: StatementSection.allCases.map {
                        ($0, String(Array(repeating: paragraph, count: 6).joined(separator: "\n\n").prefix($0.limit)))
                    }),
                truth: StatementOfTruth(confirmed: true, name: "Bench worker", signedOn: store.today))
            let file = try await store.startStatement(for: child.id, draft, context: worker)
            _ = try await store.insertChronology(
                into: file.statement.id, of: child.id, entryIds: Array(entries.prefix(20)), expectedVersion: 1,
                context: worker)
            _ = try await store.signOffStatement(file.statement.id, of: child.id, version: 2, context: manager)
            statements.append(file.statement.id)
        }
        let bundle = try await store.requestBundle(
            for: child.id,
            BundleDraft(title: "Benchmark bundle", statementIds: statements, redactedPhrases: ["the mother"]),
            context: worker)
        say(String(format: "Seeded the bundle's child in %.1f s", Date().timeIntervalSince(started)))
        let letter = try await CourtPDF.sample(pages: 2, title: "Synthetic letter")
        started = Date()
        let content = try await store.bundleContent(bundle.id, of: child.id, context: worker)
        let read = Date().timeIntervalSince(started)
        let documents = (0..<bundleDocuments).map {
            BundleDocument(
                id: UUID(), title: "Document \($0 + 1)", mediaType: "application/pdf", data: letter, date: store.today)
        }
        let full = BundleContent(
            bundle: content.bundle, childName: content.childName, childBornOn: content.childBornOn,
            preparedBy: content.preparedBy, preparedOn: content.preparedOn, proceedings: content.proceedings,
            statements: content.statements, chronology: content.chronology, records: content.records,
            documents: documents)
        started = Date()
        let (pdf, labels) = try await CourtPDF.bundle(full)
        let laidOut = Date().timeIntervalSince(started)
        var me = rusage(), children = rusage()
        getrusage(RUSAGE_SELF.rawValue, &me)
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        say(
            String(
                format: "Court bundle: %d chronology entries, %d statements, %d documents; read %.2f s, laid out "
                    + "%.1f s; %d items, last %@; %.1f MB PDF; peak memory: server %.0f MB, largest child process "
                    + "(WeasyPrint/poppler) %.0f MB",
                content.chronology.count, statements.count, documents.count, read, laidOut, labels.count,
                labels.last ?? "-", Double(pdf.count) / 1_048_576, Double(me.ru_maxrss) / 1024,
                Double(children.ru_maxrss) / 1024))
    }
}
