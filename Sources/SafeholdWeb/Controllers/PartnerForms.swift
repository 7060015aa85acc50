import Foundation
import SafeholdCore

/// Reads the partner forms (pages and API bodies) into Core drafts; a field that cannot be read is a
/// 422 naming it, in the same words for both.
enum PartnerForms {
    /// How many described children the page's form offers (the API takes up to the concern's limit).
    static let describedSlots = 2

    static func parentsAware(_ text: String?) -> Bool? {
        switch text?.lowercased() {
        case "yes", "true": true
        case "no", "false": false
        default: nil
        }
    }

    static func ids(_ texts: [String], field: String, _ v: inout Validation) -> [UUID] {
        texts.compactMap { text in
            guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                v.add(field, "\(Validation.shown(text)) is not a record id")
                return nil
            }
            return id
        }
    }

    static func date(_ text: String?, field: String, _ v: inout Validation) -> LocalDate? {
        guard let text = text.nonBlank else { return nil }
        guard let date = LocalDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
            v.add(field, "must be a date (YYYY-MM-DD)")
            return nil
        }
        return date
    }

    /// The concern form: children ticked from a name search, and up to `describedSlots` described.
    static func concern(_ form: FormData) throws(SafeholdError) -> PartnerConcernDraft {
        var v = Validation()
        let childIds = ids(form.all("childIds"), field: "childIds", &v)
        var described: [DescribedChild] = []
        for slot in 1...describedSlots {
            let key = "describedChildren.\(slot)."
            let name = form[key + "name"]
            let others = ["dateOfBirth", "address", "school", "gp"].compactMap { form[key + $0].nonBlank }
            guard name.nonBlank != nil || !others.isEmpty else { continue }
            described.append(
                DescribedChild(
                    name: name ?? "", dateOfBirth: date(form[key + "dateOfBirth"], field: key + "dateOfBirth", &v),
                    address: form[key + "address"], school: form[key + "school"], gp: form[key + "gp"]))
        }
        try v.check()
        return PartnerConcernDraft(
            childIds: childIds, describedChildren: described, seenOrHeard: form["seenOrHeard"] ?? "",
            childsWords: form["childsWords"], actionTaken: form["actionTaken"],
            parentsAware: parentsAware(form["parentsAware"]), parentsNotAwareReason: form["parentsNotAwareReason"])
    }

    /// A version field the page carries; missing means the page is stale.
    static func version(_ text: String?) throws(SafeholdError) -> Int {
        guard let version = text.flatMap(Int.init) else {
            throw SafeholdError.invalid([FieldError("version", "is missing: reload the page")])
        }
        return version
    }
}
