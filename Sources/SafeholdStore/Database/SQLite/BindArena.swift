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
        let sizes = binds.compactMap(Self.byteCount)
        capacity = sizes.reduce(0, +)
        guard !sizes.isEmpty else {
            base = nil
            return
        }
        // Never a null pointer, even for empty text: SQLite binds a null pointer as NULL, not as ''.
        let base = UnsafeMutableRawPointer.allocate(byteCount: max(1, capacity), alignment: 1)
        var offset = 0
        for bind in binds {
            guard let count = Self.byteCount(bind) else { continue }
            let target = UnsafeMutableRawBufferPointer(start: base + offset, count: count)
            switch bind {
            case .text(let value):
                let copied: Void? = value.utf8.withContiguousStorageIfAvailable {
                    target.copyMemory(from: UnsafeRawBufferPointer($0))
                }
                if copied == nil { _ = target.initializeMemory(as: UInt8.self, from: value.utf8) }
            case .blob(let value): value.withUnsafeReadableBytes { target.copyMemory(from: $0) }
            default: break
            }
            offset += count
        }
        self.base = base
    }

    /// The bytes a text or blob value takes; nil for any other value.
    private static func byteCount(_ bind: SQLiteData) -> Int? {
        switch bind {
        case .text(let value): value.utf8.count
        case .blob(let value): value.readableBytes
        default: nil
        }
    }

    /// The copy of `bind` (a text or blob value) that starts `offset` bytes in.
    func bytes(at offset: Int, of bind: SQLiteData) -> UnsafeRawBufferPointer {
        let count = Self.byteCount(bind) ?? 0
        precondition(offset + count <= capacity, "a bound value lies outside the arena")
        return UnsafeRawBufferPointer(start: base.map { $0 + offset }, count: count)
    }

    /// Frees the copies: only once SQLite no longer reads them.
    func release() { base?.deallocate() }
}
