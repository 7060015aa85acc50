import Foundation

/// One address a person lived at, from one date to another (open-ended while current).
public struct Address: Hashable, Codable, Sendable {
    public var line1: String
    public var line2: String?
    public var town: String
    public var postcode: String
    public var from: LocalDate?
    public var to: LocalDate?

    public init(
        line1: String, line2: String? = nil, town: String, postcode: String,
        from: LocalDate? = nil, to: LocalDate? = nil
    ) {
        self.line1 = line1
        self.line2 = line2
        self.town = town
        self.postcode = postcode
        self.from = from
        self.to = to
    }

    /// True while the person still lives here.
    public var isCurrent: Bool { to == nil }

    /// A UK postcode in its usual shape (`AB1 2CD`), checked loosely.
    public static func isPlausiblePostcode(_ text: String) -> Bool {
        let compact = text.uppercased().filter { $0 != " " }
        guard (5...7).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return false
        }
        let inward = Array(compact.suffix(3))
        return inward[0].isNumber && inward[1].isLetter && inward[2].isLetter && compact.first!.isLetter
    }
}

/// Another name a person is or was known by.
public struct Alias: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case alias, former
    }

    public var givenName: String
    public var familyName: String
    public var kind: Kind

    public init(givenName: String, familyName: String, kind: Kind = .alias) {
        self.givenName = givenName
        self.familyName = familyName
        self.kind = kind
    }
}
