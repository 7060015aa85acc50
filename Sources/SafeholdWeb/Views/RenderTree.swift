import Foundation
import Mustache
@_spi(Reflection) import Swift
import Synchronization

/// A page's view model turned, once, into the dictionaries and arrays Mustache looks names up in.
///
/// Mustache finds `{{name}}` in a struct by reflecting it and scanning its fields, again for every name
/// and for every level of the context stack it climbs; on a page with a long chronology or caseload that
/// reflection was most of the time spent rendering. Reading each value once and handing Mustache
/// dictionaries gives the same lookups (a missing or nil field still climbs the stack) at hash cost.
///
/// A struct's fields are read through key paths listed once for its type (`FieldPaths`): a `Mirror` looks each
/// field's type up by its mangled name for every value it reflects, which took a fifth of the child's page.
enum RenderTree {
    /// `value` with every struct or class (other than one that renders itself) as a `[String: Any]` of
    /// its fields, optionals unwrapped and nil fields left out, arrays element by element.
    static func build(_ value: Any) -> Any {
        node(value) ?? [String: Any]()
    }

    /// `build` for one value: nil for an optional holding nothing.
    fileprivate static func node(_ value: Any) -> Any? {
        switch value {
        case is String, is Bool, is Int, is Double, is UUID, is Date:
            return value
        default:
            return opened(value)
        }
    }

    /// `node` with the value's type known, so that a struct's key paths can be applied to it.
    private static func opened<T>(_ value: T) -> Any? {
        switch Shape.of(T.self, value) {
        case .fields(let paths):
            // The cache holds this type's own paths (`Shape.of`).
            return unsafeDowncast(paths, to: FieldPaths<T>.self).fields(of: value)
        case .optional(let type):
            return type.renderedWrapped(value)
        case .array(let type):
            return type.renderedItems(value)
        case .itself:
            return value
        case .reflected:
            return reflected(value)
        }
    }

    /// A value no cheaper way reaches (a struct with a closure field, a class, a collection other than an array),
    /// through `Mirror`.
    private static func reflected<T>(_ value: T) -> Any? {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { node($0.value) }
        case .collection:
            return mirror.children.compactMap { node($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                fields[label] = node(child.value)
            }
            return fields
        default:
            return value
        }
    }

    /// How values of one type become a node, found once for the type: asking `Mirror` or a protocol conformance
    /// for every value cost more than the rest of the lookup. (Sendable: it holds metatypes and immutable
    /// `FieldPaths`.)
    private enum Shape: @unchecked Sendable {
        /// A struct read through its key paths (a `FieldPaths` of the type).
        case fields(AnyObject)
        case optional(any RenderedOptional.Type)
        case array(any RenderedArray.Type)
        /// Text, a number, an enum, or a value that renders itself (a link): as it is.
        case itself
        case reflected

        static func of<T>(_ type: T.Type, _ value: T) -> Shape {
            let key = ObjectIdentifier(type)
            if let known = shapes.withLock({ $0[key] }) { return known }
            let shape: Shape
            if let optional = type as? any RenderedOptional.Type {
                shape = .optional(optional)
            } else if let array = type as? any RenderedArray.Type {
                shape = .array(array)
            } else {
                let style = Mirror(reflecting: value).displayStyle
                if style == .collection || style == .optional {
                    shape = .reflected
                } else if rendersItself(type) {
                    shape = .itself
                } else if let paths = FieldPaths<T>.of(value) {
                    shape = .fields(paths)
                } else {
                    shape = style == .struct || style == .class ? .reflected : .itself
                }
            }
            shapes.withLock { $0[key] = shape }
            return shape
        }
    }

    private static let shapes = Mutex<[ObjectIdentifier: Shape]>([:])

    /// The labelled key paths of a struct's stored fields, found once for the type. Text, flags and counts (and
    /// optionals of them), most of a page's fields, are read through key paths of their own type, with no cast.
    final class FieldPaths<Root>: @unchecked Sendable {
        enum Field {
            case text(KeyPath<Root, String>), flag(KeyPath<Root, Bool>), number(KeyPath<Root, Int>)
            case optionalText(KeyPath<Root, String?>), optionalFlag(KeyPath<Root, Bool?>)
            case optionalNumber(KeyPath<Root, Int?>)
            case other(PartialKeyPath<Root>)

            init(_ path: PartialKeyPath<Root>) {
                switch path {
                case let path as KeyPath<Root, String>: self = .text(path)
                case let path as KeyPath<Root, Bool>: self = .flag(path)
                case let path as KeyPath<Root, Int>: self = .number(path)
                case let path as KeyPath<Root, String?>: self = .optionalText(path)
                case let path as KeyPath<Root, Bool?>: self = .optionalFlag(path)
                case let path as KeyPath<Root, Int?>: self = .optionalNumber(path)
                default: self = .other(path)
                }
            }
        }

        let fields: [(label: String, field: Field)]

        private init(_ fields: [(label: String, field: Field)]) { self.fields = fields }

        /// The paths of a struct; nil for any other type, and for a struct with a field no key path reaches (a
        /// closure, a weak reference), which is reflected instead. Asked once a type (`Shape.of`).
        static func of(_ value: Root) -> FieldPaths<Root>? {
            guard Mirror(reflecting: value).displayStyle == .struct else { return nil }
            var fields: [(label: String, field: Field)] = []
            let complete = _forEachFieldWithKeyPath(of: Root.self) { name, path in
                fields.append((String(cString: name), Field(path)))
                return true
            }
            return complete ? FieldPaths(fields) : nil
        }

        /// The fields of one value, as `node` gives them: nil fields left out.
        func fields(of value: Root) -> [String: Any] {
            var values: [String: Any] = [:]
            values.reserveCapacity(fields.count)
            for (label, field) in fields {
                switch field {
                case .text(let path): values[label] = value[keyPath: path]
                case .flag(let path): values[label] = value[keyPath: path]
                case .number(let path): values[label] = value[keyPath: path]
                case .optionalText(let path): values[label] = value[keyPath: path]
                case .optionalFlag(let path): values[label] = value[keyPath: path]
                case .optionalNumber(let path): values[label] = value[keyPath: path]
                case .other(let path): values[label] = node(value[keyPath: path])
                }
            }
            return values
        }
    }

    /// Whether values of a type render with their own description (a link) or answer lookups themselves.
    private static func rendersItself(_ type: Any.Type) -> Bool {
        type is any CustomStringConvertible.Type || type is any MustacheCustomRenderable.Type
            || type is MustacheLambda.Type || type is any MustacheParent.Type
    }
}

/// An optional, whose node is its value's (nil when it holds nothing).
private protocol RenderedOptional {
    static func renderedWrapped<T>(_ value: T) -> Any?
}

extension Optional: RenderedOptional {
    static func renderedWrapped<T>(_ value: T) -> Any? {
        // `T` is this type (`RenderTree.Shape.of`).
        unsafeBitCast(value, to: Self.self).flatMap { RenderTree.node($0) }
    }
}

/// An array, whose node is its elements' nodes (those holding nothing left out).
private protocol RenderedArray {
    static func renderedItems<T>(_ value: T) -> [Any]
}

extension Array: RenderedArray {
    static func renderedItems<T>(_ value: T) -> [Any] {
        // `T` is this type (`RenderTree.Shape.of`).
        unsafeBitCast(value, to: Self.self).compactMap { RenderTree.node($0) }
    }
}
