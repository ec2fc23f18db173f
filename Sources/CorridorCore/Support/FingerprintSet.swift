/// A set of row fingerprints (`StockRowChecker.fingerprint`), for finding repeated rows. The
/// fingerprints are already mixed hashes, so the table uses them as they are, without hashing
/// them again as `Set<Int>` does; that second hash and a second look-up per row cost a tenth of
/// an import's checking thread. Open addressing, linear probing; 0 marks an empty slot, so the
/// fingerprint 0 is kept aside.
public struct FingerprintSet {
    private var slots: [UInt64]
    private var shift: UInt64
    private var hasZero = false
    public private(set) var count = 0

    public init() {
        slots = Array(repeating: 0, count: 1024)
        shift = 64 - 10
    }

    /// Adds `fingerprint`; false when it was there already.
    public mutating func insert(_ fingerprint: Int) -> Bool {
        guard fingerprint != 0 else {
            defer { hasZero = true }
            if !hasZero { count += 1 }
            return !hasZero
        }
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let key = UInt64(bitPattern: Int64(fingerprint)), shift = shift
        let found = slots.withUnsafeMutableBufferPointer { slots in
            var slot = Self.home(key, shift: shift)
            while slots[slot] != 0 {
                if slots[slot] == key { return true }
                slot = (slot + 1) & (slots.count - 1)
            }
            slots[slot] = key
            return false
        }
        if !found { count += 1 }
        return !found
    }

    public func contains(_ fingerprint: Int) -> Bool {
        guard fingerprint != 0 else { return hasZero }
        let key = UInt64(bitPattern: Int64(fingerprint))
        return slots.withUnsafeBufferPointer { slots in
            var slot = Self.home(key, shift: shift)
            while slots[slot] != 0 {
                if slots[slot] == key { return true }
                slot = (slot + 1) & (slots.count - 1)
            }
            return false
        }
    }

    /// The top bits of a multiplicative hash, which spread even keys that differ only in high bits.
    private static func home(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        shift -= 1
        let shift = shift
        slots.withUnsafeMutableBufferPointer { slots in
            for key in old where key != 0 {
                var slot = Self.home(key, shift: shift)
                while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
                slots[slot] = key
            }
        }
    }
}
