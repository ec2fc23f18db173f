import CorridorCore

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
            let (slot, found) = Self.probe(UnsafeBufferPointer(slots), for: key, shift: shift)
            if !found { slots[slot] = key }
            return found
        }
        if !found { count += 1 }
        return !found
    }

    public func contains(_ fingerprint: Int) -> Bool {
        guard fingerprint != 0 else { return hasZero }
        return slots.withUnsafeBufferPointer { Self.probe($0, for: UInt64(bitPattern: Int64(fingerprint)), shift: shift).found }
    }

    /// The slot holding `key`, or the empty slot where it would go. The home slot is the top bits
    /// of a multiplicative hash, which spreads even keys that differ only in high bits.
    private static func probe(_ slots: UnsafeBufferPointer<UInt64>, for key: UInt64, shift: UInt64) -> (slot: Int, found: Bool) {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[slot] != 0 {
            if slots[slot] == key { return (slot, true) }
            slot = (slot + 1) & (slots.count - 1)
        }
        return (slot, false)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        shift -= 1
        let shift = shift
        slots.withUnsafeMutableBufferPointer { slots in
            for key in old where key != 0 { slots[Self.probe(UnsafeBufferPointer(slots), for: key, shift: shift).slot] = key }
        }
    }
}
