import Foundation
import Hummingbird
import Mustache
import SafeholdCore

/// Renders Mustache templates (loaded and checked once at start) into HTML responses; everything is
/// escaped unless a template says otherwise.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let assets: [String: (contentType: String, body: String)]

    /// A template a page names that is missing, misnamed or broken: start-up stops with this.
    public struct TemplateError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads the templates and static files shipped in the module's resources.
    public static func load() async throws -> PageRenderer {
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw TemplateError(description: "templates are missing from the build")
        }
        var assets: [String: (String, String)] = [:]
        for (name, type) in [
            ("safehold.css", "text/css; charset=utf-8"), ("safehold.js", "text/javascript; charset=utf-8"),
        ] {
            let url = resources.appendingPathComponent("public").appendingPathComponent(name)
            assets[name] = (type, try String(contentsOf: url, encoding: .utf8))
        }
        let library = try await loadTemplates(from: resources.appendingPathComponent("templates"))
        return PageRenderer(library: library, assets: assets)
    }

    /// Loads the templates in `directory` and checks them: every `Template` has a file that compiles,
    /// every file is a `Template`, and every partial or parent a template names exists.
    public static func loadTemplates(from directory: URL) async throws -> MustacheLibrary {
        let library = try await MustacheLibrary(directory: directory.path)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".mustache")
        }
        let names = Set(files.map { String($0.dropLast(".mustache".count)) })
        for template in Template.allCases where library.getTemplate(named: template.rawValue) == nil {
            throw TemplateError(description: "the template '\(template.rawValue).mustache' is missing")
        }
        let known = Set(Template.allCases.map(\.rawValue))
        if let stray = names.subtracting(known).sorted().first {
            throw TemplateError(description: "'\(stray).mustache' is not a template any page names (misspelt?)")
        }
        for file in files.sorted() {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for reference in references(in: text) where !known.contains(reference) {
                throw TemplateError(description: "'\(file)' uses the template '\(reference)', which does not exist")
            }
        }
        return library
    }

    /// The partials (`{{> name}}`) and parents (`{{< name}}`) a template names.
    static func references(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"\{\{[<>]\s*([^\s}]+)\s*\}\}"#)
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Renders a page as an HTML response.
    func page<P: Page>(_ model: P, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // `load` has checked the template exists; should it still fail, the answer is an error, never an empty 200.
        guard let html = library.render(RenderTree.build(model), withTemplate: P.template.rawValue) else {
            return Response(
                status: .internalServerError, headers: headers,
                body: .init(
                    byteBuffer: ByteBuffer(string: "<!doctype html><title>Error</title><p>Page template missing.")))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A static asset by file name.
    public func asset(_ name: String) -> Response {
        guard let asset = assets[name] else { return Response(status: .notFound) }
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.body)))
    }
}
