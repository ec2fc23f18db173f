/// Long lists of ids bound into `IN (…)` a part at a time: both databases limit the parameters
/// of one statement (SQLite to 32,766, PostgreSQL to 65,535).
enum BoundLists {
    static let idsPerStatement = 10_000

    /// `ids` in consecutive parts of at most `idsPerStatement`, in order.
    static func parts<T>(of ids: [T]) -> [[T]] {
        stride(from: 0, to: ids.count, by: idsPerStatement).map { Array(ids[$0..<min($0 + idsPerStatement, ids.count)]) }
    }
}
