import CorridorCore

/// A hash table keyed by byte strings that is asked with borrowed bytes, so a caller that sees
/// the same few thousand cell values a million times never copies them or makes a `String` to
/// ask. Open addressing, linear probing. A slot is four bytes, the entry's index and 16 bits of
/// its hash, so that the slots stay in a core's cache and a probe reads the entry (elsewhere in
/// memory) only when those bits match: with ten thousand sites the entries no longer fit in
/// the cache, and each read of one cost a cache miss.
///
/// A class, so that asking it is not an exclusive access to its owner. One owner uses it on one
/// thread, and no access to its storage overlaps another (none calls out while it holds one), so
/// the storage is exempt from the runtime's exclusivity checks, which cost as much as the rest
/// of a look-up.
final class ByteKeyTable<Value> {
    private struct Entry {
        var start: Int
        var count: Int
        var hash: UInt64
    }

    /// Entries are numbered in 16 bits.
    static var maximumCount: Int { 65_534 }

    /// The hash's top 16 bits, then `index + 1` in the low 16; 0 is an empty slot.
    @exclusivity(unchecked) private var slots: [UInt32]
    @exclusivity(unchecked) private var keys: [UInt8] = []
    @exclusivity(unchecked) private var entries: [Entry] = []
    @exclusivity(unchecked) private var values: [Value] = []

    init() {
        slots = Array(repeating: 0, count: 1024)
    }

    var count: Int { entries.count }

    /// The value stored for `key`, whose `ByteHash.of` is `hash`.
    func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Value? {
        let index: Int? = slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                keys.withUnsafeBytes { keys in
                    let mask = slots.count - 1, tag = UInt32(truncatingIfNeeded: hash >> 48)
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let held = slots[slot]
                        if held == 0 { return nil }
                        if held >> 16 == tag {
                            let index = Int(held & 0xFFFF) - 1
                            let entry = entries[index]
                            if entry.hash == hash, entry.count == key.count,
                                ByteHash.equal(UnsafeRawBufferPointer(rebasing: keys[entry.start..<entry.start + entry.count]), key)
                            {
                                return index
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        return index.map { values[$0] }
    }

    /// Stores `value` for `key` (copied), which must not be in the table yet.
    func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: Value) {
        precondition(entries.count < Self.maximumCount, "a ByteKeyTable holds at most \(Self.maximumCount) entries")
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append(Entry(start: keys.count, count: key.count, hash: hash))
        keys.append(contentsOf: key)
        values.append(value)
        place(entries.count - 1, hash: hash)
    }

    func removeAll() {
        keys.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        for index in slots.indices { slots[index] = 0 }
    }

    private func place(_ index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt32(truncatingIfNeeded: hash >> 48) << 16 | UInt32(index + 1)
    }

    private func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for index in entries.indices { place(index, hash: entries[index].hash) }
    }
}

/// A fast, non-cryptographic hash, eight bytes at a time; only ever compared within one process.
package enum ByteHash {
    package static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The hash of one key, as `ByteKeyTable` is asked with it.
    package static func of(_ key: UnsafeRawBufferPointer) -> UInt64 {
        add(key.assumingMemoryBound(to: UInt8.self), to: seed)
    }

    @inline(__always)
    package static func add(_ bytes: UnsafeBufferPointer<UInt8>, to hash: UInt64) -> UInt64 {
        guard let base = bytes.baseAddress else { return mix(hash ^ 0xFF) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var hash = hash
        var index = 0
        while index + 8 <= count {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        // The last 0–7 bytes in at most three loads, with the length, so "ab" then "c" differs from "a" then "bc".
        let rest = count - index
        var tail = UInt64(truncatingIfNeeded: count) << 56
        var offset = index
        if rest & 4 != 0 {
            tail |= UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            offset += 4
        }
        if rest & 2 != 0 {
            tail |= UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self)) << 32
            offset += 2
        }
        if rest & 1 != 0 {
            tail |= UInt64(raw.load(fromByteOffset: offset, as: UInt8.self)) << 48
        }
        return mix(hash ^ tail)
    }

    @inline(__always)
    package static func mix(_ value: UInt64) -> UInt64 {
        var x = value &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x &* 0x94D0_49BB_1331_11EB
    }

    package static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        var index = 0
        while index + 8 <= a.count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self) != b.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                return false
            }
            index += 8
        }
        while index < a.count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }
}
