import Foundation
import Hummingbird
import SafeholdCore
import Mustache

/// The frame around every page: title, who is signed in, the CSRF token for the sign-out form.
public struct Chrome: Sendable {
    public let title: String
    public let userName: String?
    public let roleLabel: String?
    public let csrfToken: String?
    public let readsAccessLog: Bool
    public let createsRecords: Bool
    public let administers: Bool

    public init(title: String, identity: Identity?) {
        self.title = title
        let signedIn = identity?.secondFactorDone == true ? identity : nil
        userName = signedIn?.user.displayName
        roleLabel = signedIn?.user.role.label
        csrfToken = identity?.csrfToken
        readsAccessLog = signedIn?.user.role.readsAccessLog ?? false
        createsRecords = signedIn?.user.role.createsRecords ?? false
        administers = signedIn?.user.role == .administrator
    }
}

/// Renders Mustache templates (loaded once at start) into HTML responses; everything is escaped
/// unless a template says otherwise.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let assets: [String: (contentType: String, body: String)]

    /// Loads the templates and static files shipped in the module's resources.
    public static func load() async throws -> PageRenderer {
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw HTTPError(.internalServerError, message: "templates are missing from the build")
        }
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        var assets: [String: (String, String)] = [:]
        for (name, type) in [("safehold.css", "text/css; charset=utf-8"), ("safehold.js", "text/javascript; charset=utf-8")] {
            let url = resources.appendingPathComponent("public").appendingPathComponent(name)
            assets[name] = (type, try String(contentsOf: url, encoding: .utf8))
        }
        return PageRenderer(library: library, assets: assets)
    }

    /// Renders `template` with `model` as an HTML response.
    public func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(model, withTemplate: template) ?? "<!doctype html><title>Error</title><p>Page template missing."
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
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
