import Foundation
import Hummingbird

/// Registers handlers from the route table: the router pattern comes from the route, and the
/// handler receives the route's record ids already parsed as `UUID`s (a malformed id is a 400
/// before the handler runs).
extension RouterMethods {
    @discardableResult
    func get(
        _ route: Route, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator
    )
        -> Self
    {
        on(route.pattern, method: .get, use: handler)
    }

    @discardableResult
    func post(
        _ route: Route, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(route.pattern, method: .post, use: handler)
    }

    @discardableResult
    func on(
        _ route: Route1, method: HTTPRequest.Method,
        use handler: @Sendable @escaping (Request, Context, UUID) async throws -> some ResponseGenerator
    ) -> Self {
        let name = route.name
        return on(route.pattern, method: method) { request, context in
            try await handler(request, context, try context.parameters.require(name, as: UUID.self))
        }
    }

    @discardableResult
    func get(
        _ route: Route1,
        use handler: @Sendable @escaping (Request, Context, UUID) async throws -> some ResponseGenerator
    ) -> Self {
        on(route, method: .get, use: handler)
    }

    @discardableResult
    func post(
        _ route: Route1,
        use handler: @Sendable @escaping (Request, Context, UUID) async throws -> some ResponseGenerator
    ) -> Self {
        on(route, method: .post, use: handler)
    }

    @discardableResult
    func put(
        _ route: Route1,
        use handler: @Sendable @escaping (Request, Context, UUID) async throws -> some ResponseGenerator
    ) -> Self {
        on(route, method: .put, use: handler)
    }

    @discardableResult
    func post(
        _ route: Route2,
        use handler: @Sendable @escaping (Request, Context, UUID, UUID) async throws -> some ResponseGenerator
    ) -> Self {
        let names = route.names
        return on(route.pattern, method: .post) { request, context in
            try await handler(
                request, context, try context.parameters.require(names[0], as: UUID.self),
                try context.parameters.require(names[1], as: UUID.self))
        }
    }

    @discardableResult
    func get(
        _ route: Route2,
        use handler: @Sendable @escaping (Request, Context, UUID, UUID) async throws -> some ResponseGenerator
    ) -> Self {
        let names = route.names
        return on(route.pattern, method: .get) { request, context in
            try await handler(
                request, context, try context.parameters.require(names[0], as: UUID.self),
                try context.parameters.require(names[1], as: UUID.self))
        }
    }
}
