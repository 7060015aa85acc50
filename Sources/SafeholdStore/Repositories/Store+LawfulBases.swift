import Foundation
import SQLKit
import SafeholdCore

extension Store {
    /// The lawful bases on the code list, in the list's order: for `use` only when given, current ones
    /// only unless `includeRetired` (a retired basis still names the records that chose it).
    public func lawfulBases(
        for use: LawfulBasis.Use? = nil, includeRetired: Bool = false
    ) async throws
        -> [LawfulBasis]
    {
        try await database.withConnection { db in
            try await self.lawfulBases(on: db).filter {
                (includeRetired || $0.active) && (use.map($0.uses.contains) ?? true)
            }
        }
    }

    /// Every basis on the list, retired ones too (the choice is judged by `LawfulBasis.choose`).
    func lawfulBases(on db: any SQLDatabase) async throws -> [LawfulBasis] {
        try await db.raw(
            """
            SELECT code, label, reference, for_sharing, for_police, is_consent, active FROM lawful_bases
            ORDER BY sort_order, code
            """
        ).all().map(Self.lawfulBasis)
    }

    static func lawfulBasis(_ row: any SQLRow) throws -> LawfulBasis {
        var uses: Set<LawfulBasis.Use> = []
        if try row.int("for_sharing") == 1 { uses.insert(.sharing) }
        if try row.int("for_police") == 1 { uses.insert(.police) }
        return LawfulBasis(
            code: try row.string("code"), label: try row.string("label"), reference: try row.string("reference"),
            uses: uses, isConsent: try row.int("is_consent") == 1, active: try row.int("active") == 1)
    }

    /// How many working days a request for information is due in (kept as data).
    func requestWorkingDays(on db: any SQLDatabase) async throws -> Int {
        guard
            let days = try await db.raw(
                "SELECT working_days FROM sharing_timescales WHERE name = 'request_response'"
            ).first()?.int("working_days")
        else { throw StoreError.corrupt("sharing_timescales has no request_response row") }
        return days
    }
}
