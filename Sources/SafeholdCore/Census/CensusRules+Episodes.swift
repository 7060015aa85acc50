import Foundation

extension CensusRules {
    /// Episodes (CINdetails) and what they hold: assessments, CIN plans, section 47 enquiries,
    /// child protection plans and their reviews.
    static var episodes: [CensusRule] {
        episodeFields + episodeActivity + assessments + cinPlans + section47 + protectionPlans
    }

    /// Each episode's own fields: referral date, source and primary need, the no-further-action flag,
    /// and the closure date and reason.
    static var episodeFields: [CensusRule] {
        [
            CensusRule(
                "8555Q", "Child cannot be referred after its recorded date of death"
            ) { ctx in
                ctx.episodes("CINreferralDate") { child, episode in child.diedBefore(episode.referralDate) }
            },
            CensusRule("8568", "RNFA flag is missing or invalid") { ctx in
                ctx.episodes("ReferralNFA") { !CensusFlag.isValid($1.referralNFA) }
            },
            CensusRule(
                "8569Q",
                "A case with referral date before one working day prior to the collection start date must not be "
                    + "flagged as a no further action case"
            ) { ctx in
                // One working day before 1 April is the working day before it (the validator rolls forward
                // to 1 April, or past it when 1 April is not a working day).
                guard let start = ctx.start else { return [] }
                let earliest = ctx.calendar.adding(workingDays: -1, to: start)
                return ctx.episodes("ReferralNFA") { _, episode in
                    episode.isNFA && (episode.referralDate.map { $0 < earliest } ?? false)
                }
            },
            CensusRule(
                "8585Q",
                "Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, "
                    + "however child has no recorded Date of Death"
            ) { ctx in
                ctx.episodes("ReasonForClosure") { child, episode in
                    episode.reasonForClosure == "RC2" && child.deathDate == nil
                }
            },
            CensusRule("8600", "Child referral date missing or after data collection period") { ctx in
                guard let end = ctx.end else { return [] }
                return ctx.episodes("CINreferralDate") { _, episode in (episode.referralDate ?? .maximum) > end }
            },
            CensusRule("8606", "Child referral date is more than 40 weeks before DOB or expected DOB") { ctx in
                ctx.episodes("CINreferralDate") { child, episode in
                    guard let referred = episode.referralDate else { return false }
                    return [child.birthDate, child.expectedBirthDate].contains { born in
                        born.map { referred < $0.adding(days: -280) } ?? false
                    }
                }
            },
            CensusRule("8610", "Primary Need code is missing for a referral which led to further action.") { ctx in
                ctx.episodes("PrimaryNeedCode") { _, episode in
                    episode.isFurtherAction && nonEmpty(episode.primaryNeedCode) == nil
                }
            },
            CensusRule("8620", "CIN Closure Date present and does not fall within the Census year") { ctx in
                guard ctx.year != nil else { return [] }
                return ctx.episodes("CINclosureDate") { _, episode in
                    episode.closureDate.map { !ctx.inYear($0) } ?? false
                }
            },
            CensusRule("8630", "CIN Closure Date is before CIN Referral Date for the same CIN episode") { ctx in
                ctx.episodes("CINclosureDate") { _, episode in
                    guard let closed = episode.closureDate, let referred = episode.referralDate else { return false }
                    return closed < referred
                }
            },
            CensusRule(
                "8640",
                "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)"
            ) { ctx in
                ctx.episodes("ReasonForClosure") { _, episode in
                    nonEmpty(episode.reasonForClosure).map { !CensusCodes.closureReasons.contains($0) } ?? false
                }
            },
            CensusRule("8650", "Primary Need Code invalid (see Primary Need table in CIN census code set)") { ctx in
                ctx.episodes("PrimaryNeedCode") { _, episode in
                    nonEmpty(episode.primaryNeedCode).map { !CensusCodes.primaryNeeds.contains($0) } ?? false
                }
            },
            CensusRule("8805", "A CIN case cannot have a CIN closure date without a Reason for Closure") { ctx in
                ctx.episodes("ReasonForClosure") { _, episode in
                    episode.closureDate != nil && nonEmpty(episode.reasonForClosure) == nil
                }
            },
            CensusRule("8810", "A CIN case cannot have a Reason for Closure without a CIN Closure Date") { ctx in
                ctx.episodes("CINclosureDate") { _, episode in
                    nonEmpty(episode.reasonForClosure) != nil && episode.closureDate == nil
                }
            },
            CensusRule("8866", "Source of Referral is missing or an invalid code") { ctx in
                let sourcesRequiredFrom = LocalDate(year: 2013, month: 4, day: 1)!
                return ctx.episodes("ReferralSource") { _, episode in
                    guard let referred = episode.referralDate, referred >= sourcesRequiredFrom else { return false }
                    return !CensusCodes.referralSources.contains(episode.referralSource ?? "")
                }
            },
        ]
    }
}
