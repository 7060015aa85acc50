import Foundation
import Testing

@testable import SafeholdWeb

/// Pages name their templates by type; a missing, misspelt or broken template stops start-up
/// instead of becoming an empty page. Shared form pieces exist once.
@Suite struct PageTemplateTests {
    /// A copy of the shipped templates in a scratch directory, changed by `change`.
    static func templates(_ change: (URL) throws -> Void) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "safehold-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: RepositoryFiles.templates, to: directory)
        try change(directory)
        return directory
    }

    static func refusal(_ change: (URL) throws -> Void) async throws -> String {
        let directory = try templates(change)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try await PageRenderer.loadTemplates(from: directory)
        } catch {
            return "\(error)"
        }
        Issue.record("the templates loaded")
        return ""
    }

    @Test func theShippedTemplatesAreExactlyThoseThePagesName() async throws {
        let directory = try Self.templates { _ in }
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await PageRenderer.loadTemplates(from: directory)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(files == Set(Template.allCases.map { "\($0.rawValue).mustache" }))
    }

    @Test func aMissingTemplateStopsStartUp() async throws {
        let error = try await Self.refusal {
            try FileManager.default.removeItem(at: $0.appendingPathComponent("person.mustache"))
        }
        #expect(error.contains("'person.mustache' is missing"))
    }

    @Test func aMisspeltTemplateFileStopsStartUp() async throws {
        let error = try await Self.refusal {
            try FileManager.default.moveItem(
                at: $0.appendingPathComponent("contacts.mustache"), to: $0.appendingPathComponent("contcts.mustache"))
        }
        #expect(error.contains("contacts"))
    }

    @Test func anExtraTemplateNoPageNamesStopsStartUp() async throws {
        let error = try await Self.refusal {
            try "<p>stray</p>".write(to: $0.appendingPathComponent("persn.mustache"), atomically: true, encoding: .utf8)
        }
        #expect(error.contains("'persn.mustache' is not a template any page names"))
    }

    @Test func aMisspeltPartialOrParentStopsStartUp() async throws {
        for (file, from, to) in [
            ("contact-form.mustache", "{{> errors}}", "{{> erors}}"), ("due.mustache", "layout}}", "layuot}}"),
        ] {
            let error = try await Self.refusal { directory in
                let url = directory.appendingPathComponent(file)
                let text = try String(contentsOf: url, encoding: .utf8)
                #expect(text.contains(from))
                try text.replacingOccurrences(of: from, with: to).write(to: url, atomically: true, encoding: .utf8)
            }
            #expect(error.contains("'\(file)' uses the template"), "\(error)")
        }
    }

    @Test func aTemplateThatDoesNotCompileStopsStartUp() async throws {
        _ = try await Self.refusal { directory in
            let url = directory.appendingPathComponent("notes.mustache")
            try (try String(contentsOf: url, encoding: .utf8) + "{{#hits}}").write(
                to: url, atomically: true, encoding: .utf8)
        }
    }

    @Test func everyFormThatPostsCarriesTheCSRFPartial() throws {
        for (name, text) in try RepositoryFiles.files(in: RepositoryFiles.templates, ending: ".mustache")
        where name != "login.mustache" {
            let forms = text.components(separatedBy: "<form").dropFirst()
            for form in forms where form.contains("method=\"post\"") {
                let body = form.components(separatedBy: "</form>")[0]
                #expect(body.contains("{{> csrf}}"), "a form in \(name) posts without the CSRF field")
            }
        }
    }

    @Test func sharedFormPiecesAreDefinedOnce() throws {
        let templates = try RepositoryFiles.files(in: RepositoryFiles.templates, ending: ".mustache")
        #expect(templates.filter { $0.text.contains("name=\"_csrf\"") }.map(\.name) == ["csrf.mustache"])
        #expect(templates.filter { $0.text.contains("<option value=\"{{value}}\"") }.map(\.name) == ["option.mustache"])
        #expect(templates.filter { $0.text.contains("{{#form.errors}}") }.map(\.name) == ["errors.mustache"])
        let sources = try RepositoryFiles.files(in: RepositoryFiles.web, ending: ".swift")
        #expect(sources.filter { $0.text.contains("struct Option") }.map(\.name) == ["Views/FormState.swift"])
        #expect(sources.filter { $0.text.contains("ErrorLine(field:") }.map(\.name) == ["Views/FormState.swift"])
        #expect(
            sources.filter { $0.text.contains("compactMapValues(\\.first)") }.map(\.name) == ["Views/FormState.swift"])
        #expect(sources.filter { $0.text.contains("renderer.page(\"") }.isEmpty)
    }
}
