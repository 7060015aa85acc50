import Foundation
import Testing

@testable import SafeholdCore

/// One return holding one known breach of every rule the product implements: each breach's children
/// are a relabelled copy of the base return with that one mutation, the whole-return breaches are made
/// across all of them, and the checker must find exactly those codes, each at its own copy.
@Suite struct CensusRulesKnownBreachTests {
    /// The rules about the return as a whole (their findings name no child).
    static let wholeReturnCodes: Set<String> = ["100", "2883", "2886Q", "2887Q", "2888Q"]

    struct Combined {
        var census: CensusReturn
        /// The child-level codes expected at each copy, by the copy's person ids.
        var expectedByPerson: [UUID: Set<String>]
        var copyCodeByPerson: [UUID: String]
    }

    static func combined() -> Combined {
        var children: [CensusChild] = []
        var expected: [UUID: Set<String>] = [:]
        var copyCode: [UUID: String] = [:]
        let copied = CensusBreach.all.filter { !["100", "2886Q", "2887Q", "2888Q"].contains($0.code) }
        for (k, breach) in copied.enumerated() {
            for (i, child) in breach.census.children.enumerated() {
                let copy = relabel(child, copy: k, index: i)
                expected[copy.personId!] = breach.expected.subtracting(wholeReturnCodes)
                copyCode[copy.personId!] = breach.code
                children.append(copy)
            }
        }
        // 2886Q: more than 2% of the children (none unborn) have no sex recorded.
        let fillers = children.count / 49 + 1
        for n in 0..<fillers {
            var filler = relabel(CensusFixture.childA, copy: copied.count + n, index: 0)
            filler.sex = "U"
            expected[filler.personId!] = []
            copyCode[filler.personId!] = "filler"
            children.append(filler)
        }
        var census = CensusReturn(header: CensusFixture.base.header, children: children)
        census.header.referenceDate = CensusFixture.d("2026-03-30")  // 100
        return Combined(census: census, expectedByPerson: expected, copyCodeByPerson: copyCode)
    }

    /// A copy of `child` under identifiers of its own (the copy's number in the LAchildID and in UPN
    /// characters 7-9, the check letter kept right or wrong as it was), and at most one disability code
    /// when it had several valid ones, so that the whole return uses few codes (2887Q) and no child more
    /// than one (2888Q).
    static func relabel(_ child: CensusChild, copy k: Int, index i: Int) -> CensusChild {
        var copy = child
        copy.personId = Fixture.id(k * 100 + i + 1)
        copy.laChildID = child.laChildID.map { "K\(k)" + $0 }
        if let upn = child.upn, upn.count == 13, Array(upn)[6..<9].allSatisfy(\.isNumber) {
            var characters = Array(upn)
            characters.replaceSubrange(6..<9, with: Array(String(format: "%03d", k)))
            let wasRight = CensusUPN.checkLetter(of: upn).map { $0 == upn.first }
            if let letter = CensusUPN.checkLetter(of: String(characters)), let wasRight {
                characters[0] = wasRight ? letter : CensusUPN.checkAlphabet.first { $0 != letter }!
            }
            copy.upn = String(characters)
        }
        let valid = child.disabilities.filter { CensusCodes.disabilities.contains($0) && $0 != "NONE" }
        if Set(valid).count > 1 { copy.disabilities = [valid[0]] }
        return copy
    }

    @Test func theCheckerFindsExactlyTheKnownBreaches() {
        let combined = Self.combined()
        let findings = CensusChecker.check(combined.census, calendar: CensusFixture.calendar)
        #expect(Set(findings.map(\.code)) == Set(CensusFixture.allCodes))
        #expect(Set(findings.filter { $0.personId == nil }.map(\.code)) == Self.wholeReturnCodes)
        let byPerson = Dictionary(grouping: findings.filter { $0.personId != nil }, by: { $0.personId! })
        var found: [String: Set<String>] = [:]
        var wanted: [String: Set<String>] = [:]
        for (person, codes) in combined.expectedByPerson {
            let copy = combined.copyCodeByPerson[person]!
            wanted[copy, default: []].formUnion(codes)
            found[copy, default: []].formUnion(byPerson[person]?.map(\.code) ?? [])
        }
        for copy in wanted.keys.sorted() {
            #expect(found[copy] == wanted[copy], "copy breaching \(copy)")
        }
    }
}

extension CensusFixture {
    static var allCodes: [String] { CensusRules.all.map(\.code) }
}
