import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore
import SafeholdWeb

/// Makes a plausible statutory history for a child (about 50 events): a contact, the pipeline from
/// strategy discussion to a child protection plan with visits, core groups and reviews, and case notes.
struct HistoryGenerator {
    var random: SeededRandom
    let today: LocalDate
    let calendar = Ruleset.england2025.calendar

    static let words = [
        "school", "nursery", "mother", "father", "grandmother", "bruise", "hungry", "tired", "missed", "appointment",
        "police", "doctor", "visit", "bedroom", "food", "shouting", "neighbour", "homework", "attendance", "happy",
        "worried", "argument", "alcohol", "housing", "rent", "medication", "clinic", "football", "friend", "bus",
    ]
    static let people = [
        Participant(name: "Bench Worker", agency: "Benchmark Borough", agencyKind: .localAuthority),
        Participant(name: "DC Bench", agency: "Bench Police", agencyKind: .police),
        Participant(name: "Nurse Bench", agency: "Bench NHS", agencyKind: .health),
    ]

    /// Ids for the steps (time-ordered, as the store's are, so their index grows at its end).
    var ids = BulkIds(now: Date())

    init(seed: UInt64, today: LocalDate) {
        random = SeededRandom(seed: seed)
        self.today = today
    }

    mutating func number(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    /// A synthetic vocabulary of 6,000 made-up words, so that note search meets realistic selectivity
    /// (a few common words, a long tail of rare ones) rather than thirty words that match every note.
    static let vocabulary: [String] = {
        let syllables = [
            "ka", "lo", "mi", "ren", "tus", "by", "shan", "dor", "vel", "qui", "pra", "nol", "esh", "ti", "gar",
            "wen", "zo", "lim", "fa", "dru",
        ]
        var words: [String] = []
        for a in syllables {
            for b in syllables { for c in syllables where words.count < 6000 { words.append(a + b + c) } }
        }
        return words
    }()

    /// The words and the vocabulary with a capital letter, as sentences show them (capitalising each sentence
    /// with Foundation's `capitalized` cost more than the rest of the history).
    static let capitalisedWords = words.map(\.capitalized)
    static let capitalisedVocabulary = vocabulary.map(\.capitalized)

    /// A word: the common ones often, the rare ones seldom (a Zipf-like skew).
    mutating func word() -> String {
        word(from: Self.words, Self.vocabulary)
    }

    private mutating func word(from common: [String], _ rare: [String]) -> String {
        if number(0...3) == 0 { return common[number(0...(common.count - 1))] }
        let u = Double(random.next() % 1_000_000) / 1_000_000
        return rare[min(rare.count - 1, Int(Double(rare.count) * u * u * u))]
    }

    /// Two words from the middle of the vocabulary, as a worker might search for a name of a place or a detail.
    mutating func searchTerms() -> String {
        "\(Self.vocabulary[number(200...2000)])+\(Self.vocabulary[number(200...2000)])"
    }

    /// 8 to 16 words, each with a capital letter, and a full stop.
    mutating func sentence() -> String {
        var text = ""
        text.reserveCapacity(160)
        for i in 0..<number(8...16) {
            if i > 0 { text += " " }
            text += word(from: Self.capitalisedWords, Self.capitalisedVocabulary)
        }
        return text + "."
    }

    /// One child's history, ending no later than today.
    mutating func history(for child: UUID) -> ChildHistory {
        let referral = today.adding(days: -number(120...500))
        var steps: [(id: UUID, step: EpisodeStep)] = []
        var ids = self.ids
        defer { self.ids = ids }
        func add(_ step: EpisodeStep) -> UUID {
            let id = ids.next()
            steps.append((id, step))
            return id
        }
        let assessment = add(.assessmentStarted(on: referral))
        let strategy = add(
            .strategyDiscussion(
                on: referral, participants: Self.people, absentAgencyReason: nil, informationShared: sentence(),
                decision: .jointS47, safetyActions: sentence()))
        let enquiry = add(.section47Started(on: referral, strategyDiscussion: strategy))
        _ = add(
            .section47Completed(
                enquiry: enquiry, on: referral.adding(days: 7), substantiated: true, conferenceNeeded: true,
                reasonNoConference: nil))
        let icpc = calendar.adding(workingDays: 12, to: referral)
        // The child's voice comes before any conference (synthetic words).
        let wishes = [
            WishesDraft(
                gatheredOn: referral.adding(days: 5), words: sentence(),
                tool: ["three_houses", "wizard_fairy", "bubbles", "conversation"][number(0...3)])
        ]
        _ = add(
            .conference(
                initial: true, on: icpc, chair: "Bench Chair", attendees: Self.people, apologies: [],
                childViews: sentence(),
                howViewsObtained: "Seen alone", decision: .plan, category: .neglect, nextReview: icpc.adding(months: 3))
        )
        let plan = add(.planStarted(kind: .childProtection, on: icpc, category: .neglect, visitIntervalWorkingDays: 10))
        _ = add(
            .assessmentCompleted(
                assessment: assessment, on: icpc.adding(days: 10), factors: ["16A", "3B"], childSeen: true,
                developmentalNeeds: sentence(), parentingCapacity: sentence(), familyAndEnvironment: sentence(),
                outcome: sentence()))
        var day = icpc.adding(days: 14)
        var review = icpc.adding(months: 3)
        while steps.count < 16 && day <= today {
            if review <= day {
                _ = add(
                    .conference(
                        initial: false, on: review, chair: "Bench Chair", attendees: Self.people, apologies: [],
                        childViews: sentence(), howViewsObtained: "Visit", decision: .continuePlan, category: .neglect,
                        nextReview: review.adding(months: 6)))
                review = review.adding(months: 6)
            } else if steps.count % 3 == 0 {
                _ = add(.coreGroupMeeting(plan: plan, on: day, attendees: Self.people, notes: sentence()))
            } else {
                _ = add(
                    .visit(
                        on: day, visitor: "Bench Worker", childSeen: true, seenAlone: steps.count % 2 == 0,
                        location: "Home",
                        observations: sentence(), childsWords: sentence()))
            }
            day = calendar.adding(workingDays: 10, to: day)
        }
        let notes = (0..<(50 - steps.count - 1)).map { i in
            CaseNoteDraft(
                notedOn: min(today, referral.adding(days: i * 7)),
                kind: [.phoneCall, .email, .meeting, .observation][i % 4],
                significant: i % 10 == 0, body: sentence() + " " + sentence())
        }
        return ChildHistory(
            childId: child,
            contact: ContactDraft(
                receivedAt: Timestamp.date("\(referral)T09:00:00.000Z")!, source: .schools,
                referrerName: "Bench School", referrerAgency: nil, childIds: [child], concern: sentence()),
            triage: Triage(
                decision: .strategyDiscussion, reason: "Bench", urgency: .red,
                decidedAt: Timestamp.date("\(referral)T11:00:00.000Z")!, decidedBy: "Bench Door",
                referrerInformedOn: referral),
            steps: steps, notes: notes, wishes: wishes, recordedBy: "Bench Worker")
    }
}
