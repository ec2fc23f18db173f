import Testing
import CorridorCore
@testable import CorridorIngest

@Suite struct ByteKeyTableTests {
    static func find(_ table: ByteKeyTable<Int>, _ key: [UInt8], hash: UInt64? = nil) -> Int? {
        key.withUnsafeBytes { table.find($0, hash: hash ?? ByteHash.of($0)) }
    }

    static func insert(_ table: ByteKeyTable<Int>, _ key: [UInt8], value: Int, hash: UInt64? = nil) {
        key.withUnsafeBytes { table.insert($0, hash: hash ?? ByteHash.of($0), value: value) }
    }

    /// Keys of every length around the inline limit, through growth, found exactly.
    @Test func findsEveryKeyThroughGrowthAndNoOther() {
        let table = ByteKeyTable<Int>()
        var generator = SplitMix64(seed: 7)
        var keys: [[UInt8]] = [[]]
        for index in 1..<20_000 {
            let length = index % 100
            keys.append((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) } + Array("\(index)".utf8))
        }
        for (value, key) in keys.enumerated() { Self.insert(table, key, value: value) }
        #expect(table.count == keys.count)
        for (value, key) in keys.enumerated() { #expect(Self.find(table, key) == value) }
        for key in keys.prefix(500) where !key.isEmpty {
            #expect(Self.find(table, key + [0]) == nil)
            #expect(Self.find(table, Array(key.dropLast())) == nil || key.count == 1)
        }
        table.removeAll()
        #expect(table.count == 0 && Self.find(table, keys[5]) == nil)
    }

    /// Keys whose hashes are equal are told apart by their bytes, wherever they differ (in a
    /// whole word, in the bytes after the last one, or only in length).
    @Test func keysWithTheSameHashAreToldApartByTheirBytes() {
        let table = ByteKeyTable<Int>()
        let base = [UInt8](repeating: 0x41, count: 50)
        var keys: [[UInt8]] = [Array(base.prefix(47)), Array(base.prefix(48))]
        for position in [0, 46, 47, 48, 49] {
            var key = base
            key[position] = 0x42
            keys.append(key)
            if position < 47 { keys.append(Array(key.prefix(47))) }
        }
        for (value, key) in keys.enumerated() { Self.insert(table, key, value: value, hash: 0xABCD_0000_0000_0001) }
        for (value, key) in keys.enumerated() { #expect(Self.find(table, key, hash: 0xABCD_0000_0000_0001) == value) }
        #expect(Self.find(table, base, hash: 0xABCD_0000_0000_0001) == nil)
        #expect(Self.find(table, keys[0], hash: 0xABCD_0000_0000_0002) == nil)
    }
}
