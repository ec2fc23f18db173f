import CorridorCore
@testable import CorridorIngest
import Testing

@Suite struct FingerprintSetTests {
    @Test func remembersExactlyWhatWasInsertedThroughGrowth() {
        var set = FingerprintSet()
        var reference = Set<Int>()
        var generator = SystemRandomNumberGenerator()
        // Keys that differ only in high bits, only in low bits, 0, and random ones.
        var keys = (0..<3000).map { $0 << 40 } + (0..<3000).map { $0 } + [0, -1, Int.min, Int.max]
        keys += (0..<20_000).map { _ in Int(truncatingIfNeeded: generator.next()) }
        for key in keys + keys.prefix(500) {
            #expect(set.insert(key) == reference.insert(key).inserted, "\(key)")
        }
        #expect(set.count == reference.count)
        for key in keys { #expect(set.contains(key)) }
        for offset in 1...1000 where !reference.contains(offset << 20 | 1) { #expect(!set.contains(offset << 20 | 1)) }
    }
}
