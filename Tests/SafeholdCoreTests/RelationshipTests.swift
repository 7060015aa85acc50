import Foundation
import Testing

@testable import SafeholdCore

@Suite("Relationships")
struct RelationshipTests {
    @Test("A person cannot be linked to themself")
    func refusesSelfLink() {
        let person = Fixture.id(7)
        let draft = RelationshipDraft(
            otherPersonId: person, kind: .sibling, parentalResponsibility: false,
            livesTogether: true)
        #expect(throws: SafeholdError.invalid([FieldError("otherPersonId", "a person cannot be related to themself")]))
        {
            try draft.validated(for: person)
        }
    }

    @Test("A link to someone else is returned unchanged", arguments: RelationshipKind.allCases)
    func acceptsOtherPerson(kind: RelationshipKind) throws {
        let draft = RelationshipDraft(
            otherPersonId: Fixture.id(8), kind: kind, parentalResponsibility: true,
            livesTogether: false)
        #expect(try draft.validated(for: Fixture.id(7)) == draft)
    }

    @Test("Every kind has a non-empty label and inverse label", arguments: RelationshipKind.allCases)
    func labelsNonEmpty(kind: RelationshipKind) {
        #expect(!kind.label.trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(!kind.inverseLabel.trimmingCharacters(in: .whitespaces).isEmpty)
    }

    @Test("Labels are distinct, so a worker can tell kinds apart")
    func labelsDistinct() {
        let labels = RelationshipKind.allCases.map(\.label)
        #expect(Set(labels).count == labels.count)
    }

    @Test("Symmetric kinds read the same from both sides; parental kinds do not")
    func inverseLabels() {
        for kind in [
            RelationshipKind.sibling, .halfSibling, .stepSibling, .cousin, .partner, .householdMember, .friend,
        ] {
            #expect(kind.inverseLabel == kind.label)
        }
        for kind in [RelationshipKind.mother, .father, .stepParent, .adoptiveParent] {
            #expect(kind.inverseLabel == "Child")
        }
        #expect(RelationshipKind.grandparent.inverseLabel == "Grandchild")
        #expect(RelationshipKind.fosterCarer.inverseLabel == "Child cared for")
    }

    @Test("Kinds that imply parental responsibility")
    func impliedParentalResponsibility() {
        let implying = Set(RelationshipKind.allCases.filter(\.impliesParentalResponsibility))
        #expect(implying == [.mother, .adoptiveParent, .guardian])
    }

    @Test("Kinds encode as their stable raw names")
    func codable() throws {
        let data = try JSONEncoder().encode([RelationshipKind.partnerOfParent, .auntOrUncle])
        #expect(String(decoding: data, as: UTF8.self) == #"["partnerOfParent","auntOrUncle"]"#)
        #expect(try JSONDecoder().decode([RelationshipKind].self, from: data) == [.partnerOfParent, .auntOrUncle])
    }
}
