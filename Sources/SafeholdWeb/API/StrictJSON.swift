import Foundation
import Hummingbird
import SafeholdCore

/// Reads a JSON request body strictly: malformed JSON, a wrong type, a missing field or a field the
/// API does not know is a 400-class error naming the field; nothing reaches the store.
enum StrictJSON {
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, limit: Int = BodyLimit.standard
    ) async throws -> T {
        let buffer = try await BodyLimit.collect(request, limit: limit)
        let data = Data(buffer.readableBytesView)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SafeholdError.invalid([FieldError("body", "is not valid JSON")])
        }
        let value: T
        do {
            value = try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw SafeholdError.invalid([describe(error)])
        }
        let unknown = unknownKeys(object, value, path: "")
        if !unknown.isEmpty {
            throw SafeholdError.invalid(unknown.map { FieldError($0, "is not a field this API accepts") })
        }
        return value
    }

    /// Times are RFC 3339 (`2026-11-24T09:30:00Z`, optionally with a fraction of a second or an offset),
    /// parsed strictly: 30 February or the year 99999 is an error, not a date rolled over.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = Timestamp.parseRFC3339(text) { return date }
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(text)' is not a time in the form 2026-11-24T09:30:00Z"))
        }
        return decoder
    }()

    static func describe(_ error: DecodingError) -> FieldError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(
                in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return FieldError(parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)", "is required")
        case .typeMismatch(let type, let context):
            return FieldError(path(context.codingPath), "has the wrong type (expected \(Self.name(of: type)))")
        case .valueNotFound(let type, let context):
            return FieldError(path(context.codingPath), "must not be null (expected \(Self.name(of: type)))")
        case .dataCorrupted(let context):
            return FieldError(
                path(context.codingPath).isEmpty ? "body" : path(context.codingPath), context.debugDescription)
        @unknown default:
            return FieldError("body", "could not be read")
        }
    }

    static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }

    /// Keys present in the JSON that the decoded value has no property for, found by comparing the
    /// JSON object with the value's stored properties (a nil optional still counts as a property).
    static func unknownKeys(_ json: Any, _ value: Any, path: String) -> [String] {
        if value is any ChecksOwnKeys { return [] }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return [] }
            return unknownKeys(json, wrapped, path: path)
        }
        if let object = json as? [String: Any], mirror.displayStyle == .enum, let child = mirror.children.first,
            let label = child.label
        {
            // An enum with associated values is one key naming the case, holding its values.
            return object.keys.sorted().flatMap { key -> [String] in
                let field = path.isEmpty ? key : "\(path).\(key)"
                return key == label ? unknownKeys(object[key]!, child.value, path: field) : [field]
            }
        }
        if let object = json as? [String: Any], mirror.displayStyle == .struct || mirror.displayStyle == .tuple {
            let properties = Dictionary(
                mirror.children.compactMap { c in c.label.map { ($0, c.value) } }, uniquingKeysWith: { a, _ in a })
            return object.keys.sorted().flatMap { key -> [String] in
                let field = path.isEmpty ? key : "\(path).\(key)"
                guard let property = properties[key] else { return [field] }
                return unknownKeys(object[key]!, property, path: field)
            }
        }
        if let array = json as? [Any], mirror.displayStyle == .collection {
            return zip(array, mirror.children.map(\.value)).enumerated().flatMap { i, pair in
                unknownKeys(pair.0, pair.1, path: "\(path)[\(i)]")
            }
        }
        return []
    }
}
