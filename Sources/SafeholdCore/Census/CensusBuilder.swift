import Foundation

/// Builds the return for a year from the record: only the episodes the specification includes (open at
/// any point in the year: referred on or before its end and not closed before its start), the referrals
/// that led to no further action in the year, and of each episode only what had happened by the year's end.
/// Pure: the store reads `CensusRecord`, this derives the return, the rules check it.
public enum CensusBuilder {
    public static func build(
        _ record: CensusRecord, year: CensusYear, header: CensusHeader, ruleset: Ruleset
    ) -> CensusReturn {
        var episodes: [UUID: [CINDetails]] = [:]
        for episode in record.episodes where includes(episode, in: year) {
            let previous = record.protectionPlanStarts[episode.personId] ?? []
            episodes[episode.personId, default: []].append(
                details(of: episode, year: year, previousPlanStarts: previous, ruleset: ruleset))
        }
        for referral in record.referrals where year.contains(referral.receivedOn) {
            episodes[referral.personId, default: []].append(
                CINDetails(
                    episodeId: referral.contactId, referralDate: referral.receivedOn, referralSource: referral.source,
                    primaryNeedCode: nil, referralNFA: "true"))
        }
        let children = record.children.sorted { $0.localId < $1.localId }.compactMap { child -> CensusChild? in
            guard let details = episodes[child.personId], !details.isEmpty else { return nil }
            let ordered = details.sorted { ($0.referralDate ?? year.start) < ($1.referralDate ?? year.start) }
            return censusChild(child, episodes: ordered, year: year)
        }
        return CensusReturn(header: header, children: children)
    }

    /// Open at any point in the year: referred by its end, and not closed before its start.
    public static func includes(_ episode: CensusRecord.Episode, in year: CensusYear) -> Bool {
        episode.referralDate <= year.end && (episode.closedOn.map { $0 >= year.start } ?? true)
    }

    /// The initial conference's target: 15 working days (the ruleset's timescale) from the strategy
    /// discussion, counting both ends as the DfE does (a discussion on a working day is day 1).
    public static func initialConferenceTarget(strategyOn: LocalDate, ruleset: Ruleset) -> LocalDate {
        guard case .workingDays(let days) = ruleset.initialConference else {
            return ruleset.due(ruleset.initialConference, from: strategyOn)
        }
        let calendar = ruleset.calendar
        return calendar.adding(workingDays: calendar.isWorkingDay(strategyOn) ? days - 1 : days, to: strategyOn)
    }

    /// One episode as `CINdetails`: its steps folded up to the year's end.
    static func details(
        of episode: CensusRecord.Episode, year: CensusYear, previousPlanStarts: [LocalDate], ruleset: Ruleset
    ) -> CINDetails {
        let fold = CensusEpisodeFold(episode.steps, until: year.end)
        let closed = episode.closedOn.flatMap { $0 <= year.end ? $0 : nil }
        let section47s = fold.section47s(in: year, ruleset: ruleset)
        let shownAtSection47 = Set(section47s.compactMap(\.dateOfInitialCPC))
        let unmatchedInitial = fold.initialConferences.filter { year.contains($0) && !shownAtSection47.contains($0) }
        return CINDetails(
            episodeId: episode.id, referralDate: episode.referralDate, referralSource: episode.referralSource,
            primaryNeedCode: episode.primaryNeed, closureDate: closed,
            reasonForClosure: closed == nil ? nil : episode.closureReason,
            dateOfInitialCPC: unmatchedInitial.first, referralNFA: "false",
            assessments: fold.assessments(in: year), cinPlans: fold.childInNeedPlans(in: year),
            section47s: section47s,
            protectionPlans: fold.protectionPlans(in: year, previousPlanStarts: previousPlanStarts))
    }

    static func censusChild(_ child: CensusRecord.Child, episodes: [CINDetails], year: CensusYear) -> CensusChild {
        let facts = child.facts
        let unborn = facts.kind == .unborn
        let upn = facts.upn.flatMap { $0.isEmpty ? nil : $0 }
        return CensusChild(
            personId: child.personId, laChildID: laChildID(child.localId), upn: upn,
            upnUnknown: upn == nil ? upnUnknown(facts, episodes: episodes, year: year) : nil,
            birthDate: unborn ? nil : facts.dateOfBirth,
            expectedBirthDate: unborn ? facts.expectedDateOfBirth : nil,
            sex: facts.sex?.rawValue, deathDate: facts.dateOfDeath, ethnicity: facts.ethnicity,
            disabilities: facts.disabilities ?? [], episodes: episodes)
    }

    /// The child's LAchildID: their Safehold local id with its punctuation taken out (`SH-000123` is
    /// `SH000123`), since the DfE allows letters and digits only.
    public static func laChildID(_ localId: String) -> String {
        String(localId.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
    }

    /// Why there is no UPN, when the record says it: UN7 when every episode is a referral with no further
    /// action, UN1 for a child not yet of school age (under 5 at the reference date, or unborn); otherwise none,
    /// so that the rules ask for the UPN rather than the file inventing a reason.
    static func upnUnknown(_ facts: CensusPersonFacts, episodes: [CINDetails], year: CensusYear) -> String? {
        if episodes.allSatisfy({ $0.referralNFA == "true" }) { return "UN7" }
        if facts.kind == .unborn { return "UN1" }
        if let born = facts.dateOfBirth, born.years(until: year.referenceDate) < 5 { return "UN1" }
        return nil
    }
}
