import Foundation
import Mustache
import Synchronization

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
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection:
            return mirror.children.compactMap { unwrapped($0.value).map(build) }
        case .struct, .class:
            guard !rendersItself(type(of: value)) else { return value }
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label else { continue }
                // Most fields are text, flags and counts (a cast also unwraps an optional holding one).
                switch child.value {
                case let text as String: fields[label] = text
                case let flag as Bool: fields[label] = flag
                case let number as Int: fields[label] = number
                default:
                    guard let field = unwrapped(child.value) else { continue }
                    fields[label] = build(field)
                }
            }
            return fields
        default:
            return value
        }
    }

    /// Whether values of a type render with their own description (a link) or answer lookups
    /// themselves; asked once a type, since a conformance check costs more than the lookup it saves.
    private static func rendersItself(_ type: Any.Type) -> Bool {
        let key = ObjectIdentifier(type)
        if let known = known.withLock({ $0[key] }) { return known }
        let answer =
            type is any CustomStringConvertible.Type || type is any MustacheCustomRenderable.Type
            || type is MustacheLambda.Type || type is any MustacheParent.Type
        known.withLock { $0[key] = answer }
        return answer
    }

    private static let known = Mutex<[ObjectIdentifier: Bool]>([:])

    /// The value an optional holds (nil for none), or the value itself.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map(\.value).flatMap(unwrapped)
    }
}
