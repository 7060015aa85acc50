import Foundation
import NIOCore
import SQLiteKit
import Testing

@testable import SafeholdStore

/// The store's direct conversions of text and whole numbers agree with SQLiteKit's coders, value by value, in what
/// they give and in what they refuse.
@Suite struct SQLiteValuesTests {
    static let stored: [SQLiteData] = [
        .text("Amina e\u{301} \u{202E}dlihc\u{202C} 子供"), .text(""), .text("42"), .integer(0), .integer(Int.max),
        .integer(Int.min), .float(-0.125), .float(3), .blob(ByteBuffer(bytes: [0, 1, 255])), .null,
    ]

    /// What a conversion gave: the value's description, or that it was refused.
    static func outcome<T>(_ convert: () throws -> T) -> String {
        do { return "gave \(String(reflecting: try convert()))" } catch { return "refused" }
    }

    @Test("Text, whole numbers and their optionals read as SQLiteKit's decoder reads them, refusals included")
    func decodesAsSQLiteKit() {
        let decoder = SQLiteDataDecoder()
        for data in Self.stored {
            func agree<T: Decodable>(_ type: T.Type) {
                let direct = Self.outcome { () throws -> T in
                    guard let value = try SQLiteValues.decode(T.self, from: data) else {
                        Issue.record("\(T.self) was not converted directly")
                        return try decoder.decode(T.self, from: data)
                    }
                    return value
                }
                #expect(direct == Self.outcome { try decoder.decode(T.self, from: data) }, "\(T.self) from \(data)")
            }
            agree(String.self)
            agree(Int.self)
            agree(String?.self)
            agree(Int?.self)
            // Any other type is left to the decoder.
            #expect((try? SQLiteValues.decode(Double.self, from: data)) ?? nil == nil)
            #expect((try? SQLiteValues.decode(Data.self, from: data)) ?? nil == nil)
        }
    }

    @Test("Values bind as SQLiteKit's encoder binds them, nils of every type as NULL")
    func encodesAsSQLiteKit() throws {
        let encoder = SQLiteDataEncoder()
        let values: [any Encodable] = [
            "Zoë", "", 0, Int.max, Int.min, String?.none, String?.some("x"), Int?.none, Int?.some(7), Double?.none,
            UUID?.none, -0.125, true, Int64(9), Data([1, 2]), Date(timeIntervalSince1970: 0),
            UUID(uuidString: "01A2208A-8687-7925-8D22-B6B42299AAD2")!,
        ]
        for value in values {
            #expect(
                try SQLiteValues.encode(value, with: encoder) == encoder.encode(value), "\(String(reflecting: value))")
        }
    }
}
