import Foundation
import Testing

@testable import SafeholdWeb

/// The API's JSON encoder writes exactly the bytes Foundation's `JSONEncoder` writes with the API's settings (sorted
/// keys, dates as `Timestamp` strings), for every kind of value an answer holds.
@Suite struct APIJSONEncoderTests {
    enum Kind: String, Encodable { case child, adult }

    struct Inner: Encodable {
        let name: String
        let at: Date
        let tags: [String]
    }

    struct Everything: Encodable {
        let text: String
        let int: Int
        let smallest: Int64
        let largest: UInt64
        let small: Int8
        let flag: Bool
        let doubles: [Double]
        let float: Float
        let date: Date
        let id: UUID
        let data: Data
        let url: URL
        let missing: String?
        let present: String?
        let kind: Kind
        let inner: Inner
        let inners: [Inner]
        let counts: [String: Int]
        let nested: [[Int]]
        let empty: [String]
        let emptyObject: [String: String]
    }

    static let hardText =
        "Quote \" backslash \\ slash / newline \n tab \t return \r bell \u{7} nul \u{0} "
        + "Zoë e\u{301} \u{202E}dlihc\u{202C} 子供 👩🏽‍👧 \u{7F} \u{2028}"

    static let everything = Everything(
        text: hardText, int: -42, smallest: .min, largest: .max, small: -8, flag: true,
        doubles: [0, 1, -0.5, 0.1, 1e21, 123_456_789.125, 5e-324, -0.0], float: 0.1,
        date: Date(timeIntervalSince1970: 1_795_510_800.123),
        id: UUID(uuidString: "01A21DA7-1B5C-7000-8000-0003CBA4E4DA")!,
        data: Data([0, 1, 254, 255]), url: URL(string: "https://example.org/a?b=c")!, missing: nil, present: "here",
        kind: .child, inner: Inner(name: "Inner", at: Date(timeIntervalSince1970: 0), tags: ["a", "b"]),
        inners: [Inner(name: "one", at: Date(timeIntervalSince1970: -86_400.5), tags: [])],
        counts: ["zeta": 1, "alpha": 2, "Beta": 3, "émile": 4, "_under": 5, "10": 6, "9": 7],
        nested: [[1, 2], [], [3]], empty: [], emptyObject: [:])

    @Test("Every kind of value is written byte for byte as Foundation writes it")
    func matchesFoundation() throws {
        let ours = try APIJSONEncoder.encode(Self.everything)
        let foundation = try APIResponse.encoder.encode(Self.everything)
        #expect(String(decoding: ours, as: UTF8.self) == String(decoding: foundation, as: UTF8.self))
    }

    @Test("Top-level arrays, strings and numbers match too")
    func topLevelValuesMatch() throws {
        #expect(try APIJSONEncoder.encode([1, 2, 3]) == Array(try APIResponse.encoder.encode([1, 2, 3])))
        #expect(try APIJSONEncoder.encode(Self.hardText) == Array(try APIResponse.encoder.encode(Self.hardText)))
        #expect(try APIJSONEncoder.encode(2.5) == Array(try APIResponse.encoder.encode(2.5)))
        let inners = [Self.everything.inner]
        #expect(try APIJSONEncoder.encode(inners) == Array(try APIResponse.encoder.encode(inners)))
    }

    @Test("A number JSON cannot hold is refused, as Foundation refuses it")
    func nonFiniteNumbersAreRefused() {
        #expect(throws: EncodingError.self) { try APIJSONEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try APIJSONEncoder.encode(["x": Double.infinity]) }
    }
}
