import Foundation
import SafeholdCore

/// The create/edit form for a person: reads a submitted form into `PersonDetails` (collecting every
/// problem), and turns details back into the values and choices a form shows.
struct PersonForm {
    /// Parses a submitted form; unreadable dates are reported per field, then the details are validated.
    static func details(
        from form: FormData, previous: PersonDetails?, today: LocalDate
    ) throws(SafeholdError) -> PersonDetails {
        var v = Validation()
        func date(_ field: String) -> LocalDate? {
            guard let text = form[field] else { return nil }
            guard let date = LocalDate(iso: text) else {
                v.add(field, "\(Validation.shown(text)) is not a real date (use YYYY-MM-DD)")
                return nil
            }
            return date
        }
        let kind = form["kind"].flatMap(PersonKind.init(rawValue:))
        if kind == nil { v.add("kind", "choose child, unborn child, adult or professional") }
        let sex = form["sex"].flatMap(Sex.init(rawValue:)) ?? .unknown
        var addresses = previous?.addresses ?? []
        let line1 = form["addressLine1"], town = form["addressTown"], postcode = form["addressPostcode"]
        let movedIn = date("addressFrom")
        if line1 != nil || town != nil || postcode != nil {
            let new = Address(
                line1: line1 ?? "", line2: form["addressLine2"], town: town ?? "", postcode: postcode ?? "",
                from: movedIn)
            if let index = addresses.firstIndex(where: \.isCurrent) {
                let current = addresses[index]
                let same =
                    current.line1 == new.line1
                    && current.postcode.filter({ $0 != " " }).uppercased()
                        == new.postcode.filter({ $0 != " " }).uppercased()
                if same {
                    addresses[index].line2 = new.line2
                    addresses[index].town = new.town
                    addresses[index].from = new.from ?? current.from
                } else {
                    addresses[index].to = movedIn ?? today
                    addresses.append(new)
                }
            } else {
                addresses.append(new)
            }
        }
        let aliases = (form["aliases"] ?? "").split(whereSeparator: \.isNewline).compactMap { line -> Alias? in
            let words = line.split(separator: " ").map(String.init)
            guard let family = words.last else { return nil }
            return Alias(givenName: words.dropLast().joined(separator: " "), familyName: family, kind: .alias)
        }
        let details = PersonDetails(
            kind: kind ?? .child, givenName: form["givenName"], familyName: form["familyName"] ?? "",
            middleNames: form["middleNames"], preferredName: form["preferredName"], aliases: aliases,
            dateOfBirth: date("dateOfBirth"), dateOfBirthEstimated: form.flag("dateOfBirthEstimated"),
            expectedDateOfBirth: date("expectedDateOfBirth"), dateOfDeath: date("dateOfDeath"), sex: sex,
            gender: form["gender"], ethnicity: form["ethnicity"], firstLanguage: form["firstLanguage"],
            interpreterNeeded: form.flag("interpreterNeeded"), religion: form["religion"],
            disabilities: form.all("disabilities").filter { !$0.isEmpty }, nhsNumber: form["nhsNumber"],
            upn: form["upn"],
            pncReference: form["pncReference"], addresses: addresses, phone: form["phone"], email: form["email"])
        var problems = v.errors
        do {
            let validated = try details.validated(today: today)
            if problems.isEmpty { return validated }
        } catch {
            problems += error.fieldErrors.filter { !problems.contains($0) }
        }
        throw .invalid(problems)
    }

    /// The person fields a form shows (the `person-fields` partial): current values, the choices, and any errors.
    struct Fields {
        let form: FormState
        let kinds: [Option]
        let sexes: [Option]
        let ethnicities: [Option]
        let disabilities: [Option]
        let linkKinds: [Option]?
    }

