import Foundation

/// One problem with one field of a form or request, in words a worker understands.
public struct FieldError: Error, Equatable, Sendable, Codable {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// The errors the domain raises; the web layer maps each to one HTTP status.
public enum SafeholdError: Error, Equatable, Sendable {
    /// The input was wrong (400/422): every field that is wrong, each with its reason.
    case invalid([FieldError])
    /// No such record, or one the actor may not know exists (404).
    case notFound(String)
    /// The actor may not do this; the reason is safe to show (403).
    case forbidden(String)
    /// The step conflicts with the record's state, or someone else changed it first (409).
    case conflict(String)
    /// Not signed in, or the credentials were refused (401).
    case unauthenticated(String)
    /// Too many attempts (429).
    case tooManyRequests(String)
    /// Something the request needs (the database) did not answer in time; nothing was changed (503).
    case unavailable(String)

    /// The sentence to show the person who made the request.
    public var message: String {
        switch self {
        case .invalid(let errors): errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .notFound(let m), .forbidden(let m), .conflict(let m), .unauthenticated(let m), .tooManyRequests(let m),
            .unavailable(let m):
            m
        }
    }
}
