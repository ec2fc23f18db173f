import CorridorCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension StockTotals {
    /// Sorted runs of totals an import set aside in a temporary file: a report's totals grow with
    /// its size, so past a number of keys the tally writes them out and starts again, and an
    /// import's memory stays about the same whatever the size of its file. The file is unlinked as
    /// soon as it is opened, so it goes when the import ends, however it ends.
    final class TallySpill {
        private let descriptor: Int32
        private var length = 0
        /// Where each run starts in the file, and its number of entries.
        private(set) var runs: [(offset: Int, count: Int)] = []
        private static let stride = MemoryLayout<TallyEntry>.stride

        init() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("corridor-totals-\(UUID().uuidString)").path
            descriptor = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else { throw Self.failure("open") }
            unlink(path)
        }

        deinit { close(descriptor) }

        /// Adds a run, already sorted.
        func write(_ run: [TallyEntry]) throws {
            try run.withUnsafeBytes { bytes in
                try Self.whole(bytes.count, at: length, "write") { pwrite(descriptor, bytes.baseAddress! + $0, bytes.count - $0, $1) }
            }
            runs.append((length, run.count))
            length += run.count * Self.stride
        }

        /// Reads `count` entries of run `run` from its entry `first` into `buffer`, replacing it.
        func read(run: Int, from first: Int, count: Int, into buffer: inout [TallyEntry]) throws {
            let start = runs[run].offset + first * Self.stride
            let placeholder: TallyEntry = (TallyKey(site: 0, item: 0, owner: 0, expiry: nil), TallySum(milli: 0, latest: Day(ordinal: 0)))
            buffer = Array(repeating: placeholder, count: count)
            try buffer.withUnsafeMutableBytes { bytes in
                try Self.whole(bytes.count, at: start, "read") { pread(descriptor, bytes.baseAddress! + $0, bytes.count - $0, $1) }
            }
        }

        /// Repeats `io` (given the bytes done so far and the file offset to go on from) until all
        /// `count` bytes are through: `pread` and `pwrite` may move fewer than asked.
        private static func whole(_ count: Int, at offset: Int, _ step: String, _ io: (Int, off_t) -> Int) throws {
            var done = 0
            while done < count {
                let moved = io(done, off_t(offset + done))
                guard moved > 0 else { throw failure(step) }
                done += moved
            }
        }

        private static func failure(_ step: String) -> DomainError {
            .internalFailure("the import's totals could not be set aside (\(step): \(String(cString: strerror(errno))))")
        }
    }

    /// One sorted run as the merge reads it: in memory, or from the spill a slice at a time.
    struct TallyRun {
        private var buffer: [TallyEntry]
        private var position = 0
        private let spill: TallySpill?
        private let run: Int
        /// The next entry of a spilled run to read into the buffer, and how many it has.
        private var unread: Int, count: Int
        private static let slice = 8_192

        init(_ entries: [TallyEntry]) {
            (buffer, spill, run, unread, count) = (entries, nil, 0, entries.count, entries.count)
        }

        init(spilled run: Int, of spill: TallySpill) throws {
            (buffer, self.spill, self.run, unread, count) = ([], spill, run, 0, spill.runs[run].count)
            try refill()
        }

        var isEmpty: Bool { position == buffer.count }
        var head: TallyKey { buffer[position].key }

        mutating func next() throws -> TallyEntry {
            let entry = buffer[position]
            position += 1
            if position == buffer.count { try refill() }
            return entry
        }

        private mutating func refill() throws {
            guard let spill, unread < count else {
                buffer = []
                position = 0
                return
            }
            let slice = min(Self.slice, count - unread)
            try spill.read(run: run, from: unread, count: slice, into: &buffer)
            (unread, position) = (unread + slice, 0)
        }
    }

    /// Sorted runs merged into one run in key order, the sums of equal keys added up: the runs the
    /// tally set aside, its parts, and the totals other organisations reported at its sites.
    struct TallyMerge {
        private var runs: [TallyRun]
        /// Run indexes, a binary min-heap by each run's next key.
        private var heap: [Int] = []

        init(_ runs: [TallyRun]) {
            self.runs = runs
            for run in runs.indices where !runs[run].isEmpty { push(run) }
        }

        mutating func next() throws -> TallyEntry? {
            guard var entry = try pop() else { return nil }
            while let run = heap.first, runs[run].head == entry.key, let same = try pop() { entry.sum.add(same.sum) }
            return entry
        }

        private mutating func pop() throws -> TallyEntry? {
            guard let run = heap.first else { return nil }
            let entry = try runs[run].next()
            if runs[run].isEmpty {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
            return entry
        }

        private func less(_ a: Int, _ b: Int) -> Bool { runs[heap[a]].head < runs[heap[b]].head }

        private mutating func push(_ run: Int) {
            heap.append(run)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard less(child, parent) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }

        private mutating func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var least = parent
                if left < heap.count, less(left, least) { least = left }
                if right < heap.count, less(right, least) { least = right }
                guard least != parent else { return }
                heap.swapAt(parent, least)
                parent = least
            }
        }
    }
}
