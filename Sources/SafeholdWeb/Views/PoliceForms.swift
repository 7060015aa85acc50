import Foundation
import SafeholdCore
import SafeholdStore

/// Reading the police forms into Core values: people by local id, times typed in UK time, choices.
/// Every problem is collected in `v` so the form comes back with all of them at once.
struct PoliceFormReader {
    let form: FormData
    let store: Store
    let audit: AuditContext
    var v = Validation()

    /// The people named in `field` by local id, comma or line separated; for suspects each line may
    /// carry their relationship to the child after a comma ("SH-000123, mother's partner").
    mutating func people(_ field: String, role: InvestigationRole) async throws -> [InvestigationPerson] {
        let lines = (form[field] ?? "").split(whereSeparator: \.isNewline).map(String.init)
        var found: [InvestigationPerson] = []
        guard v.count(field, lines.count, max: InvestigationDraft.maxPeople, noun: "people") else { return [] }
        for line in lines {
            let parts = role == .suspect ? line.split(separator: ",", maxSplits: 1).map(String.init) : [line]
            let ids =
                role == .suspect ? [parts[0]] : line.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            for localId in ids.map({ $0.trimmingCharacters(in: .whitespaces) }) where !localId.isEmpty {
                guard let person = try await store.findByLocalId(localId, context: audit) else {
                    v.add(field, "no person has the local id \(Validation.shown(localId))")
                    continue
                }
                let relationship = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
                found.append(InvestigationPerson(personId: person.id, role: role, relationshipToChild: relationship))
            }
        }
        return found
    }

    /// A child named by local id in `field`.
    mutating func child(_ field: String) async throws -> UUID? {
        let text = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { v.add(field, "give the child's local id"); return nil }
        guard let person = try await store.findByLocalId(text, context: audit) else {
            v.add(field, "no child has the local id \(Validation.shown(text))")
            return nil
        }
        return person.id
    }

    /// A date and time typed in UK local time, as the instant it names.
    mutating func instant(_ field: String, required: Bool = true) -> Date? {
        guard let text = form[field], !text.isEmpty else {
            if required { v.add(field, "give the date and time (UK time)") }
            return nil
        }
        guard let local = LocalDateTime(iso: text) else {
            v.add(field, "\(Validation.shown(text)) is not a date and time")
            return nil
        }
        guard let instant = local.instant(in: store.ruleset.timeZone) else {
            v.add(field, "does not exist in UK time: the clocks went forward an hour at 1am")
            return nil
        }
        return instant
    }

    mutating func date(_ field: String, required: Bool = true) -> LocalDate? {
        guard let text = form[field], !text.isEmpty else {
            if required { v.add(field, "give a date") }
            return nil
        }
        guard let date = LocalDate(iso: text) else {
            v.add(field, "\(Validation.shown(text)) is not a real date (use YYYY-MM-DD)")
            return nil
        }
        return date
    }

    mutating func choice<T: RawRepresentable>(_ field: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let raw = form[field], let value = T(rawValue: raw) else {
            v.add(field, "choose one of the options")
            return nil
        }
        return value
    }

    mutating func uuid(_ field: String, required: Bool = true) -> UUID? {
        guard let text = form[field], !text.isEmpty else {
            if required { v.add(field, "choose one from the list") }
            return nil
        }
        guard let id = UUID(uuidString: text) else { v.add(field, "choose one from the list"); return nil }
        return id
    }

    mutating func version() -> Int {
        guard let version = form["version"].flatMap(Int.init) else {
            v.add("version", "is missing: reload the page")
            return 0
        }
        return version
    }

    func check() throws(SafeholdError) { try v.check() }
}
