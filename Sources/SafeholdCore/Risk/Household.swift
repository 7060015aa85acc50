import Foundation

/// Where people live together, as the links to children need it: two current addresses are one household
/// when their postcodes match (spaces and case aside) and their first lines match (case, punctuation and
/// spacing aside). Addresses are kept as typed on each person's record, so this is how a change of address
/// is matched against the children already living there.
public struct HouseholdKey: Hashable, Sendable {
    public let postcode: String
    public let line1: String

    public init(_ address: Address) {
        postcode = address.postcode.uppercased().filter { !$0.isWhitespace }
        let letters: [Character] = address.line1.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }
        line1 = String(letters).split(separator: " ").map(String.init).joined(separator: " ")
    }

    /// The postcodes of every address given, as households compare them (`postcode`), each once: what the store keeps
    /// for finding a household's people by index.
    public static func postcodes(_ addresses: [Address]) -> [String] {
        Array(Set(addresses.map { HouseholdKey($0).postcode })).sorted()
    }

    /// The households a person lives in on `day`: their current addresses that have begun.
    public static func current(_ addresses: [Address], on day: LocalDate) -> Set<HouseholdKey> {
        Set(addresses.filter { $0.to == nil && ($0.from ?? day) <= day }.map(HouseholdKey.init))
    }

    /// The households `after` lives in that `before` did not: where an address change brought a person.
    public static func joined(before: [Address], after: [Address], on day: LocalDate) -> Set<HouseholdKey> {
        current(after, on: day).subtracting(current(before, on: day))
    }
}
