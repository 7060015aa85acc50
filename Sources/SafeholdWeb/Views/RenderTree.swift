import Foundation
import Mustache

/// A page's view model turned, once, into the dictionaries and arrays Mustache looks names up in.
///
/// Mustache finds `{{name}}` in a struct by reflecting it and scanning its fields, again for every name
/// and for every level of the context stack it climbs; on a page with a long chronology or caseload that
/// reflection was most of the time spent rendering. Reflecting each value once and handing Mustache
/// dictionaries gives the same lookups (a missing or nil field still climbs the stack) at hash cost.
enum RenderTree {
    /// `value` with every struct or class (other than one that renders itself) as a `[String: Any]` of
    /// its fields, optionals unwrapped and nil fields left out, arrays element by element.
    static func build(_ value: Any) -> Any {
        switch value {
        case is String, is Bool, is Int, is Double, is UUID, is Date:
            return value
        case let array as [Any]:
            return array.compactMap { unwrapped($0).map(build) }
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .struct || mirror.displayStyle == .class, !rendersItself(value) else {
            return value
        }
        var fields: [String: Any] = [:]
        fields.reserveCapacity(Int(mirror.children.count))
        for child in mirror.children {
            guard let label = child.label, let field = unwrapped(child.value) else { continue }
            fields[label] = build(field)
        }
        return fields
    }

    /// A value rendered with its own description (a link) or that answers lookups itself.
    private static func rendersItself(_ value: Any) -> Bool {
        value is any CustomStringConvertible || value is any MustacheCustomRenderable || value is MustacheLambda
            || value is any MustacheParent
    }

    /// The value an optional holds (nil for none), or the value itself.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map(\.value).flatMap(unwrapped)
    }
}
