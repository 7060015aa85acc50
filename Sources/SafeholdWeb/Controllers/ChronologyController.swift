import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Case notes, note search and the child's chronology with workers' analysis.
struct ChronologyController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.chronology) { request, context, id in try await self.chronology(request, context, id) }
        group.post(SiteRoute.chronologyAnalysis) { request, context, id, entry in
            try await self.addAnalysis(request, context, id, entry)
        }
        group.post(SiteRoute.addNote) { request, context, id in try await self.addNote(request, context, id) }
        group.get(SiteRoute.noteSearch) { request, context in try await self.search(request, context) }
    }

    struct Entry {
        let id: String; let date: String; let title: String; let detail: String; let source: String; let kind: String
        let analysis: [String]; let analysisAction: String?
    }
    struct Model: Page {
        static let template = Template.chronology
        let chrome: Chrome; let name: String; let personHref: String; let kinds: [Option]; let from: String;
        let to: String
        let entries: [Entry]; let hasEntries: Bool; let error: String?
    }

    func chronology(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        let query = FormData(request.uri.query ?? "")
        let audit = try context.audit()
        let record = try await store.personHeading(id, context: audit)
        var error: String?
        func date(_ field: String) -> LocalDate? {
            guard let text = query[field] else { return nil }
            if let d = LocalDate(iso: text) { return d }
            error = "'\(text)' is not a real date (use YYYY-MM-DD)."
            return nil
        }
        let chosen = Set(query.all("kind").compactMap(ChronologyEntry.Kind.init(rawValue:)))
        let from = date("from"), to = date("to")
        let entries = try await store.chronology(
            of: id, kinds: chosen.isEmpty ? nil : chosen, from: from, to: to, context: audit)
        let lines = entries.map { e in
            Entry(
                id: e.id.text, date: PersonPage.format(e.date), title: e.title, detail: e.detail,
                source: e.source, kind: e.kind.rawValue,
                analysis: e.analysis.map {
                    "\($0.body) (\($0.authorName), \(PersonPage.format($0.at, store.ruleset)))"
                },
                analysisAction: record.canEdit ? SiteRoute.chronologyAnalysis(id, e.id).path : nil)
        }
        return renderer.page(
            Model(
                chrome: Chrome(title: "Chronology: \(record.person.displayName)", identity: identity),
                name: record.person.displayName,
                personHref: SiteRoute.person(id).path,
                kinds: Option.list(
                    ChronologyEntry.Kind.allCases.map { ($0.rawValue, $0.label) }, selected: Set(chosen.map(\.rawValue))
                ),
                from: query["from"] ?? "", to: query["to"] ?? "", entries: lines, hasEntries: !lines.isEmpty,
                error: error),
            status: error == nil ? .ok : .unprocessableContent)
    }

    func addAnalysis(_ request: Request, _ context: SafeholdContext, _ id: UUID, _ entry: UUID) async throws -> Response
    {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        try await store.addAnalysis(to: entry, of: id, body: form["analysis"] ?? "", context: try context.audit())
        return .redirect(to: SiteRoute.chronology(id).path, type: .normal)
    }

    func addNote(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        var v = Validation()
        let date = form["notedOn"].flatMap(LocalDate.init(iso:))
        if date == nil { v.add("notedOn", "give a real date (YYYY-MM-DD)") }
        let kind = form["noteType"].flatMap(CaseNote.Kind.init(rawValue:))
        if kind == nil { v.add("noteType", "choose the kind of note") }
        try v.check()
        _ = try await store.addNote(
            to: id,
            CaseNoteDraft(
                notedOn: date!, kind: kind!, significant: form.flag("significant"),
                body: form["body"] ?? ""), context: try context.audit())
        return .redirect(to: SiteRoute.person(id).fragment("notes").path, type: .normal)
    }

    struct Hit { let name: String; let href: String; let date: String; let kind: String; let body: String }
    struct SearchModel: Page {
        static let template = Template.notes
        let chrome: Chrome; let q: String; let searched: Bool; let hits: [Hit]; let count: Int; let hasHits: Bool
    }

    func search(_ request: Request, _ context: SafeholdContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let q = FormData(request.uri.query ?? "")["q"] ?? ""
        var hits: [Hit] = []
        if !q.isEmpty {
            hits = try await store.searchNotes(q, context: try context.audit()).map {
                Hit(
                    name: $0.child.displayName, href: SiteRoute.person($0.child.id).path,
                    date: PersonPage.format($0.note.notedOn),
                    kind: $0.note.kind.label, body: String($0.note.body.prefix(300)))
            }
        }
        return renderer.page(
            SearchModel(
                chrome: Chrome(title: "Search case notes", identity: identity), q: q, searched: !q.isEmpty,
                hits: hits, count: hits.count, hasHits: !hits.isEmpty))
    }
}
