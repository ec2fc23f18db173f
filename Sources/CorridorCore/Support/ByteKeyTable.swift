/// A hash table keyed by byte strings that is asked with borrowed bytes, so a caller that sees
/// the same few thousand cell values a million times never copies them or makes a `String` to
/// ask. A key may be several byte strings (a row's site cells); it is stored as each part's length
/// (4 bytes) followed by its bytes. Open addressing, linear probing.
struct ByteKeyTable<Value> {
    private struct Entry {
        var start: Int
        var count: Int
        var hash: UInt64
        var value: Value
    }

    private var slots: [Int32]
    private var keys: [UInt8] = []
    private var entries: [Entry] = []

    init() {
        slots = Array(repeating: -1, count: 1024)
    }

    var count: Int { entries.count }

    /// The value stored for the key made of `partCount` parts, `part(i)` being each; `hash` is
    /// `ByteHash.add` over the parts in order, from `ByteHash.seed`.
    func find(parts partCount: Int, _ part: (Int) -> UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return entries.withUnsafeBufferPointer { entries in
            keys.withUnsafeBytes { keys in
                while true {
                    let index = Int(slots[slot])
                    if index < 0 { return nil }
                    // Compared in place: copying an entry would retain its value's strings.
                    if entries[index].hash == hash,
                       Self.matches(UnsafeRawBufferPointer(rebasing: keys[entries[index].start..<entries[index].start + entries[index].count]),
                                    partCount, part) {
                        return entries[index].value
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    mutating func insert(parts partCount: Int, _ part: (Int) -> UnsafeBufferPointer<UInt8>, hash: UInt64, value: Value) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let start = keys.count
        for index in 0..<partCount {
            let bytes = part(index)
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: bytes.count)) { keys.append(contentsOf: $0) }
            keys.append(contentsOf: bytes)
        }
        entries.append(Entry(start: start, count: keys.count - start, hash: hash, value: value))
        place(entries.count - 1, hash: hash)
    }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        for index in slots.indices { slots[index] = -1 }
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for index in entries.indices { place(index, hash: entries[index].hash) }
    }

    private static func matches(_ stored: UnsafeRawBufferPointer, _ partCount: Int,
                                _ parts: (Int) -> UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        for index in 0..<partCount {
            let part = parts(index)
            guard offset + 4 + part.count <= stored.count,
                  stored.loadUnaligned(fromByteOffset: offset, as: UInt32.self) == UInt32(truncatingIfNeeded: part.count) else { return false }
            offset += 4
            if part.count > 0, !ByteHash.equal(UnsafeRawBufferPointer(rebasing: stored[offset..<offset + part.count]),
                                               UnsafeRawBufferPointer(part)) { return false }
            offset += part.count
        }
        return offset == stored.count
    }
}

/// A fast, non-cryptographic hash, eight bytes at a time; only ever compared within one process.
enum ByteHash {
    static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    static func add(_ bytes: UnsafeBufferPointer<UInt8>, to hash: UInt64) -> UInt64 {
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
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x &* 0x94D0_49BB_1331_11EB
    }

    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        var index = 0
        while index + 8 <= a.count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self) != b.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
            index += 8
        }
        while index < a.count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }
}
