import Foundation
import SQLiteNIO

/// One buffer holding a copy of every text and blob value bound to a statement, read by SQLite in place.
///
/// Bound with `SQLITE_TRANSIENT`, SQLite allocates and copies each value and frees it when the values are cleared:
/// a bulk insert of 30,000 values made 30,000 allocations a statement (a tenth of the seeding writer's time). Here a
/// statement makes one, at most. The caller keeps the arena until the statement is reset and its values cleared,
/// then releases it.
struct BindArena {
    private let base: UnsafeMutableRawPointer?
    private let capacity: Int

    /// Copies the text and blobs of `binds`, in order.
    init(_ binds: [SQLiteData]) {
        var total = 0
        for bind in binds {
            switch bind {
            case .text(let value): total += value.utf8.count
            case .blob(let value): total += value.readableBytes
            default: break
            }
        }
        capacity = total
        guard binds.contains(where: Self.isBytes) else {
            base = nil
            return
        }
        // Never a null pointer, even for empty text: SQLite binds a null pointer as NULL, not as ''.
        let base = UnsafeMutableRawPointer.allocate(byteCount: max(1, total), alignment: 1)
        var offset = 0
        for bind in binds {
            switch bind {
            case .text(let value):
                let count = value.utf8.count
                let copied: Void? = value.utf8.withContiguousStorageIfAvailable {
                    (base + offset).copyMemory(from: UnsafeRawPointer($0.baseAddress!), byteCount: count)
                }
                if copied == nil {
                    for (i, byte) in value.utf8.enumerated() {
                        (base + offset + i).storeBytes(of: byte, as: UInt8.self)
                    }
                }
                offset += count
            case .blob(let value):
                value.withUnsafeReadableBytes { bytes in
                    if let source = bytes.baseAddress {
                        (base + offset).copyMemory(from: source, byteCount: bytes.count)
                    }
                }
                offset += value.readableBytes
            default: break
            }
        }
        self.base = base
    }

    private static func isBytes(_ bind: SQLiteData) -> Bool {
        switch bind {
        case .text, .blob: true
        default: false
        }
    }

    /// The copy of `bind` (a text or blob value) that starts `offset` bytes in.
    func bytes(at offset: Int, of bind: SQLiteData) -> UnsafeRawBufferPointer {
        let count: Int
        switch bind {
        case .text(let value): count = value.utf8.count
        case .blob(let value): count = value.readableBytes
        default: count = 0
        }
        precondition(offset + count <= capacity, "a bound value lies outside the arena")
        return UnsafeRawBufferPointer(start: base.map { $0 + offset }, count: count)
    }

    /// Frees the copies: only once SQLite no longer reads them.
    func release() { base?.deallocate() }
}
