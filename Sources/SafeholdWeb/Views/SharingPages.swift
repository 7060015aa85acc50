import Foundation
import SafeholdCore
import SafeholdStore

/// The child's sharing record: disclosures, decisions not to disclose and requests.
struct SharingRecordPage: Page {
    static let template = Template.sharing
    let chrome: Chrome; let childName: String; let personHref: String
    let disclosures: [SharingViews.DisclosureRow]; let hasDisclosures: Bool
    let requests: [SharingViews.RequestRow]; let hasRequests: Bool
    let mayRecord: Bool; let newDisclosureHref: String; let newRequestHref: String
}

/// Recording a disclosure, or a decision not to disclose, from the child's page.
struct DisclosureFormPage: Page {
    static let template = Template.disclosureForm
    let chrome: Chrome; let form: FormState; let action: String; let childName: String; let backHref: String
    let agencies: [Option]; let choices: SharingViews.DisclosureChoices; let today: String
}

/// A request for information: raised by a partner for their agency, or recorded by a worker.
struct RequestFormPage: Page {
    static let template = Template.requestForm
    let chrome: Chrome; let form: FormState; let action: String; let ownAgency: Bool
    let agencies: [Option]; let channels: [Option]; let today: String
}

/// One request, its answer, and the form to answer it.
struct InformationRequestPage: Page {
    static let template = Template.informationRequest
    let chrome: Chrome; let request: SharingViews.RequestRow; let childHref: String; let isAnswered: Bool
    let answer: SharingViews.DisclosureRow?; let mayAnswer: Bool; let form: FormState; let action: String
    let version: Int; let outcomes: [Option]; let choices: SharingViews.DisclosureChoices?; let today: String
}

/// What was shared with the reader's agency, and its requests.
struct SharedWithUsPage: Page {
    static let template = Template.sharedWithUs
    let chrome: Chrome; let disclosures: [SharingViews.SharedRow]; let hasDisclosures: Bool
    let requests: [SharingViews.RequestRow]; let hasRequests: Bool; let newRequestHref: String
}

/// The data protection officer's register of sharing.
struct SharingRegisterPage: Page {
    static let template = Template.sharingRegister
    let chrome: Chrome; let form: FormState; let action: String; let agencies: [Option]; let decisions: [Option]
    let bases: [Option]; let disclosures: [SharingViews.DisclosureRow]; let hasDisclosures: Bool
    let requests: [SharingViews.RequestRow]; let hasRequests: Bool
}

/// The short panel on a child's page: the latest few disclosures and decisions.
struct SharingPanel {
    let latest: [SharingViews.DisclosureRow]; let hasLatest: Bool; let open: Int; let hasOpen: Bool
    let allHref: String; let mayRecord: Bool; let newDisclosureHref: String

    init(_ record: ChildSharingRecord, personId: UUID) {
        latest = record.disclosures.prefix(3).map(SharingViews.row)
        hasLatest = !latest.isEmpty
        open = record.requests.filter { !$0.isAnswered }.count
        hasOpen = open > 0
        allHref = SiteRoute.disclosures(personId).path
        mayRecord = record.mayRecord
        newDisclosureHref = SiteRoute.newDisclosure(personId).path
    }
}
