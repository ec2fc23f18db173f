/// A hash table keyed by byte strings that looks keys up straight from borrowed bytes, so a
/// caller that sees the same few thousand cell values a million times never makes a `String`
/// or an `Array` to ask. Keys are copied into one buffer on insert; open addressing, linear probing.
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

    func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Value? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return entries.withUnsafeBufferPointer { entries in
            keys.withUnsafeBytes { keys in
                while true {
                    let index = Int(slots[slot])
                    if index < 0 { return nil }
                    // Compared in place: copying an entry would retain its value's strings.
                    if entries[index].hash == hash, entries[index].count == key.count {
                        let start = entries[index].start
                        if Self.equal(UnsafeRawBufferPointer(rebasing: keys[start..<start + key.count]), key) {
                            return entries[index].value
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: Value) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let index = entries.count
        entries.append(Entry(start: keys.count, count: key.count, hash: hash, value: value))
        keys.append(contentsOf: key)
        place(index, hash: hash)
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

    /// A fast, non-cryptographic hash, eight bytes at a time; only ever compared within one table.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            hash = mix(hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        if index < bytes.count {
            var tail: UInt64 = 0
            for offset in index..<bytes.count { tail = tail << 8 | UInt64(bytes[offset]) }
            hash = mix(hash ^ tail)
        }
        return hash
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x &* 0x94D0_49BB_1331_11EB
    }

    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
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
