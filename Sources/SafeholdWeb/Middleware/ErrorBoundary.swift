import Foundation
import Hummingbird
import Logging
import SafeholdCore

/// The one place errors become responses: domain errors to 400/401/403/404/409/422/429/503 with a message
/// a worker understands; JSON on the API's route group, an HTML page on the pages' groups; anything
/// unexpected is a 500 logged with its request id, never showing internals.
struct ErrorBoundary: RouterMiddleware {
    typealias Context = SafeholdContext

    /// How errors look: fixed by the route group, or (for a request no route matched) chosen by
    /// what the client accepts.
    enum Format: Sendable { case page, json, negotiated }

    let renderer: PageRenderer
    let format: Format

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SafeholdError {
            var response = respond(
                request, context, status: Self.status(error), message: error.message, fields: Self.fields(error))
            if case .unavailable = error { response.headers[.retryAfter] = "30" }
            return response
        } catch let error as HTTPError {
            return respond(
                request, context, status: error.status, message: error.body ?? error.status.reasonPhrase, fields: [])
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            // A refusal raised inside Hummingbird or NIO (a body over its limit): its status, not a 500.
            return respond(request, context, status: error.status, message: error.status.reasonPhrase, fields: [])
        } catch {
            // The logger's metadata carries the request id (`RequestIdMiddleware`).
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return respond(
                request, context, status: .internalServerError,
                message: "Something went wrong on our side. Nothing you did caused it. "
                    + "Quote reference \(context.requestId) to support.",
                fields: [])
        }
    }

    static func status(_ error: SafeholdError) -> HTTPResponse.Status {
        switch error {
        case .invalid: .unprocessableContent
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .unauthenticated: .unauthorized
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }

    static func fields(_ error: SafeholdError) -> [FieldError] {
        if case .invalid(let fields) = error { return fields }
        return []
    }

    private func respond(
        _ request: Request, _ context: Context, status: HTTPResponse.Status, message: String,
        fields: [FieldError]
    ) -> Response {
        if wantsJSON(request) {
            return APIResponse.error(status: status, message: message, fields: fields)
        }
        if status == .unauthorized {
            return Response.redirect(to: SiteRoute.login.path, type: .found)
        }
        return renderer.page(
            ErrorPage(
                chrome: Chrome(title: status.reasonPhrase, identity: context.identity),
                status: Int(status.code), heading: status.reasonPhrase,
                message: message, fields: fields), status: status)
    }

    private func wantsJSON(_ request: Request) -> Bool {
        switch format {
        case .page: false
        case .json: true
        case .negotiated: !(request.headers[.accept] ?? "").contains("text/html")
        }
    }
}

/// The page every refusal and failure shows in a browser.
struct ErrorPage: Page {
    static let template = Template.error
    let chrome: Chrome; let status: Int; let heading: String; let message: String; let fields: [FieldError]
}
