import Foundation
import Hummingbird
import SafeholdCore

/// One piece of a route's path: fixed text, or a record id that the handler receives as a `UUID`.
public enum PathSegment: Sendable, Hashable {
    case literal(String)
    case id(String)
}

/// A named record id in a route, written `SiteRoute.person = Route("people") / PathID("id")`.
public struct PathID: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

/// An address built from the route table with its ids filled in, for an `href`, a form's `action`
/// or a redirect. Templates never write an address themselves; they print one of these.
public struct Link: Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public var description: String { path }

    init(_ path: String) { self.path = path }

    /// The same address with a query string, names and values percent-encoded.
    public func query(_ items: [(String, String)]) -> Link {
        guard !items.isEmpty else { return self }
        let encoded = items.map { name, value in Self.percentEncoded(name) + "=" + Self.percentEncoded(value) }
        return Link(path + "?" + encoded.joined(separator: "&"))
    }

    /// `text` with every byte of its UTF-8 but the unreserved ASCII (letters, digits, `-._~`) written as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The same address pointing at an element of the page.
    public func fragment(_ id: String) -> Link { Link(path + "#" + id) }
}

/// The path and router pattern of a list of segments; shared by every arity.
enum RouteText {
    static func path(_ segments: [PathSegment], _ ids: [UUID]) -> String {
        var ids = ids.makeIterator()
        let parts = segments.map { segment -> String in
            switch segment {
            case .literal(let text): text
            case .id: ids.next()!.text
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func pattern(_ segments: [PathSegment]) -> RouterPath {
        RouterPath(
            "/"
                + segments.map { segment -> String in
                    switch segment {
                    case .literal(let text): text
                    case .id(let name): "{\(name)}"
                    }
                }.joined(separator: "/"))
    }
}

/// A route whose path holds no record id.
public struct Route: Sendable {
    public let segments: [PathSegment]
    public init(_ literals: String...) { segments = literals.map(PathSegment.literal) }
    init(segments: [PathSegment]) { self.segments = segments }

    /// The address of this route.
    public var link: Link { Link(RouteText.path(segments, [])) }
    public var path: String { link.path }
    /// The pattern the router matches.
    public var pattern: RouterPath { RouteText.pattern(segments) }
    public var routerPath: RouterPath { pattern }

    public static func / (route: Route, literal: String) -> Route {
        Route(segments: route.segments + [.literal(literal)])
    }
    public static func / (route: Route, id: PathID) -> Route1 { Route1(segments: route.segments + [.id(id.name)]) }
}

/// A route whose path holds one record id.
public struct Route1: Sendable {
    public let segments: [PathSegment]
    init(segments: [PathSegment]) { self.segments = segments }

    /// The address with `id` in its place.
    public func callAsFunction(_ id: UUID) -> Link { Link(RouteText.path(segments, [id])) }
    public var pattern: RouterPath { RouteText.pattern(segments) }
    var name: String { names[0] }
    var names: [String] { segments.compactMap { if case .id(let name) = $0 { name } else { nil } } }

    public static func / (route: Route1, literal: String) -> Route1 {
        Route1(segments: route.segments + [.literal(literal)])
    }
    public static func / (route: Route1, id: PathID) -> Route2 { Route2(segments: route.segments + [.id(id.name)]) }
}

/// A route whose path holds two record ids (a record and something on it).
public struct Route2: Sendable {
    public let segments: [PathSegment]
    init(segments: [PathSegment]) { self.segments = segments }

    /// The address with `first` and `second` in their places, in path order.
    public func callAsFunction(_ first: UUID, _ second: UUID) -> Link {
        Link(RouteText.path(segments, [first, second]))
    }
    public var pattern: RouterPath { RouteText.pattern(segments) }
    var names: [String] { segments.compactMap { if case .id(let name) = $0 { name } else { nil } } }

    public static func / (route: Route2, literal: String) -> Route2 {
        Route2(segments: route.segments + [.literal(literal)])
    }
}
