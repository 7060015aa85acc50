import Foundation
import SafeholdCore
import SafeholdStore

/// The view model of a person's page.
struct PersonPage: Page {
    static let template = Template.person
    struct Row { let label: String; let value: String }
    struct Link {
        let name: String; let href: String?; let label: String; let localId: String?; let born: String?
        let parentalResponsibility: Bool; let livesTogether: Bool
    }
    struct Change { let version: Int; let fields: String; let by: String; let at: String }
    struct AddressLine { let text: String; let period: String }

    let chrome: Chrome
    let id: String
    let name: String
    let localId: String
    let kind: String
    let restricted: Bool
    let canEdit: Bool
    let editHref: String
    let relateHref: String
    let details: [Row]
    let identifiers: [Row]
    let addresses: [AddressLine]
    let household: [Link]
    let network: [Link]
    let history: [Change]
    let isChild: Bool
    let lookedAfter: LookedAfterPanel
    /// Look-ups by unscheduled care, newest first (the last 25).
    let lookups: [Lookup]
    let hasLookups: Bool
    struct Lookup { let at: String; let who: String; let setting: String; let answer: String }
    let chronologyHref: String
    let statementsHref: String
    let bundlesHref: String
    let notesAction: String
    let today: String
    let noteKinds = Option.list(CaseNote.Kind.allCases.map { ($0.rawValue, $0.label) }, selected: [])
    var episodes: [EpisodeView] = [] { didSet { hasEpisodes = !episodes.isEmpty } }
    private(set) var hasEpisodes = false
    /// The police panel: investigations and police protections of the child, as the reader may see them.
    var investigations: [PoliceViews.InvestigationRow] = [] { didSet { updatePolice() } }
    var protections: [PoliceViews.ProtectionRow] = [] { didSet { updatePolice() } }
    /// What police protection makes due in social care (a strategy discussion), before any episode.
    var policeDue: [EpisodeView.Due] = [] { didSet { updatePolice() } }
    private(set) var hasPolice = false
    private(set) var hasPoliceDue = false
    var newProtectionHref: String?
    /// The escalations about the child the reader stands to, and the link to raise one.
    var escalations: EscalationsPanel?
    /// Management oversight recorded in supervision, with the actions the reader may mark done.
    var oversight: OversightPanel?
    /// The child's body maps (the latest drawn) and the links to the documents and body maps.
    var bodyMaps: BodyMapPanel?
    /// The child's information sharing, for children's social care: the latest decisions, open requests.
    var sharing: SharingPanel?
    /// The child's court section (orders, proceedings), for a reader `CourtAccess` lets read orders.
    var courtHref: String?
    /// The adult's risk profile, for a reader `RiskAccess` lets see it.
    var riskProfileHref: String?
    /// Who holds the child and the latest allocation changes, with a link to the history and grants.
    var allocation: AllocationPanel?
    /// The child's voice, shown at the top of a child's page: the latest few wishes and feelings.
    let voice: VoicePanel?
    /// A linked child's warning: a person who may pose a risk is linked; the named officers.
    let riskWarning: RiskWarningPanel?

    private mutating func updatePolice() {
        hasPolice = !investigations.isEmpty || !protections.isEmpty || !policeDue.isEmpty
        hasPoliceDue = !policeDue.isEmpty
    }

