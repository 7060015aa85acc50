import Foundation
import Testing

@testable import SafeholdCore

/// Sealing many entries at once (a whole-authority read) gives the chain sealing them one by one gives.
@Suite("AuditChain: sealing a batch")
struct AuditChainBatchTests {
    @Test("A batch sealed at once is the same chain, entry for entry, as the entries sealed one by one")
    func batchMatchesOneByOne() {
        let at = AuditChainTests.start, key = AuditChainTests.key
        let events = (1...40).map(AuditChainTests.event)
        let prefix = AuditChainTests.chain(3)
        var oneByOne: [AuditRecord] = []
        for (index, event) in events.enumerated() {
            oneByOne.append(
                AuditChain.seal(
                    event, seq: 4 + index, at: at, previousHash: oneByOne.last?.hash ?? prefix[2].hash, key: key))
        }
        let batch = AuditChain.seal(events, after: 3, at: at, previousHash: prefix[2].hash, key: key)
        #expect(batch == oneByOne)
        #expect(batch.allSatisfy { AuditChain.hash($0, key: key) == $0.hash })
        #expect(AuditChain.seal([], after: 3, at: at, previousHash: prefix[2].hash, key: key).isEmpty)
    }
}
