import Foundation
import SafeholdCore
import Testing

@testable import SafeholdWeb

/// Each census finding links to the place a worker fixes it: the step it names on the child's chronology,
/// the episode's primary need form, or the child's episodes.
struct CensusFixLinkTests {
    let person = UUID(), episode = UUID(), step = UUID()

    @Test func aFindingOnAStepOpensThatStepOnTheChronology() {
        let finding = CensusFinding(
            code: "8608", severity: .error, message: "m", personId: person, episodeId: episode,
            field: "AssessmentAuthorisationDate", stepId: step)
        #expect(CensusPage.fixHref(finding, person: person) == "/people/\(person)/chronology#entry-\(step)")
    }

    @Test func aMissingPrimaryNeedOpensTheEpisodesPrimaryNeedForm() {
        let finding = CensusFinding(
            code: "8610", severity: .error, message: "m", personId: person, episodeId: episode,
            field: "PrimaryNeedCode")
        #expect(CensusPage.fixHref(finding, person: person) == "/people/\(person)#need-\(episode)")
    }

    @Test func anyOtherFindingOpensTheChildsEpisodes() {
        let finding = CensusFinding(code: "8525", severity: .error, message: "m", personId: person, field: "Sex")
        #expect(CensusPage.fixHref(finding, person: person) == "/people/\(person)#episodes")
    }
}
