import Foundation
import SafeholdStore

/// Where the audit key and the signed checkpoints are kept: outside the database, by default in the
/// data folder.
extension AppConfiguration {
    /// Where the audit key is kept.
    public var auditKeySource: AuditKeySource {
        if let auditKey { return .environment(auditKey) }
        return .file(path: auditKeyFile ?? dataPath("keys/audit.key"))
    }

    /// The folder of signed audit checkpoints.
    public var auditCheckpoints: AuditCheckpointDirectory {
        AuditCheckpointDirectory(path: auditCheckpointDirectory ?? dataPath("audit-checkpoints"))
    }

    private func dataPath(_ relative: String) -> String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent(relative).path
    }
}