    static func fields(details: PersonDetails?, form: FormData?, errors: [FieldError], linking: Bool = false) -> Fields
    {
        var values: [String: String] = [:]
        var flags: [String: Bool] = [:]
        var disabilities: Set<String> = []
        if let form {
            let state = FormState(form)
            values = state.values
            flags = state.flags
            disabilities = Set(form.all("disabilities"))
        } else if let d = details {
            let current = d.addresses.last(where: \.isCurrent)
            let pairs: [(String, String?)] = [
                ("kind", d.kind.rawValue), ("givenName", d.givenName), ("familyName", d.familyName),
                ("middleNames", d.middleNames), ("preferredName", d.preferredName),
                ("dateOfBirth", d.dateOfBirth?.description),
                ("expectedDateOfBirth", d.expectedDateOfBirth?.description),
                ("dateOfDeath", d.dateOfDeath?.description), ("sex", d.sex.rawValue), ("gender", d.gender),
                ("ethnicity", d.ethnicity), ("firstLanguage", d.firstLanguage), ("religion", d.religion),
                ("nhsNumber", d.nhsNumber), ("upn", d.upn), ("pncReference", d.pncReference), ("phone", d.phone),
                ("email", d.email), ("addressLine1", current?.line1), ("addressLine2", current?.line2),
                ("addressTown", current?.town), ("addressPostcode", current?.postcode),
                ("addressFrom", current?.from?.description),
                ("aliases", d.aliases.map { "\($0.givenName) \($0.familyName)" }.joined(separator: "\n")),
            ]
            for (key, value) in pairs { values[key] = value }
            flags = ["dateOfBirthEstimated": d.dateOfBirthEstimated, "interpreterNeeded": d.interpreterNeeded]
            disabilities = Set(d.disabilities)
        }
        if values["kind"] == nil { values["kind"] = PersonKind.child.rawValue }
        if values["sex"] == nil { values["sex"] = Sex.unknown.rawValue }
        let state = FormState(values: values, flags: flags, errors: errors)
        return Fields(
            form: state,
            kinds: state.options("kind", PersonKind.self) { $0.label },
            sexes: state.options("sex", Sex.self) { $0.label },
            ethnicities: Option.list(
                CodeSets.ethnicity.map { ($0.code, "\($0.label) (\($0.code))") },
                selected: Set([values["ethnicity"]].compactMap { $0 })),
            disabilities: Option.list(CodeSets.disability.map { ($0.code, $0.label) }, selected: disabilities),
            linkKinds: linking ? state.options("relationshipKind", RelationshipKind.self) { $0.label } : nil)
    }
}

/// The form that records a new person or edits one.
struct PersonFormPage: Page {
    static let template = Template.personForm
    let chrome: Chrome
    let action: String
    let heading: String
    let version: Int?
    let fields: PersonForm.Fields
}

/// The form that adds someone, known or new, to a person's family network.
struct RelationshipFormPage: Page {
    static let template = Template.relationshipForm
    let chrome: Chrome
    let action: String
    let heading: String
    let linkTo: String
    let fields: PersonForm.Fields
}

let fieldLabels: [String: String] = policeFieldLabels.merging(pipelineFieldLabels) { $1 }
    .merging(contributionFieldLabels) { existing, _ in existing }
    .merging(serviceFieldLabels) { existing, _ in existing }
    .merging(sharingFieldLabels) { old, _ in old }
    .merging(trainingFieldLabels) { old, _ in old }

