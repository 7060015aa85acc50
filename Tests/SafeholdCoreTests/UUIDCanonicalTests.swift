import Foundation
import Testing

@testable import SafeholdCore

/// The store's id parser agrees with Foundation's on every canonical id and refuses everything else.
struct UUIDCanonicalTests {
    @Test func everyCanonicalIdParsesToWhatFoundationParses() {
        for _ in 0..<2000 {
            let id = UUID()
            #expect(UUID.canonical(id.uuidString) == id)
            #expect(UUID.canonical(id.uuidString.lowercased()) == id)
        }
        #expect(
            UUID.canonical("00000000-0000-0000-0000-000000000000")
                == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        #expect(
            UUID.canonical("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")?.uuidString
                == "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")
    }

    @Test func idTextIsFoundationsTextAndSortsAsTheTextSorts() {
        var ids = (0..<2000).map { _ in UUID() }
        ids += [
            UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
            UUID(uuid: (0x0A, 0x9F, 0xA0, 0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10)),
        ]
        for id in ids { #expect(id.text == id.uuidString) }
        for (a, b) in zip(ids, ids.reversed()) {
            #expect(a.sortsBefore(b) == (a.uuidString < b.uuidString))
        }
        #expect(ids.sorted { $0.sortsBefore($1) } == ids.sorted { $0.uuidString < $1.uuidString })
    }

    @Test func anythingButTheCanonicalFormIsRefused() {
        let good = "01A219C1-2E6C-7E44-911F-478924300895"
        let bad = [
            "", "01A219C1", good + "0", String(good.dropLast()), good.replacingOccurrences(of: "-", with: ""),
            "01A219C12-E6C-7E44-911F-478924300895", "01A219C1-2E6C-7E44-911F-47892430089G",
            "01A219C1-2E6C-7E44-911F-47892430089\u{0660}", "01A219C1 2E6C 7E44 911F 478924300895",
            "{01A219C1-2E6C-7E44-911F-4789243008}", "01A219C1-2E6C-7E44-911F-47892430089\u{202E}",
        ]
        for text in bad {
            #expect(UUID.canonical(text) == nil, "\(text)")
            #expect(UUID(uuidString: text) == nil, "Foundation agrees that \(text) is not an id")
        }
    }
}
