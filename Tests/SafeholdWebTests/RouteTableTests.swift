import Foundation
import Hummingbird
import SafeholdWeb
import Testing

/// The repository's own files, for tests that read sources and templates.
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let web = root.appendingPathComponent("Sources/SafeholdWeb")
    static let templates = web.appendingPathComponent("Resources/templates")

    /// Every file under `directory` whose name ends with `suffix`, as (path relative to `directory`, text).
    static func files(in directory: URL, ending suffix: String) throws -> [(name: String, text: String)] {
        let walker = try #require(FileManager.default.enumerator(atPath: directory.path))
        return try walker.compactMap { $0 as? String }.filter { $0.hasSuffix(suffix) }.sorted().map {
            ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8))
        }
    }
}

/// Finds addresses written by hand instead of built from the route table.
enum LiteralAddresses {
    /// An attribute in a template that points at a path: `href="/…"`, `action='/…'`, `src="/…"`.
    static let template = try! NSRegularExpression(pattern: #"\b(href|action|src|formaction)\s*=\s*["']/"#)
    /// A Swift string literal that starts with a slash followed by a path character, or is "/".
    static let swift = try! NSRegularExpression(pattern: #"(?<!\\)"/([A-Za-z0-9_{.~-]|")"#)

    static func find(_ pattern: NSRegularExpression, in text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, line in
            let line = String(line)
            let range = NSRange(line.startIndex..., in: line)
            return pattern.firstMatch(in: line, range: range) == nil ? nil : "line \(number + 1): \(line)"
        }
    }
}

@Suite struct RouteTableTests {
    @Test func theScannerFindsAHandWrittenAddress() {
        #expect(LiteralAddresses.find(LiteralAddresses.template, in: #"<a href="/people/new">"#).count == 1)
        #expect(LiteralAddresses.find(LiteralAddresses.template, in: "<form action='/logout'>").count == 1)
        #expect(LiteralAddresses.find(LiteralAddresses.template, in: #"<a href="{{chrome.links.home}}">"#).isEmpty)
        #expect(LiteralAddresses.find(LiteralAddresses.swift, in: #"let link = "/people/\(id)""#).count == 1)
        #expect(LiteralAddresses.find(LiteralAddresses.swift, in: #"Cookie(path: "/")"#).count == 1)
        #expect(LiteralAddresses.find(LiteralAddresses.swift, in: #"text.split(separator: "/")"#).count == 1)
        #expect(LiteralAddresses.find(LiteralAddresses.swift, in: #"SiteRoute.person(id).path"#).isEmpty)
    }

    @Test func noTemplateWritesAnAddress() throws {
        let templates = try RepositoryFiles.files(in: RepositoryFiles.templates, ending: ".mustache")
        #expect(templates.count > 20)
        for (name, text) in templates {
            let found = LiteralAddresses.find(LiteralAddresses.template, in: text)
            #expect(found.isEmpty, "\(name) writes an address; take it from the view model: \(found)")
        }
    }

    @Test func noSwiftFileOutsideTheRouteTableWritesAnAddress() throws {
        let sources = try RepositoryFiles.files(in: RepositoryFiles.web, ending: ".swift").filter {
            !$0.name.hasPrefix("Routes/")
        }
        #expect(sources.contains { $0.name == "Controllers/PeopleController.swift" })
        for (name, text) in sources {
            let found = LiteralAddresses.find(LiteralAddresses.swift, in: text)
            #expect(found.isEmpty, "\(name) writes an address; build it with SiteRoute: \(found)")
        }
    }

    @Test func noMiddlewareDecidesFromThePathText() throws {
        let sources = try RepositoryFiles.files(in: RepositoryFiles.web, ending: ".swift")
        for (name, text) in sources
        where text.contains("uri.path.hasPrefix") || text.contains("uri.path ==")
            || text.contains("uri.path !=")
        {
            Issue.record("\(name) decides from the raw path; decide from the matched route's group")
        }
    }

    @Test func linksFromTheTableFillTheirIdsInPathOrder() throws {
        let person = try #require(UUID(uuidString: "00000000-0000-0000-0000-0000000000AA"))
        let entry = try #require(UUID(uuidString: "00000000-0000-0000-0000-0000000000BB"))
        #expect(SiteRoute.home.path == "/")
        #expect(SiteRoute.person(person).path == "/people/\(person.uuidString)")
        #expect(
            SiteRoute.chronologyAnalysis(person, entry).path
                == "/people/\(person.uuidString)/chronology/\(entry.uuidString)/analysis")
        #expect(SiteRoute.chronologyAnalysis.pattern.description == "/people/{id}/chronology/{entry}/analysis")
        #expect(SiteRoute.due.link.query([("scope", "a b&c")]).path == "/due?scope=a%20b%26c")
        // Every byte outside the unreserved ASCII is encoded: letters with accents, bidi controls, '=', '#', '+'.
        #expect(
            SiteRoute.due.link.query([("q=", "Zoë \u{202E}#+/-._~")]).path
                == "/due?q%3D=Zo%C3%AB%20%E2%80%AE%23%2B%2F-._~")
        #expect(SiteRoute.person(person).fragment("notes").path == "/people/\(person.uuidString)#notes")
    }
}
