import Foundation
import SQLKit
import SafeholdCore
import Testing

@testable import SafeholdStore

/// A child's access log is read through indexes, however long the log: the entries against the child, the
/// receipts carrying the child and the entries naming those receipts, each through its own index.
@Suite struct ReceiptPlanTests {
    @Test("A child's access log reads its entries and receipts through their indexes, never the whole log")
    func accessLogUsesItsIndexes() async throws {
        try await withFreshStore(.sqlite) { env in
            let about = try await env.database.withConnection { db in
                try await AuditLog.personCondition(UUID(), before: 1_000, limit: 101, dialect: .sqlite, on: db)
            }
            let plan = try await env.queryPlan(
                "SELECT l.seq FROM audit_log l WHERE \(about) ORDER BY l.seq DESC LIMIT 101")
            let text = plan.joined(separator: "\n")
            for index in ["audit_log_person", "audit_receipt_people_person", "audit_log_receipt"] {
                #expect(text.contains(index), "\(index) not used:\n\(text)")
            }
            // A full scan of a table reads as "SCAN <table>" (the two branches' own results are scanned, by name).
            let tables: Set<String> = ["l", "audit_log", "audit_receipt_people", "audit_receipts"]
            let scanned = plan.compactMap { line -> String? in
                let words = line.split(separator: " ")
                return words.first == "SCAN" && words.count > 1 ? String(words[1]) : nil
            }
            #expect(scanned.allSatisfy { !tables.contains($0) } && !scanned.isEmpty, "\(text)")
        }
    }
}