    init(_ record: PersonRecord, chrome: Chrome, today: LocalDate, ruleset: Ruleset) {
        let p = record.person, d = p.details
        self.chrome = chrome
        id = p.id.text
        name = p.displayName
        localId = p.localId
        kind = d.kind.label
        restricted = p.restricted
        canEdit = record.canEdit
        editHref = SiteRoute.editPerson(p.id).path
        relateHref = SiteRoute.addRelationship(p.id).path
        isChild = d.kind == .child || d.kind == .unborn
        chronologyHref = SiteRoute.chronology(p.id).path
        statementsHref = SiteRoute.statements(p.id).path
        bundlesHref = SiteRoute.bundles(p.id).path
        notesAction = SiteRoute.addNote(p.id).path
        self.today = today.description
        riskWarning = record.riskWarning.map { RiskWarningPanel($0, childId: p.id) }
        voice = record.voice.map { VoicePanel($0, personId: p.id, childName: p.displayName, latest: 3) }
        var rows: [Row] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { rows.append(Row(label: label, value: value)) }
        }
        add("Full name", [d.givenName, d.middleNames, d.familyName].compactMap { $0 }.joined(separator: " "))
        add("Known as", d.preferredName)
        add("Other names", d.aliases.map { "\($0.givenName) \($0.familyName)" }.joined(separator: "; "))
        if let dob = d.dateOfBirth {
            add(
                "Date of birth",
                Self.format(dob) + (d.dateOfBirthEstimated ? " (estimated)" : "") + " (age \(dob.years(until: today)))")
        }
        add("Expected date of birth", d.expectedDateOfBirth.map(Self.format))
        add("Date of death", d.dateOfDeath.map(Self.format))
        add("Sex", d.sex.label)
        add("Gender", d.gender)
        add("Ethnicity", CodeSets.ethnicityLabel(d.ethnicity))
        add("First language", d.firstLanguage.map { $0 + (d.interpreterNeeded ? " (interpreter needed)" : "") })
        add("Religion", d.religion)
        add("Disabilities", d.disabilities.map(CodeSets.disabilityLabel).joined(separator: ", "))
        add("Phone", d.phone)
        add("Email", d.email)
        details = rows
        identifiers = [
            Row(label: "Local id", value: p.localId),
            d.nhsNumber.flatMap(NHSNumber.init).map { Row(label: "NHS number", value: $0.description) },
            d.upn.map { Row(label: "UPN", value: $0) },
            d.pncReference.map { Row(label: "Police (PNC) reference", value: $0) },
        ].compactMap { $0 }
        addresses = d.addresses.reversed().map { a in
            AddressLine(
                text: [a.line1, a.line2, a.town, a.postcode].compactMap { $0 }.joined(separator: ", "),
                period: "\(a.from.map(Self.format) ?? "date not known") to \(a.to.map(Self.format) ?? "now")")
        }
        let links = record.related.map { r in
            Link(
                name: r.other.displayName, href: r.other.canView ? SiteRoute.person(r.other.id).path : nil,
                label: r.label,
                localId: r.other.localId, born: r.other.dateOfBirth.map(Self.format),
                parentalResponsibility: r.relationship.parentalResponsibility && r.relationship.personId == r.other.id,
                livesTogether: r.relationship.livesTogether)
        }
        household = links.filter(\.livesTogether)
        network = links
        lookedAfter = LookedAfterPanel(record, canEdit: record.canEdit && d.kind == .child, today: today)
        lookups = record.lookups.map {
            Lookup(
                at: Self.format($0.at, ruleset), who: "\($0.userName) (\($0.agencyName))", setting: $0.setting,
                answer: $0.answer)
        }
        hasLookups = !lookups.isEmpty
        history = record.history.map {
            Change(
                version: $0.version, fields: $0.changedFields.map { fieldLabels[$0] ?? $0 }.joined(separator: ", "),
                by: $0.changedByName, at: Self.format($0.changedAt, ruleset))
        }
    }

    /// A date as workers read it: "5 Mar 2026".
    static func format(_ date: LocalDate) -> String { date.display }

    /// An instant in the ruleset's zone, UK time in England: "29 Mar 2026 02:30 BST".
    static func format(_ instant: Date, _ ruleset: Ruleset) -> String { ruleset.display(instant) }
}

/// A list of people (caseload, search results).
struct PersonRowModel {
    let name: String
    let href: String?
    let localId: String?
    let kind: String?
    let born: String?
    let accessLogHref: String?
    /// For a record found by name only: where to ask its team's manager for access.
    let requestAccessHref: String?

    init(_ s: PersonSummary, showAccessLog: Bool, requestsAccess: Bool = false) {
        name = s.displayName
        href = s.canView ? SiteRoute.person(s.id).path : nil
        localId = s.localId
        kind = s.kind?.label
        born = s.dateOfBirth.map(PersonPage.format)
        accessLogHref = showAccessLog ? SiteRoute.accessLog(s.id).path : nil
        requestAccessHref =
            requestsAccess && !s.canView
            ? SiteRoute.accessRequest.link.query([("person", s.id.text)]).path : nil
    }
}
