import Foundation
import SafeholdCore

/// The `Encoder` behind `APIJSONEncoder`: one per value that encodes itself, holding what it encoded.
final class JSONBox: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private(set) var value: JSONValue?

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    /// `value` as JSON: the kinds Foundation's encoder treats specially first (dates as `Timestamp` strings, data as
    /// base64, URLs as their absolute string), then whatever the value encodes itself as (an empty object if nothing).
    static func box<T: Encodable>(_ value: T, at path: [any CodingKey]) throws -> JSONValue {
        if T.self == String.self { return .string(value as! String) }
        if T.self == Int.self { return .number(String(value as! Int)) }
        if T.self == Bool.self { return .bool(value as! Bool) }
        if T.self == Date.self { return .string(Timestamp.string(value as! Date)) }
        if T.self == UUID.self { return .string((value as! UUID).text) }
        if T.self == Double.self { return try number(value as! Double, at: path) }
        if T.self == Int64.self { return .integer(value as! Int64) }
        if T.self == Data.self { return .string((value as! Data).base64EncodedString()) }
        if T.self == URL.self { return .string((value as! URL).absoluteString) }
        let encoder = JSONBox(codingPath: path)
        try value.encode(to: encoder)
        return encoder.value ?? .object(JSONObject())
    }

    /// A finite number as Foundation writes it (`1.0` as `1`); Foundation refuses infinity and NaN, and so does this.
    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: F, at path: [any CodingKey]
    ) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: path, debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONObject
        if case .object(let existing) = value {
            object = existing
        } else {
            object = JSONObject()
            value = .object(object)
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONArray
        if case .array(let existing) = value {
            array = existing
        } else {
            array = JSONArray()
            value = .array(array)
        }
        return JSONUnkeyedContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONSingleContainer(box: self) }

    fileprivate func set(_ value: JSONValue) { self.value = value }
}

private struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        object.set(key.stringValue, try JSONBox.number(value, at: codingPath + [key]))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        object.set(key.stringValue, try JSONBox.number(value, at: codingPath + [key]))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(key.stringValue, try JSONBox.box(value, at: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        object.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(object: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArray()
        object.set(key.stringValue, .array(nested))
        return JSONUnkeyedContainer(array: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        JSONSlotEncoder(codingPath: codingPath) { [object] in object.set("super", $0) }
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        JSONSlotEncoder(codingPath: codingPath + [key]) { [object] in object.set(key.stringValue, $0) }
    }
}

private struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONArray
    let codingPath: [any CodingKey]
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.null) }
    mutating func encode(_ value: Bool) throws { array.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: Double) throws { array.items.append(try JSONBox.number(value, at: codingPath)) }
    mutating func encode(_ value: Float) throws { array.items.append(try JSONBox.number(value, at: codingPath)) }
    mutating func encode(_ value: Int8) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int16) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int32) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int64) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt8) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt16) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt32) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt64) throws { array.items.append(.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try JSONBox.box(value, at: codingPath + [JSONIndexKey(intValue: count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        array.items.append(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(object: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArray()
        array.items.append(.array(nested))
        return JSONUnkeyedContainer(array: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let index = array.items.count
        array.items.append(.null)
        return JSONSlotEncoder(codingPath: codingPath) { [array] in array.items[index] = $0 }
    }
}

private struct JSONSingleContainer: SingleValueEncodingContainer {
    let box: JSONBox
    var codingPath: [any CodingKey] { box.codingPath }

    mutating func encodeNil() throws { box.set(.null) }
    mutating func encode(_ value: Bool) throws { box.set(.bool(value)) }
    mutating func encode(_ value: String) throws { box.set(.string(value)) }
    mutating func encode(_ value: Int) throws { box.set(.number(String(value))) }
    mutating func encode(_ value: Double) throws { box.set(try JSONBox.number(value, at: codingPath)) }
    mutating func encode(_ value: Float) throws { box.set(try JSONBox.number(value, at: codingPath)) }
    mutating func encode(_ value: Int8) throws { box.set(.integer(value)) }
    mutating func encode(_ value: Int16) throws { box.set(.integer(value)) }
    mutating func encode(_ value: Int32) throws { box.set(.integer(value)) }
    mutating func encode(_ value: Int64) throws { box.set(.integer(value)) }
    mutating func encode(_ value: UInt) throws { box.set(.integer(value)) }
    mutating func encode(_ value: UInt8) throws { box.set(.integer(value)) }
    mutating func encode(_ value: UInt16) throws { box.set(.integer(value)) }
    mutating func encode(_ value: UInt32) throws { box.set(.integer(value)) }
    mutating func encode(_ value: UInt64) throws { box.set(.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.set(try JSONBox.box(value, at: codingPath)) }
}

/// An encoder for a `superEncoder` slot: what is encoded through it is put in its place when it is done.
private final class JSONSlotEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private let inner: JSONBox
    private let place: (JSONValue) -> Void

    init(codingPath: [any CodingKey], place: @escaping (JSONValue) -> Void) {
        self.codingPath = codingPath
        self.inner = JSONBox(codingPath: codingPath)
        self.place = place
    }

    deinit { place(inner.value ?? .object(JSONObject())) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        inner.container(keyedBy: type)
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { inner.unkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { inner.singleValueContainer() }
}

private struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
