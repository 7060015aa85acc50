import Foundation

/// One rule's failure on a return: which rule, how serious, and where (the child and the episode, with
/// the Safehold ids that link to the step to fix). Errors stop an export; queries ("Q" rules) are warnings.
public struct CensusFinding: Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable { case error, query }

    public let code: String
    public let severity: Severity
    public let message: String
    /// The child's LAchildID (nil for a finding about the whole return or its header).
    public let laChildID: String?
    public let personId: UUID?
    public let episodeId: UUID?
    /// The field the finding is about, as the specification names it (for example `CPPreviewDate`).
    public let field: String?
    /// The step to fix (the assessment, plan or enquiry whose group failed), when the return carries its id.
    public let stepId: UUID?

    public init(
        code: String, severity: Severity, message: String, laChildID: String? = nil, personId: UUID? = nil,
        episodeId: UUID? = nil, field: String? = nil, stepId: UUID? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.laChildID = laChildID
        self.personId = personId
        self.episodeId = episodeId
        self.field = field
        self.stepId = stepId
    }
}