/// The labels of the police forms' fields.
let policeFieldLabels: [String: String] = [
    "crimeReference": "Crime reference", "incidentReference": "Incident reference", "offences": "Offences",
    "officerId": "Officer in the case", "supervisorId": "Supervising officer", "people": "People",
    "victims": "Child victims", "witnesses": "Child witnesses", "victimWitnesses": "Victims and witnesses",
    "suspects": "Suspects", "summary": "Summary", "intelligence": "Police-only intelligence",
    "relationshipToChild": "Role to the child", "policeTeamId": "Police team", "investigationId": "Investigation",
    "status": "Status", "plannedFor": "Planned for", "interviewType": "Type of interview",
    "rationale": "Why this type of interview", "interviewerIds": "Interviewers", "intermediary": "Intermediary",
    "heldAt": "Held at", "consentGiven": "Consent", "consentBy": "Consent given by", "present": "Who was present",
    "recordingReference": "Recording reference", "storageLocation": "Where the recording is kept",
    "reviewOn": "Review on", "destroyOn": "Destroy on", "accountSummary": "Summary of the child's account",
    "decidedOn": "Decided on", "decider": "Decided by", "test": "Test", "outcome": "Outcome",
    "bestInterests": "Best interests", "bail": "Bail", "bailUntil": "Bail or review date",
    "bailConditions": "Bail conditions", "suspectId": "Suspect", "lawfulBasis": "Lawful basis", "text": "Words shared",
    "field": "What is shared", "childLocalId": "Child's local id", "childId": "Child", "removedAt": "Removed at",
    "removedFrom": "Removed from", "placeOfSafety": "Place of safety", "designatedOfficerId": "Designated officer",
    "localAuthorityToldAt": "Local authority told at", "parentsToldAt": "Parents told at",
    "childToldAt": "Child told at", "childToldHow": "What the child was told", "endedAt": "Ended at",
    "court": "Court", "applicationDate": "Date of the application", "name": "Name", "identifier": "Identifier",
    "hash": "Hash", "categoryA": "Category A", "categoryB": "Category B", "categoryC": "Category C",
    "role": "Role", "expectedVersion": "Version", "version": "Version",
]

/// The labels of the person, contact and pipeline forms' fields.
let pipelineFieldLabels: [String: String] = [
    "kind": "Kind of person", "givenName": "Given name", "familyName": "Family name", "middleNames": "Middle names",
    "preferredName": "Preferred name", "dateOfBirth": "Date of birth", "expectedDateOfBirth": "Expected date of birth",
    "dateOfDeath": "Date of death", "sex": "Sex", "gender": "Gender", "ethnicity": "Ethnicity",
    "firstLanguage": "First language", "religion": "Religion", "disabilities": "Disabilities",
    "nhsNumber": "NHS number",
    "upn": "UPN", "pncReference": "Police (PNC) reference", "phone": "Phone", "email": "Email",
    "addresses[0].line1": "Address line 1", "addresses[0].town": "Town", "addresses[0].postcode": "Postcode",
    "addressFrom": "Moved in", "relationshipKind": "Relationship", "otherPersonId": "Other person",
    "date": "Date", "on": "Date", "receivedAt": "Received", "source": "Who raised the concern",
    "concern": "What was said",
    "childIds": "Children", "children": "Children", "referrerName": "Referrer's name",
    "referrerAgency": "Referrer's agency",
    "decision": "Decision", "reason": "Reason", "urgency": "Urgency", "referrerInformedOn": "Referrer told on",
    "participants": "Participants", "attendees": "Attendees", "absentAgencyReason": "Why an agency was absent",
    "informationShared": "Information shared", "safetyActions": "Immediate safety actions", "chair": "Chair",
    "childViews": "The child's views", "howViewsObtained": "How the views were obtained",
    "category": "Category of abuse",
    "nextReview": "Next review date", "planKind": "Kind of plan", "visitIntervalWorkingDays": "Visit interval",
    "factors": "Factors identified",
    "developmentalNeeds": "Developmental needs", "parentingCapacity": "Parenting capacity",
    "familyAndEnvironment": "Family and environmental factors", "outcome": "Outcome",
    "reasonNoConference": "Why no conference",
    "visitor": "Visited by", "location": "Where", "seenAlone": "Seen alone", "observations": "Observations",
    "childsWords": "The child's own words", "expectedSteps": "Form", "notedOn": "Date", "noteType": "Kind of note",
    "body": "Note",
    "what": "What", "who": "Who", "dueOn": "By when", "status": "Status", "primaryNeed": "Primary need",
    "version": "Form",
]

extension Error {
    /// The field errors of an invalid-input error, or none.
    var fieldErrors: [FieldError] {
        if let error = self as? SafeholdError, case .invalid(let errors) = error { return errors }
        return []
    }
}
