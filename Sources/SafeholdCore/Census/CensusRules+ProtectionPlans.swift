import Foundation

extension CensusRules {
    /// Child protection plans: dates within the episode, the year and the child's life, categories, the
    /// count of earlier plans, one open plan at a time, the conference each starts at, and every review
    /// date of every plan (the public validator reads only the first review of each plan).
    static var protectionPlans: [CensusRule] {
        [
            CensusRule("1105", "The child protection plan start date cannot be before the referral date") { ctx in
                protectionPlansFailing(ctx, "CPPstartDate") { _, episode, plan in
                    guard let started = plan.startDate, let referred = episode.referralDate else { return false }
                    return started < referred
                }
            },
            CensusRule(
                "2883", "There are more child protection plans starting than initial conferences taking place"
            ) { ctx in
                let episodes = ctx.census.children.flatMap(\.episodes)
                let starts = episodes.flatMap(\.protectionPlans).compactMap(\.startDate).filter(ctx.inYear).count
                let conferences =
                    episodes.compactMap(\.dateOfInitialCPC).filter(ctx.inYear).count
                    + episodes.flatMap(\.section47s).compactMap(\.dateOfInitialCPC).filter(ctx.inYear).count
                return starts > conferences ? [CensusPlace(field: "CPPstartDate")] : []
            },
            CensusRule(
                "2885",
                "Child protection plan shown as starting a different day to the initial child protection conference."
            ) { ctx in
                protectionPlansFailing(ctx, "CPPstartDate") { _, episode, plan in
                    guard let started = plan.startDate, ctx.inYear(started) else { return false }
                    if episode.section47s.contains(where: { $0.dateOfInitialCPC == started }) { return false }
                    // The episode's own conference counts only when no enquiry needing one is recorded.
                    let enquiries = episode.section47s.filter { !CensusFlag.isTrue($0.icpcNotRequired) }
                    return !(enquiries.isEmpty && episode.dateOfInitialCPC == started)
                }
            },
            CensusRule("8720", "Child Protection Plan Start Date missing or out of data collection period") { ctx in
                guard let end = ctx.end else { return [] }
                return protectionPlansFailing(ctx, "CPPstartDate") { _, _, plan in (plan.startDate ?? .maximum) > end }
            },
            CensusRule("8730", "Total Number of previous Child Protection Plans missing") { ctx in
                protectionPlansFailing(ctx, "NumberOfPreviousCPP") { _, _, plan in
                    (plan.numberOfPreviousCPP ?? -1) < 0
                }
            },
            CensusRule("8840", "Child Protection Plan cannot start and end on the same day") { ctx in
                protectionPlansFailing(ctx, "CPPendDate") { _, _, plan in
                    plan.startDate != nil && plan.startDate == plan.endDate
                }
            },
            CensusRule(
                "8841", "The review date cannot be on the same day or before the Child protection Plan start date."
            ) { ctx in
                ctx.episodeGroups("CPPreviewDate") { _, episode in
                    episode.protectionPlans.flatMap { plan -> [UUID?] in
                        guard let started = plan.startDate else { return [] }
                        return plan.reviewDates.compactMap { $0 }.filter { $0 <= started }.map { _ in plan.stepId }
                    }
                }
            },
            CensusRule("8842Q", "Please check and either amend or provide a reason: Review Record has a missing date") {
                ctx in
                ctx.episodeGroups("CPPreviewDate") { _, episode in
                    episode.protectionPlans.flatMap { plan in
                        plan.reviewDates.filter { $0 == nil }.map { _ in plan.stepId }
                    }
                }
            },
            CensusRule(
                "8905",
                "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)"
            ) { ctx in
                protectionPlansFailing(ctx, "InitialCategoryOfAbuse") { _, _, plan in
                    !CensusCodes.abuseCategories.contains(plan.initialCategoryOfAbuse ?? "")
                }
            },
            CensusRule(
                "8910",
                "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)"
            ) { ctx in
                protectionPlansFailing(ctx, "LatestCategoryOfAbuse") { _, _, plan in
                    !CensusCodes.abuseCategories.contains(plan.latestCategoryOfAbuse ?? "")
                }
            },
            CensusRule("8915", "Child Protection Plan shown as starting after the child’s Date of Death") { ctx in
                protectionPlansFailing(ctx, "CPPstartDate") { child, _, plan in child.diedBefore(plan.startDate) }
            },
            CensusRule("8920", "Child Protection Plan cannot end after the child’s Date of Death") { ctx in
                protectionPlansFailing(ctx, "CPPendDate") { child, _, plan in child.diedBefore(plan.endDate) }
            },
            CensusRule("8925", "Child Protection Plan End Date earlier than Start Date") { ctx in
                protectionPlansFailing(ctx, "CPPendDate") { _, _, plan in
                    guard let started = plan.startDate, let ended = plan.endDate else { return false }
                    return ended < started
                }
            },
            CensusRule("8930", "Child Protection Plan End Date must fall within the census year") { ctx in
                guard ctx.year != nil else { return [] }
                return protectionPlansFailing(ctx, "CPPendDate") { _, _, plan in
                    plan.endDate.map { !ctx.inYear($0) } ?? false
                }
            },
            CensusRule(
                "8935", "This child is showing more than one open Child Protection plan, i.e. with no End Date"
            ) { ctx in
                ctx.acrossEpisodes("CPPendDate") { child in
                    let open = child.episodes.enumerated().flatMap { e, episode in
                        episode.protectionPlans.filter { $0.endDate == nil }.map { (episode: e, step: $0.stepId) }
                    }
                    return open.count > 1 ? open : []
                }
            },
            CensusRule("8940", "Child Protection Plan data contains overlapping dates") { ctx in
                ctx.acrossEpisodes("CPPstartDate") { child in
                    let plans = child.episodes.enumerated().flatMap { e, episode in
                        episode.protectionPlans.map {
                            (episode: e, step: $0.stepId, start: $0.startDate, end: $0.endDate)
                        }
                    }
                    return plans.indices.compactMap { i in
                        guard let started = plans[i].start else { return nil }
                        let overlapping = plans.indices.contains { j in
                            guard j != i, let other = plans[j].start else { return false }
                            return CensusSpan(start: other, end: plans[j].end).holds(started, openLimit: ctx.end)
                        }
                        return overlapping ? (plans[i].episode, plans[i].step) : nil
                    }
                }
            },
        ]
    }

    /// One place for each child protection plan that `fails`, given its child and episode.
    static func protectionPlansFailing(
        _ ctx: CensusRuleContext, _ field: String, _ fails: (CensusChild, CINDetails, CensusProtectionPlan) -> Bool
    ) -> [CensusPlace] {
        ctx.episodeGroups(field) { child, episode in
            episode.protectionPlans.filter { fails(child, episode, $0) }.map(\.stepId)
        }
    }
}
