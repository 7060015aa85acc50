import Foundation
import Testing

@testable import SafeholdCore

/// Shared fixtures for the Core tests. Every value here is synthetic.
enum Fixture {
    /// The "today" all validation tests run against.
    static let today = day("2025-06-15")

    /// A date from a literal that is known to be real; a typo in a test fails loudly.
    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else {
            Issue.record("fixture date '\(iso)' does not parse")
            return LocalDate(daysSinceEpoch: 0)
        }
        return date
    }

    /// A predictable UUID: `00000000-0000-0000-0000-00000000000n`.
    static func id(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012X", n))!
    }

    /// A child whose details pass validation on `today`.
    static func child(givenName: String? = "Amelia", familyName: String = "Testchild") -> PersonDetails {
        PersonDetails(
            kind: .child, givenName: givenName, familyName: familyName,
            dateOfBirth: day("2015-03-10"), sex: .female)
    }

    /// An adult whose details pass validation on `today`.
    static func adult() -> PersonDetails {
        PersonDetails(kind: .adult, givenName: "Jordan", familyName: "Sample", dateOfBirth: day("1985-11-02"))
    }
}

/// Validates `details` and returns every field error, or an empty list when they pass.
func fieldErrors(
    _ details: PersonDetails, today: LocalDate = Fixture.today,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [FieldError] {
    do {
        _ = try details.validated(today: today)
        return []
    } catch {
        guard case .invalid(let errors) = error else {
            Issue.record("expected .invalid, got \(error)", sourceLocation: sourceLocation)
            return []
        }
        return errors
    }
}

/// The names of the fields that failed validation.
func failingFields(_ details: PersonDetails, today: LocalDate = Fixture.today) -> [String] {
    fieldErrors(details, today: today).map(\.field)
}
