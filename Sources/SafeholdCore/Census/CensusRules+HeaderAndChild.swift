import Foundation

extension CensusRules {
    /// The header, the child's identifiers and characteristics, and rules across the whole return.
    static var headerAndChild: [CensusRule] { identifiers + characteristics + wholeReturn }

    /// Dates of birth and death, ethnicity, disabilities, and whether the child has an episode at all.
    static var characteristics: [CensusRule] {
        [
            CensusRule("4220", "Ethnicity is missing or invalid (see Ethnicity table)") { ctx in
                ctx.children("Ethnicity") { !CensusCodes.ethnicities.contains($0.ethnicity ?? "") }
            },
            CensusRule(
                "8520",
                "Date of Birth is after data collection period (must be on or before the end of the census period)"
            ) { ctx in
                guard let end = ctx.end else { return [] }
                return ctx.children("PersonBirthDate") { ($0.birthDate ?? .minimum) > end }
            },
            CensusRule("8525Q", "Either Date of Birth or Expected Date of Birth must be provided (but not both)") {
                ctx in
                ctx.children("PersonBirthDate") { ($0.birthDate == nil) == ($0.expectedBirthDate == nil) }
            },
            CensusRule(
                "8530Q",
                "Please check and either amend data or provide a reason: Expected Date of Birth is outside the "
                    + "expected range for this census (March to December of the Census Year end)"
            ) { ctx in
                guard let end = ctx.end else { return [] }
                let range = end.adding(days: -30)...end.adding(months: 9)
                return ctx.children("ExpectedPersonBirthDate") { child in
                    child.expectedBirthDate.map { !range.contains($0) } ?? false
                }
            },
            CensusRule(
                "8535Q",
                "Please check and either amend data or provide a reason: Child’s date of death should not be prior "
                    + "to the date of birth"
            ) { ctx in
                ctx.children("PersonDeathDate") { child in
                    guard let died = child.deathDate, let born = child.birthDate else { return false }
                    return died < born
                }
            },
            CensusRule("8540", "Child’s disability is missing or invalid (see Disability table)") { ctx in
                ctx.children("Disability") { child in
                    guard child.birthDate != nil, child.episodes.contains(where: \.isFurtherAction) else {
                        return false
                    }
                    return child.disabilities.isEmpty
                        || !child.disabilities.allSatisfy(CensusCodes.disabilities.contains)
                }
            },
            CensusRule(
                "8545Q",
                "Please check and either amend data or provide a reason: Child's date of death should be within the "
                    + "census year"
            ) { ctx in
                guard ctx.year != nil else { return [] }
                return ctx.children("PersonDeathDate") { child in child.deathDate.map { !ctx.inYear($0) } ?? false }
            },
            CensusRule("8590", "Child does not have a recorded CIN episode.") { ctx in
                ctx.children("LAchildID") { $0.episodes.isEmpty }
            },
            CensusRule("8775Q", "Please check and either amend data or provide a reason: Child is over 25 years old") {
                ctx in
                guard let end = ctx.end else { return [] }
                return ctx.children("PersonBirthDate") { child in
                    guard let born = child.birthDate, born < end.adding(months: -300) else { return false }
                    let turned25 = born.adding(months: 300)
                    return child.episodes.contains { episode in episode.closureDate.map { $0 > turned25 } ?? true }
                }
            },
            CensusRule("8790", "Disability information includes both None and other values") { ctx in
                ctx.children("Disability") {
                    $0.disabilities.contains("NONE") && $0.disabilities.contains { $0 != "NONE" }
                }
            },
            CensusRule("8794", "Child has two or more disabilities with the same code") { ctx in
                ctx.children("Disability") { Set($0.disabilities).count < $0.disabilities.count }
            },
        ]
    }

    /// Rules about the return as a whole (local-authority level): their findings name no child.
    static var wholeReturn: [CensusRule] {
        [
            CensusRule(
                "2886Q",
                "Please check and either amend or provide a reason: Percentage of children with no sex recorded is "
                    + "more than 2% (excluding unborns)"
            ) { ctx in
                let children = ctx.census.children
                let unrecorded = children.filter { ($0.sex == nil || $0.sex == "U") && $0.expectedBirthDate == nil }
                return !children.isEmpty && unrecorded.count * 50 > children.count ? [CensusPlace(field: "Sex")] : []
            },
            CensusRule(
                "2887Q",
                "Please check and either amend or provide a reason: Less than 8 disability codes have been used in "
                    + "your return"
            ) { ctx in
                // The DfE counts the different codes other than NONE (the validator counts NONE rows instead).
                let codes = Set(ctx.census.children.flatMap(disabilitiesRecorded))
                return !ctx.census.children.isEmpty && codes.count <= 7 ? [CensusPlace(field: "Disability")] : []
            },
            CensusRule(
                "2888Q",
                "Please check and either amend or provide a reason: Only one disability code is recorded per child "
                    + "and multiple disabilities should be recorded where possible."
            ) { ctx in
                // Different codes: a code recorded twice (8794) is still one disability.
                let counts = ctx.census.children.map { disabilitiesRecorded($0).count }
                guard let most = counts.max(), most > 0 else { return [] }
                return most == 1 ? [CensusPlace(field: "Disability")] : []
            },
        ]
    }

    /// The child's different disabilities: valid codes other than NONE.
    static func disabilitiesRecorded(_ child: CensusChild) -> Set<String> {
        Set(child.disabilities).intersection(CensusCodes.disabilities).subtracting(["NONE"])
    }
}
