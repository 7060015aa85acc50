import Foundation
import SafeholdCore
import SafeholdStore

/// One document as a list and its own page show it.
struct DocumentLine {
    let title: String
    let kind: String
    let type: String
    let size: String
    let fileName: String
    let uploaded: String
    let by: String
    let thirdParty: Bool
    let notForFamily: Bool
    let description: String?
    let href: String
    let downloadHref: String
    let isImage: Bool
    let imageHref: String
    let sha256: String
    let on: String

    init(_ d: Document, ruleset: Ruleset) {
        title = d.title
        kind = d.kind.label
        type = d.type.label
        size = DocumentDraft.megabytes(d.size)
        fileName = d.fileName
        uploaded = ruleset.display(d.uploadedAt)
        by = d.uploadedBy
        thirdParty = d.thirdParty
        notForFamily = d.notForFamily
        description = d.description
        href = SiteRoute.document(d.id).path
        downloadHref = SiteRoute.documentDownload(d.id).path
        isImage = d.type.isImage
        imageHref = SiteRoute.documentDownload(d.id).path + "?inline=1"
        sha256 = d.sha256
        on =
            switch d.owner {
            case .person: "The child's record"
            case .episode: "An episode"
            case .investigation: "A police investigation"
            }
    }
}

/// The documents attached to an episode or an investigation as its page lists them (the `document-links`
/// partial), each linked to its own page, with the link to the record's documents page to attach one.
struct DocumentLinks {
    let key: String
    let documents: [DocumentLine]
    let hasDocuments: Bool
    let listHref: String
    /// The level of the list's heading on its page.
    let level: Int

    /// `documents` already read through the store's audited read of the owning record.
    init(_ documents: [Document], owner: DocumentOwner, ruleset: Ruleset, level: Int) {
        key = owner.id.text.lowercased()
        self.level = level
        self.documents = documents.map { DocumentLine($0, ruleset: ruleset) }
        hasDocuments = !documents.isEmpty
        listHref =
            switch owner {
            case .person(let id): SiteRoute.personDocuments(id).path
            case .episode(let id): SiteRoute.episodeDocuments(id).path
            case .investigation(let id): SiteRoute.investigationDocuments(id).path
            }
    }
}

/// The documents on a record with the upload form.
struct DocumentsPage: Page {
    static let template = Template.documents
    let chrome: Chrome
    let heading: String
    let backHref: String
    let backLabel: String
    let documents: [DocumentLine]
    let hasDocuments: Bool
    let uploadAction: String
    let kinds: [Option]
    let maxSize: String
    let accept: String

    init(
        _ documents: [Document], heading: String, back: (href: String, label: String), uploadAction: String,
        maxBytes: Int, chrome: Chrome, ruleset: Ruleset
    ) {
        self.chrome = chrome
        self.heading = heading
        backHref = back.href
        backLabel = back.label
        self.documents = documents.map { DocumentLine($0, ruleset: ruleset) }
        hasDocuments = !documents.isEmpty
        self.uploadAction = uploadAction
        kinds = Option.list(DocumentKind.allCases.map { ($0.rawValue, $0.label) }, selected: [])
        maxSize = DocumentDraft.megabytes(maxBytes)
        accept = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
    }
}

/// One document's metadata, with the download link.
struct DocumentPage: Page {
    static let template = Template.document
    let chrome: Chrome
    let document: DocumentLine
    let backHref: String

    init(_ document: Document, chrome: Chrome, ruleset: Ruleset) {
        self.chrome = chrome
        self.document = DocumentLine(document, ruleset: ruleset)
        backHref =
            switch document.owner {
            case .person(let id): SiteRoute.personDocuments(id).path
            case .episode(let id): SiteRoute.episodeDocuments(id).path
            case .investigation(let id): SiteRoute.investigationDocuments(id).path
            }
    }
}
