import Foundation

extension CensusRules {
    /// Child in need plans: their dates within the episode and the year, one open at a time, none
    /// overlapping another CIN plan or a child protection plan (every review date of every plan is read).
    static var cinPlans: [CensusRule] {
        [
            CensusRule("4001", "A CIN Plan cannot run concurrently with a Child Protection Plan") { ctx in
                ctx.episodes("CINPlanEndDate") { _, episode in
                    episode.protectionPlans.contains { $0.endDate == nil }
                        && episode.cinPlans.contains { $0.startDate != nil && $0.endDate == nil }
                }
            },
            CensusRule("4003", "A CPP review date is shown as being held at the same time as an open CIN Plan.") {
                ctx in
                ctx.episodeGroups("CPPreviewDate") { _, episode in
                    let spans = episode.cinPlans.compactMap { p in
                        p.startDate.map { CensusSpan(start: $0, end: p.endDate) }
                    }
                    return episode.protectionPlans.flatMap { plan in
                        plan.reviewDates.compactMap { $0 }.filter { review in
                            // A review that ends the plan may be the day a CIN plan starts.
                            review != plan.endDate
                                && spans.contains { review >= $0.start && ($0.end.map { review < $0 } ?? true) }
                        }.map { _ in plan.stepId }
                    }
                }
            },
            CensusRule("4004", "This child is showing more than one open CIN Plan, i.e. with no End Date") { ctx in
                ctx.episodeGroups("CINPlanEndDate") { _, episode in
                    let open = episode.cinPlans.filter { $0.endDate == nil }
                    return open.count > 1 ? open.map(\.stepId) : []
                }
            },
            CensusRule("4008", "CIN Plan shown as starting after the child’s Date of Death.") { ctx in
                cinPlansFailing(ctx, "CINPlanStartDate") { child, _, plan in child.diedBefore(plan.startDate) }
            },
            CensusRule("4009Q", "CIN Plan cannot end after the child’s Date of Death") { ctx in
                cinPlansFailing(ctx, "CINPlanEndDate") { child, _, plan in child.diedBefore(plan.endDate) }
            },
            CensusRule("4010", "CIN Plan start date is missing or out of data collection period") { ctx in
                guard let end = ctx.end else { return [] }
                return cinPlansFailing(ctx, "CINPlanStartDate") { _, _, plan in (plan.startDate ?? .maximum) > end }
            },
            CensusRule("4011", "CIN Plan End Date earlier than Start Date") { ctx in
                cinPlansFailing(ctx, "CINPlanEndDate") { _, _, plan in
                    guard let started = plan.startDate, let ended = plan.endDate else { return false }
                    return ended < started
                }
            },
            CensusRule(
                "4012Q",
                "Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the "
                    + "same day"
            ) { ctx in
                cinPlansFailing(ctx, "CINPlanEndDate") { _, _, plan in
                    plan.startDate != nil && plan.startDate == plan.endDate
                }
            },
            CensusRule("4013", "CIN Plan end date must fall within the census year") { ctx in
                guard ctx.year != nil else { return [] }
                return cinPlansFailing(ctx, "CINPlanEndDate") { _, _, plan in
                    plan.endDate.map { !ctx.inYear($0) } ?? false
                }
            },
            CensusRule("4014", "CIN Plan data contains overlapping dates") { ctx in
                ctx.acrossEpisodes("CINPlanStartDate") { child in
                    let plans = child.episodes.enumerated().flatMap { e, episode in
                        episode.cinPlans.map { (episode: e, step: $0.stepId, start: $0.startDate, end: $0.endDate) }
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
            CensusRule("4015", "The CIN Plan start date cannot be before the referral date") { ctx in
                cinPlansFailing(ctx, "CINPlanStartDate") { _, episode, plan in
                    guard let started = plan.startDate, let referred = episode.referralDate else { return false }
                    return started < referred
                }
            },
            CensusRule("4016", "A CIN Plan has been reported as open at the same time as a Child Protection Plan.") {
                ctx in
                cinPlansFailing(ctx, "CINPlanStartDate") { child, _, plan in
                    guard let started = plan.startDate else { return false }
                    return child.episodes.flatMap(\.protectionPlans).contains { protection in
                        opensWithin(started, protection.startDate, protection.endDate, end: ctx.end)
                    }
                }
            },
            CensusRule("4017", "A CIN Plan has been reported as open at the same time as a Child Protection Plan.") {
                ctx in
                protectionPlansFailing(ctx, "CPPstartDate") { child, _, protection in
                    guard let started = protection.startDate else { return false }
                    return child.episodes.flatMap(\.cinPlans).contains { plan in
                        opensWithin(started, plan.startDate, plan.endDate, end: ctx.end)
                    }
                }
            },
        ]
    }

    /// Whether a plan starting on `date` opens while another plan (`start` to `ended`, or to the reference
    /// date when open) runs; starting on the day the other ends is a hand-over, not an overlap.
    static func opensWithin(_ date: LocalDate, _ start: LocalDate?, _ ended: LocalDate?, end: LocalDate?) -> Bool {
        guard let start, date >= start else { return false }
        if let ended { return date < ended }
        return end.map { date <= $0 } ?? true
    }

    /// One place for each CIN plan that `fails`, given its child and episode.
    static func cinPlansFailing(
        _ ctx: CensusRuleContext, _ field: String, _ fails: (CensusChild, CINDetails, CINPlanDates) -> Bool
    ) -> [CensusPlace] {
        ctx.episodeGroups(field) { child, episode in
            episode.cinPlans.filter { fails(child, episode, $0) }.map(\.stepId)
        }
    }
}
