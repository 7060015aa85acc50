import Foundation

extension CensusRules {
    /// What an episode may hold given how it ended (closed, closed after assessment, no further action),
    /// and how a child's episodes sit beside each other (one open, the latest, none overlapping).
    static var episodeActivity: [CensusRule] {
        [
            CensusRule(
                "2990",
                "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or "
                    + "'case closed after assessment, referred to early help'."
            ) { ctx in
                ctx.episodes("ReasonForClosure") { _, episode in
                    episode.closedAfterAssessment
                        && (!episode.section47s.isEmpty || !episode.protectionPlans.isEmpty
                            || episode.dateOfInitialCPC != nil || !episode.cinPlans.isEmpty)
                }
            },
            CensusRule(
                "2991Q",
                "Please check and either amend data or provide a reason: A Section 47 module is recorded and there is "
                    + "no assessment on the episode"
            ) { ctx in
                ctx.episodes("Assessments") { _, episode in !episode.section47s.isEmpty && episode.assessments.isEmpty }
            },
            CensusRule("4000", "CIN Plan details provided for a referral with no further action") { ctx in
                ctx.episodes("ReferralNFA") { _, episode in episode.isNFA && !episode.cinPlans.isEmpty }
            },
            CensusRule("8565", "Activity shown after a case has been closed") { ctx in
                ctx.episodes("CINclosureDate") { _, episode in
                    guard let closed = episode.closureDate else { return false }
                    return activityDates(of: episode).contains { $0 > closed }
                }
            },
            CensusRule(
                "8815",
                "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for "
                    + "this child and case is not a referral with no further action."
            ) { ctx in
                ctx.acrossEpisodes("CINclosureDate") { child in
                    let open = child.episodes.indices.filter { child.episodes[$0].isOpenFurtherAction }
                    return open.count > 1 ? open.map { ($0, nil) } : []
                }
            },
            CensusRule(
                "8816",
                "An open CIN episode is shown and case is not a referral with no further action, but it is not the "
                    + "latest episode."
            ) { ctx in
                ctx.acrossEpisodes("CINreferralDate") { child in
                    guard let latest = child.episodes.compactMap(\.referralDate).max() else { return [] }
                    return child.episodes.indices.filter { e in
                        let episode = child.episodes[e]
                        return episode.isOpenFurtherAction && (episode.referralDate.map { $0 < latest } ?? false)
                    }.map { ($0, nil) }
                }
            },
            CensusRule("8820", "The dates on the CIN episodes for this child overlap") { ctx in
                ctx.acrossEpisodes("CINreferralDate") { child in
                    let episodes = child.episodes
                    return episodes.indices.filter { e in
                        guard let referred = episodes[e].referralDate else { return false }
                        return episodes.indices.contains { other in
                            other != e && overlaps(referred, episodes[other], end: ctx.end)
                        }
                    }.map { ($0, nil) }
                }
            },
            CensusRule(
                "8825Q",
                "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed "
                    + "after assessment) or RC9 (case closed after assessment, referred to early help) has been "
                    + "returned but there is no assessment present for the episode."
            ) { ctx in
                ctx.episodes("ReasonForClosure") { _, episode in
                    episode.closedAfterAssessment && episode.assessments.isEmpty
                }
            },
            CensusRule("8831", "Activity is recorded against a case marked as a referral with no further action") {
                ctx in
                ctx.episodes("ReferralNFA") { _, episode in
                    episode.isNFA
                        && (episode.dateOfInitialCPC != nil
                            || episode.assessments.contains { $0.actualStartDate != nil || $0.authorisationDate != nil }
                            || episode.section47s.contains { $0.actualStartDate != nil || $0.dateOfInitialCPC != nil })
                }
            },
            CensusRule("8832", "Child Protection details provided for a referral with no further action.") { ctx in
                ctx.episodes("ReferralNFA") { _, episode in episode.isNFA && !episode.protectionPlans.isEmpty }
            },
            CensusRule("8867", "CIN episode is shown as closed, however Assessment is not shown as completed") { ctx in
                ctx.episodeGroups("AssessmentAuthorisationDate") { _, episode in
                    guard episode.closureDate != nil else { return [] }
                    return episode.assessments.filter { $0.authorisationDate == nil }.map(\.stepId)
                }
            },
            CensusRule(
                "8868",
                "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or "
                    + "ICPC not required flag"
            ) { ctx in
                // Exactly one of the two, as the validator reads it: a conference held and "not required" contradict.
                ctx.episodeGroups("ICPCnotRequired") { _, episode in
                    guard episode.closureDate != nil else { return [] }
                    return episode.section47s.filter {
                        ($0.dateOfInitialCPC != nil) == CensusFlag.isTrue($0.icpcNotRequired)
                    }
                    .map(\.stepId)
                }
            },
        ]
    }

    /// The dates a closure date must not precede (8565).
    static func activityDates(of episode: CINDetails) -> [LocalDate] {
        var dates: [LocalDate?] = [episode.dateOfInitialCPC]
        dates += episode.assessments.flatMap { [$0.actualStartDate, $0.authorisationDate] }
        dates += episode.section47s.flatMap { [$0.actualStartDate, $0.dateOfInitialCPC] }
        dates += episode.protectionPlans.map(\.endDate)
        dates += episode.cinPlans.flatMap { [$0.startDate, $0.endDate] }
        return dates.compactMap { $0 }
    }

    /// Whether a referral on `referred` falls within `other`: on or after its referral and before its
    /// closure, or (open and not a referral with no further action) on or before the reference date.
    /// One episode may end on the day the next begins.
    static func overlaps(_ referred: LocalDate, _ other: CINDetails, end: LocalDate?) -> Bool {
        guard let start = other.referralDate, referred >= start else { return false }
        if let closed = other.closureDate { return referred < closed }
        return other.isFurtherAction && (end.map { referred <= $0 } ?? true)
    }
}
