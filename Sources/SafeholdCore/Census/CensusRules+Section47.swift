import Foundation

extension CensusRules {
    /// Section 47 enquiries and initial conferences: their dates within the episode and the year, no
    /// conference at a weekend, one enquiry open at a time.
    static var section47: [CensusRule] {
        [
            CensusRule(
                "1104", "The date of the initial child protection conference cannot be before the referral date"
            ) { ctx in
                // Both places a conference is recorded: each enquiry's, and the episode's own.
                ctx.episodeGroups("DateOfInitialCPC") { _, episode in
                    guard let referred = episode.referralDate else { return [] }
                    return conferences(of: episode).filter { $0.date < referred }.map(\.step)
                }
            },
            CensusRule(
                "2884",
                "An initial child protection conference is recorded at both the S47 and CIN Details level and it "
                    + "should only be recorded in one"
            ) { ctx in
                ctx.episodes("DateOfInitialCPC") { _, episode in
                    guard let held = episode.dateOfInitialCPC else { return false }
                    return episode.section47s.contains { $0.dateOfInitialCPC == held }
                }
            },
            CensusRule("2889", "The S47 start date cannot be before the referral date.") { ctx in
                enquiriesFailing(ctx, "S47ActualStartDate") { episode, enquiry in
                    guard let started = enquiry.actualStartDate, let referred = episode.referralDate else {
                        return false
                    }
                    return started < referred
                }
            },
            CensusRule(
                "8615",
                "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child "
                    + "Protection Conference"
            ) { ctx in
                enquiriesFailing(ctx, "S47ActualStartDate") { _, enquiry in
                    guard let held = enquiry.dateOfInitialCPC else { return false }
                    return (enquiry.actualStartDate ?? .maximum) > held
                }
            },
            CensusRule(
                "8675Q",
                "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days "
                    + "before the end of the census year. However, there is no date of Initial Child Protection "
                    + "Conference."
            ) { ctx in
                guard let end = ctx.end else { return [] }
                let earliest = ctx.calendar.inclusiveStart(workingDays: 15, endingOn: end)
                return enquiriesFailing(ctx, "S47ActualStartDate") { _, enquiry in
                    enquiry.dateOfInitialCPC == nil && CensusFlag.isFalse(enquiry.icpcNotRequired)
                        && (enquiry.actualStartDate.map { $0 < earliest } ?? false)
                }
            },
            CensusRule("8715", "Date of Initial Child Protection Conference must fall within the census year") { ctx in
                guard ctx.year != nil else { return [] }
                return enquiriesFailing(ctx, "DateOfInitialCPC") { _, enquiry in
                    enquiry.dateOfInitialCPC.map { !ctx.inYear($0) } ?? false
                }
            },
            CensusRule(
                "8740",
                "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the "
                    + "census year, the start date must fall within the census year"
            ) { ctx in
                // "false" as well as "0" (the validator reads only "0", so never fires on a file that says false).
                guard ctx.year != nil else { return [] }
                return enquiriesFailing(ctx, "S47ActualStartDate") { _, enquiry in
                    enquiry.dateOfInitialCPC == nil && CensusFlag.isFalse(enquiry.icpcNotRequired)
                        && !(enquiry.actualStartDate.map(ctx.inYear) ?? false)
                }
            },
            CensusRule("8839", "Within one CINDetails group there are 2 or more open S47 Assessments") { ctx in
                ctx.episodeGroups("DateOfInitialCPC") { _, episode in
                    let open = episode.section47s.filter(isOpen)
                    return open.count > 1 ? open.map(\.stepId) : []
                }
            },
            CensusRule(
                "8870Q",
                "Please check and either amend or provide a reason: The Target Date for Initial Child Protection "
                    + "Conference should not be a weekend"
            ) { ctx in
                enquiriesFailing(ctx, "InitialCPCtarget") { _, enquiry in
                    enquiry.initialCPCtarget.map(isWeekend) ?? false
                }
            },
            CensusRule("8875", "The Date of Initial Child Protection Conference cannot be a weekend") { ctx in
                ctx.episodeGroups("DateOfInitialCPC") { _, episode in
                    conferences(of: episode).filter { isWeekend($0.date) }.map(\.step)
                }
            },
            CensusRule(
                "8890", "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing"
            ) { ctx in
                ctx.episodeGroups("S47ActualStartDate") { _, episode in
                    let enquiries = episode.section47s
                    return enquiries.indices.filter { i in
                        guard let started = enquiries[i].actualStartDate else { return false }
                        return enquiries.indices.contains { j in
                            guard j != i, let other = enquiries[j].actualStartDate, started >= other else {
                                return false
                            }
                            if let held = enquiries[j].dateOfInitialCPC { return started <= held }
                            return isOpen(enquiries[j]) && (ctx.end.map { started <= $0 } ?? true)
                        }
                    }.map { enquiries[$0].stepId }
                }
            },
        ]
    }

    /// An enquiry with no conference that still needs one (not flagged "ICPC not required").
    static func isOpen(_ enquiry: CensusSection47) -> Bool {
        enquiry.dateOfInitialCPC == nil && !CensusFlag.isTrue(enquiry.icpcNotRequired)
    }

    static func isWeekend(_ date: LocalDate) -> Bool { date.isoWeekday >= 6 }

    /// Every initial conference an episode records: each enquiry's (with its step) and the episode's own.
    static func conferences(of episode: CINDetails) -> [(date: LocalDate, step: UUID?)] {
        var held: [(date: LocalDate, step: UUID?)] = episode.section47s.compactMap { enquiry in
            enquiry.dateOfInitialCPC.map { (date: $0, step: enquiry.stepId) }
        }
        if let own = episode.dateOfInitialCPC { held.append((date: own, step: nil)) }
        return held
    }

    /// One place for each enquiry that `fails`, given its episode.
    static func enquiriesFailing(
        _ ctx: CensusRuleContext, _ field: String, _ fails: (CINDetails, CensusSection47) -> Bool
    ) -> [CensusPlace] {
        ctx.episodeGroups(field) { _, episode in episode.section47s.filter { fails(episode, $0) }.map(\.stepId) }
    }
}
