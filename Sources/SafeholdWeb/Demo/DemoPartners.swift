import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's partner agencies at work: concerns raised by the schools and the health visitor (one
/// decided with a message back, one waiting for a decision, one with a brother the front door must
/// identify) and questions for advice (one answered, one waiting), so that partners and the front
/// door sign in to real work.
enum DemoPartners {
    static func load(into store: Store, children: [UUID], users: [String: User]) async throws {
        guard children.count >= 4 else { return }
        func as_(_ name: String) -> AuditContext {
            AuditContext(actor: users[name]!.actor, ipAddress: nil, reason: "demo")
        }
        let door = as_("frontdoor1")

        let decided = try await store.raiseConcern(
            PartnerConcernDraft(
                childIds: [children[0]], describedChildren: [],
                seenOrHeard: "Came to school hungry three days running and asked for food from other pupils' lunches.",
                childsWords: "There's nothing in the cupboards at home.",
                actionTaken: "Breakfast club place offered; spoke with the class teacher.", parentsAware: true,
                parentsNotAwareReason: nil), context: as_("dsl.riverside"))
        if let contact = decided.contactId {
            _ = try await store.triage(
                contact,
                TriageDraft(
                    decision: .earlyHelp, reason: "Neglect indicators; family known to early help in the past.",
                    urgency: .green, referrerInformedOn: nil,
                    referrerFeedback: "Thank you. We have passed this to the early help team, who will contact the "
                        + "family this week. Please keep the breakfast club place and tell us if anything changes."),
                expectedVersion: 1, context: door)
        }
        _ = try await store.raiseConcern(
            PartnerConcernDraft(
                childIds: [children[1]], describedChildren: [],
                seenOrHeard: "Mark on the left cheek this morning; the child was withdrawn in class.",
                childsWords: "Mum's boyfriend got angry.", actionTaken: "Spoke to the child alone; recorded the mark.",
                parentsAware: false,
                parentsNotAwareReason: "Telling the parents could put the child at risk before you decide."),
            context: as_("dsl.riverside"))
        _ = try await store.raiseConcern(
            PartnerConcernDraft(
                childIds: [children[2]],
                describedChildren: [
                    DescribedChild(
                        name: "Toby (surname not known)", dateOfBirth: nil, address: "Same address as his sister",
                        school: nil, gp: "Riverside Surgery")
                ], seenOrHeard: "At the new birth visit the home was very cold and a toddler was alone upstairs.",
                childsWords: nil, actionTaken: "Advised the mother on heating support.", parentsAware: true,
                parentsNotAwareReason: nil), context: as_("hv1"))

        let asked = try await store.askForAdvice(
            AdviceRequestDraft(
                question: "A man on licence has moved in with a family; should I tell the school, and who decides?",
                childId: nil, childDescription: "Two primary-age children"), context: as_("probation1"))
        _ = try await store.giveAdvice(
            asked.id,
            advice: "Share with us first: we decide with you what the school needs to know. "
                + "Please raise a concern with the children's names so we can check our records.",
            expectedVersion: 1, context: door)
        _ = try await store.askForAdvice(
            AdviceRequestDraft(
                question: "A pupil says she is going 'on holiday to get married' in the summer. What should I do?",
                childId: children[3], childDescription: nil), context: as_("dsl.academy"))
    }
}
