import CorridorCore

/// A set of row fingerprints (`StockRowChecker.fingerprint`), for finding repeated rows. The
/// fingerprints are already mixed hashes, so the tables use them as they are, without hashing
/// them again as `Set<Int>` does; that second hash and a second look-up per row cost a tenth of
/// an import's checking thread. Open addressing, linear probing; 0 marks an empty slot, so the
/// fingerprint 0 is kept aside.
///
/// The fingerprints are spread over 64 tables by the top bits of their home, each growing on its
/// own: a table holds its old and new slots at once while it doubles, and one table for every row
/// would hold both for all of them, half again the set's size at the moment it grows.
public struct FingerprintSet {
    private var parts: [Part]
    private var hasZero = false
    public private(set) var count = 0

    private static let partBits: UInt64 = 6

    public init() {
        parts = Array(repeating: Part(), count: 1 << Int(Self.partBits))
    }

    /// Adds `fingerprint`; false when it was there already.
    public mutating func insert(_ fingerprint: Int) -> Bool {
        guard fingerprint != 0 else {
            defer { hasZero = true }
            if !hasZero { count += 1 }
            return !hasZero
        }
        let key = UInt64(bitPattern: Int64(fingerprint)), home = Self.home(of: key)
        let added = parts[Int(home >> (64 - Self.partBits))].insert(key, home: home << Self.partBits)
        if added { count += 1 }
        return added
    }

    public func contains(_ fingerprint: Int) -> Bool {
        guard fingerprint != 0 else { return hasZero }
        let key = UInt64(bitPattern: Int64(fingerprint)), home = Self.home(of: key)
        return parts[Int(home >> (64 - Self.partBits))].contains(key, home: home << Self.partBits)
    }

    /// A multiplicative hash of the key, which spreads even keys that differ only in high bits:
    /// its top bits choose the table, the next ones the slot there.
    private static func home(of key: UInt64) -> UInt64 { key &* 0x9E37_79B9_7F4A_7C15 }

    /// One of the tables. `home` is the key's hash without the bits that chose the table.
    private struct Part {
        private var slots = [UInt64](repeating: 0, count: 16)
        private var shift: UInt64 = 64 - 4
        private var count = 0

        mutating func insert(_ key: UInt64, home: UInt64) -> Bool {
            if (count + 1) * 4 > slots.count * 3 { grow() }
            let shift = shift
            let found = slots.withUnsafeMutableBufferPointer { slots in
                let (slot, found) = Self.probe(UnsafeBufferPointer(slots), for: key, home: home, shift: shift)
                if !found { slots[slot] = key }
                return found
            }
            if !found { count += 1 }
            return !found
        }

        func contains(_ key: UInt64, home: UInt64) -> Bool {
            slots.withUnsafeBufferPointer { Self.probe($0, for: key, home: home, shift: shift).found }
        }

        /// The slot holding `key`, or the empty slot where it would go.
        private static func probe(
            _ slots: UnsafeBufferPointer<UInt64>, for key: UInt64, home: UInt64, shift: UInt64
        ) -> (slot: Int, found: Bool) {
            var slot = Int(truncatingIfNeeded: home >> shift)
            while slots[slot] != 0 {
                if slots[slot] == key { return (slot, true) }
                slot = (slot + 1) & (slots.count - 1)
            }
            return (slot, false)
        }

        private mutating func grow() {
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            shift -= 1
            let shift = shift
            slots.withUnsafeMutableBufferPointer { slots in
                for key in old where key != 0 {
                    let home = FingerprintSet.home(of: key) << FingerprintSet.partBits
                    slots[Self.probe(UnsafeBufferPointer(slots), for: key, home: home, shift: shift).slot] = key
                }
            }
        }
    }
}
