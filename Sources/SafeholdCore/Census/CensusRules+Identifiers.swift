import Foundation

extension CensusRules {
    /// The header's reference date and each child's identifiers: LAchildID, UPN, former UPN, the reason
    /// a UPN is not known, and sex.
    static var identifiers: [CensusRule] {
        [
            CensusRule("100", "Reference Date is incorrect") { ctx in
                let header = ctx.census.header
                let expected = Int(header.year).flatMap { LocalDate(year: $0, month: 3, day: 31) }
                return header.referenceDate != nil && header.referenceDate == expected
                    ? [] : [CensusPlace(field: "ReferenceDate")]
            },
            CensusRule("1510", "UPN invalid (wrong check letter at character 1)") { ctx in
                ctx.children("UPN") { child in
                    guard let upn = nonEmpty(child.upn), let letter = CensusUPN.checkLetter(of: upn) else {
                        return false
                    }
                    return upn.first != letter
                }
            },
            CensusRule("1520", "More than one record with the same UPN.") { ctx in
                let counts = Dictionary(
                    ctx.census.children.compactMap { nonEmpty($0.upn) }.map { ($0, 1) }, uniquingKeysWith: +)
                return ctx.children("UPN") { child in nonEmpty(child.upn).map { counts[$0, default: 0] > 1 } ?? false }
            },
            CensusRule("1530", "UPN invalid (characters 2-4 not a recognised LA code)") { ctx in
                ctx.children("UPN") { child in nonEmpty(child.upn).map { !CensusUPN.hasLACode($0) } ?? false }
            },
            CensusRule("1540", "UPN invalid (characters 5-12 not all numeric)") { ctx in
                ctx.children("UPN") { child in
                    guard let upn = nonEmpty(child.upn).map({ Array($0) }) else { return false }
                    return upn.count < 12 || !upn[4..<12].allSatisfy(CensusUPN.isDigit)
                }
            },
            CensusRule("1550", "UPN invalid (character 13 not a recognised value)") { ctx in
                ctx.children("UPN") { child in
                    guard let upn = nonEmpty(child.upn).map({ Array($0) }) else { return false }
                    return upn.count != 13 || !CensusUPN.lastCharacters.contains(upn[12])
                }
            },
            CensusRule("1560Q", "Please check and either amend or provide a reason: Former UPN wrongly formatted") {
                ctx in
                ctx.children("FormerUPN") { child in
                    guard let former = nonEmpty(child.formerUPN).map({ Array($0) }) else { return false }
                    return former.count != 13 || !(former[0].isASCII && former[0].isLetter)
                        || !former[1...].allSatisfy(CensusUPN.isDigit)
                }
            },
            CensusRule("1570", "LA Child ID must not be longer than 20 characters") { ctx in
                ctx.children("LAchildID") { ($0.laChildID?.count ?? 0) > 20 }
            },
            CensusRule("1580", "LA Child ID must not contain any non-alphanumeric characters") { ctx in
                ctx.children("LAchildID") { child in
                    nonEmpty(child.laChildID).map { !$0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
                        ?? false
                }
            },
            CensusRule("4180", "Sex must be provided and equal M, F, or U") { ctx in
                ctx.children("Sex") { !CensusCodes.sexes.contains($0.sex ?? "") }
            },
            CensusRule("8500", "LA Child ID missing") { ctx in
                ctx.children("LAchildID") { nonEmpty($0.laChildID) == nil }
            },
            CensusRule("8510", "More than one child record with the same LA Child ID") { ctx in
                let ids = ctx.census.children.compactMap { nonEmpty($0.laChildID) }
                let counts = Dictionary(ids.map { ($0, 1) }, uniquingKeysWith: +)
                return ctx.children("LAchildID") { nonEmpty($0.laChildID).map { counts[$0, default: 0] > 1 } ?? false }
            },
            CensusRule("8750", "Sex must equal U for an unborn child") { ctx in
                ctx.children("Sex") { $0.birthDate == nil && $0.expectedBirthDate != nil && $0.sex != "U" }
            },
            CensusRule(
                "8770Q",
                "Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or "
                    + "is UN1 for a child who is of school age."
            ) { ctx in
                // Of school age: born on or before 31 August five years before the census year starts, so in
                // school (reception or later) during the year, as the validator reads the DfE's wording.
                guard let year = ctx.year, let cutoff = LocalDate(year: year.startYear - 5, month: 8, day: 31) else {
                    return []
                }
                return ctx.children("UPN") { child in
                    guard let born = child.birthDate, born <= cutoff, child.episodes.contains(where: \.isFurtherAction),
                        nonEmpty(child.upn) == nil
                    else { return false }
                    return !CensusCodes.schoolAgeUPNUnknown.contains(child.upnUnknown ?? "")
                }
            },
            CensusRule(
                "8772",
                "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a "
                    + "referral going on to further action"
            ) { ctx in
                ctx.children("UPNunknown") { $0.upnUnknown == "UN7" && $0.episodes.contains { !$0.isNFA } }
            },
        ]
    }
}

/// A value the return carries, or nil when it is missing or empty.
func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}

/// Unique pupil numbers as the census rules check them: the check letter (character 1), the local
/// authority (characters 2-4) and the last character.
enum CensusUPN {
    static let checkAlphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
    /// Character 13: a digit, or a letter other than I, O and S (a temporary UPN).
    static let lastCharacters = Set("0123456789ABCDEFGHJKLMNPQRTUVWXYZ")

    static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

    /// The check letter characters 2-13 call for (weights 2 to 13, remainder of 23; a letter at 13 counts
    /// as its place in the check alphabet), or nil when they are not of that shape (1540 and 1550 say so).
    static func checkLetter(of upn: String) -> Character? {
        let characters = Array(upn)
        guard characters.count == 13, characters[1..<12].allSatisfy(isDigit) else { return nil }
        var sum = 0
        for position in 2...13 {
            let character = characters[position - 1]
            if let digit = character.wholeNumberValue, character.isASCII {
                sum += digit * position
            } else if position == 13, let index = checkAlphabet.firstIndex(of: character) {
                sum += index * position
            } else {
                return nil
            }
        }
        return checkAlphabet[sum % 23]
    }

    /// Post-April-1998 local authority codes and the recognised pseudo-LA codes (the 2023-24 list).
    static let laCodes: Set<Int> = {
        let ranges: [ClosedRange<Int>] = [
            1...5, 201...213, 301...320, 330...336, 340...344, 350...359, 370...373, 380...384, 390...394, 420...420,
            660...681, 701...708, 800...803, 805...808, 810...813, 815...816, 820...823, 825...826, 830...831,
            835...841, 845...846, 850...852, 855...857, 860...861, 865...896, 908...909, 916...916, 919...919,
            921...921, 925...926, 928...929, 931...931, 933...933, 935...938, 940...943,
        ]
        return Set(ranges.flatMap { $0 })
    }()

    /// Whether characters 2-4 are a recognised LA code.
    static func hasLACode(_ upn: String) -> Bool {
        let characters = Array(upn)
        guard characters.count >= 4, characters[1...3].allSatisfy(isDigit), let code = Int(String(characters[1...3]))
        else { return false }
        return laCodes.contains(code)
    }
}
