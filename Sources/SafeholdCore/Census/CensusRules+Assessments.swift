import Foundation

extension CensusRules {
    /// Child and family assessments: their dates within the episode and the year, one open at a time,
    /// and the factors identified (every factor of every assessment is read).
    static var assessments: [CensusRule] {
        [
            CensusRule("1103", "The assessment start date cannot be before the referral date") { ctx in
                assessmentsFailing(ctx, "AssessmentActualStartDate") { episode, assessment in
                    guard let started = assessment.actualStartDate, let referred = episode.referralDate else {
                        return false
                    }
                    return started < referred
                }
            },
            CensusRule("8608", "Assessment Start Date cannot be later than its End Date") { ctx in
                assessmentsFailing(ctx, "AssessmentAuthorisationDate") { _, assessment in
                    guard let started = assessment.actualStartDate, let done = assessment.authorisationDate else {
                        return false
                    }
                    return started > done
                }
            },
            CensusRule(
                "8614", "Parental or child factors at assessment should only be present for a completed assessment."
            ) { ctx in
                assessmentsFailing(ctx, "AssessmentFactors") { $1.authorisationDate == nil && !$1.factors.isEmpty }
            },
            CensusRule(
                "8670Q",
                "Please check and either amend data or provide a reason: Assessment started more than 45 working days "
                    + "before the end of the census year. However, there is no Assessment end date."
            ) { ctx in
                guard let end = ctx.end else { return [] }
                let earliest = ctx.calendar.inclusiveStart(workingDays: 45, endingOn: end)
                return assessmentsFailing(ctx, "AssessmentActualStartDate") { _, assessment in
                    assessment.authorisationDate == nil && (assessment.actualStartDate.map { $0 < earliest } ?? false)
                }
            },
            CensusRule("8696", "Assessment end date must fall within the census year") { ctx in
                guard ctx.year != nil else { return [] }
                return assessmentsFailing(ctx, "AssessmentAuthorisationDate") { _, assessment in
                    assessment.authorisationDate.map { !ctx.inYear($0) } ?? false
                }
            },
            CensusRule(
                "8736",
                "For an Assessment that has not been completed, the start date must fall within the census year"
            ) { ctx in
                guard ctx.year != nil else { return [] }
                return assessmentsFailing(ctx, "AssessmentActualStartDate") { _, assessment in
                    assessment.authorisationDate == nil && !(assessment.actualStartDate.map(ctx.inYear) ?? false)
                }
            },
            CensusRule("8863Q", "An Assessment is shown as starting when there is another Assessment ongoing.") { ctx in
                ctx.episodeGroups("AssessmentActualStartDate") { _, episode in
                    let spans = episode.assessments.map { a in
                        a.actualStartDate.map { CensusSpan(start: $0, end: a.authorisationDate) }
                    }
                    return spans.indices.filter { i in
                        guard let started = spans[i]?.start else { return false }
                        return spans.indices.contains { j in
                            j != i && (spans[j]?.holds(started, openLimit: ctx.end) ?? false)
                        }
                    }.map { episode.assessments[$0].stepId }
                }
            },
            CensusRule(
                "8869",
                "The assessment factors code “21” cannot be used in conjunction with any other assessment factors."
            ) { ctx in
                assessmentsFailing(ctx, "AssessmentFactors") { _, assessment in
                    assessment.factors.contains("21") && assessment.factors.contains { $0 != "21" }
                }
            },
            CensusRule(
                "8873Q",
                "Please check and either amend data or provide a reason: When there is only one assessment on the "
                    + "episode and the factors code “21 No factors identified” has been used for the completed "
                    + "assessment, the reason for closure ‘RC8’ or 'RC9' should be used."
            ) { ctx in
                ctx.episodes("ReasonForClosure") { _, episode in
                    episode.assessments.count == 1 && episode.assessments[0].factors.contains("21")
                        && !episode.closedAfterAssessment
                }
            },
            CensusRule("8896", "Within one CINDetails group there are 2 or more open Assessments groups") { ctx in
                ctx.episodeGroups("AssessmentAuthorisationDate") { _, episode in
                    let open = episode.assessments.filter { $0.authorisationDate == nil }
                    return open.count > 1 ? open.map(\.stepId) : []
                }
            },
            CensusRule(
                "8897Q",
                "Parental or child factors at assessment information is missing from a completed assessment"
            ) { ctx in
                guard let start = ctx.start else { return [] }
                return assessmentsFailing(ctx, "AssessmentFactors") { _, assessment in
                    guard let done = assessment.authorisationDate, done >= start else { return false }
                    return assessment.factors.isEmpty
                        || !assessment.factors.allSatisfy(CensusCodes.assessmentFactors.contains)
                }
            },
            CensusRule("8898", "The assessment has more than one parental or child factors with the same code") { ctx in
                assessmentsFailing(ctx, "AssessmentFactors") { Set($1.factors).count < $1.factors.count }
            },
            CensusRule(
                "8945Q",
                "Please check and either amend data or provide a reason: the assessment factors code '18A' should not "
                    + "be used ('18B' or '18C' should be used instead)"
            ) { ctx in
                assessmentsFailing(ctx, "AssessmentFactors") { $1.factors.contains("18A") }
            },
            CensusRule(
                "8950Q",
                "Please check and either amend data or provide a reason: the assessment factors code '19A' should not "
                    + "be used ('19B' or '19C' should be used instead)"
            ) { ctx in
                assessmentsFailing(ctx, "AssessmentFactors") { $1.factors.contains("19A") }
            },
        ]
    }

    /// One place for each assessment that `fails`, given its episode.
    static func assessmentsFailing(
        _ ctx: CensusRuleContext, _ field: String, _ fails: (CINDetails, CensusAssessment) -> Bool
    ) -> [CensusPlace] {
        ctx.episodeGroups(field) { _, episode in episode.assessments.filter { fails(episode, $0) }.map(\.stepId) }
    }
}
