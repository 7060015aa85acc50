import Foundation
import SafeholdCore

/// One partner concern as a page: for its raiser, what they wrote and what the front door chose to
/// tell them; for the front door, also the form naming each described child's record.
struct ConcernPage: Page {
    static let template = Template.concern
    struct Child { let name: String; let identified: Bool; let details: String }
    struct Unidentified { let n: Int; let name: String; let details: String; let value: String }

    let chrome: Chrome
    let raised: String; let by: String; let status: String; let decided: Bool; let decidedOn: String
    let hasFeedback: Bool; let feedback: String; let feedbackOn: String
    let children: [Child]; let seenOrHeard: String; let childsWords: String?; let actionTaken: String?
    let parents: String
    let contactHref: String?
    let identifies: Bool; let unidentified: [Unidentified]; let action: String; let version: Int
    let form: FormState

    init(_ c: PartnerConcern, chrome: Chrome, ruleset: Ruleset, identifies: Bool, form: FormState) {
        self.chrome = chrome
        raised = ruleset.display(c.raisedAt)
        by = "\(c.raisedByName), \(c.agencyName)"
        status = c.status.label
        decided = c.status == .decided
        decidedOn = c.decidedAt.map { ruleset.display($0) } ?? ""
        hasFeedback = c.feedback != nil
        feedback = c.feedback ?? ""
        feedbackOn = c.feedbackOn?.display ?? ""
        children = c.children.map {
            Child(name: $0.name, identified: $0.personId != nil, details: Self.details($0.described))
        }
        seenOrHeard = c.seenOrHeard
        childsWords = c.childsWords
        actionTaken = c.actionTaken
        parents =
            c.parentsAware ? "Yes, the parents know" : "No, because: \(c.parentsNotAwareReason ?? "")"
        // The contact is the front door's record; the raiser never opens it.
        contactHref = identifies || chrome.raisesPartnerRequests ? nil : c.contactId.map { SiteRoute.contact($0).path }
        self.identifies = identifies
        unidentified = c.children.filter { $0.personId == nil }.enumerated().map { index, child in
            Unidentified(
                n: index + 1, name: child.name, details: Self.details(child.described),
                value: form.values["child.\(index + 1)"] ?? "")
        }
        action = SiteRoute.identifyChildren(c.id).path
        version = c.version
        self.form = form
    }

    static func details(_ child: DescribedChild?) -> String {
        guard let child else { return "" }
        return [
            child.dateOfBirth.map { "born \($0.display)" }, child.address, child.school.map { "school: \($0)" },
            child.gp.map { "GP: \($0)" },
        ].compactMap { $0 }.joined(separator: "; ")
    }
}
