/// Lets one SQLite write transaction of this process run at a time. SQLite allows one writer
/// anyway; without this gate, waiting writers sit inside SQLite's busy handler on the few
/// blocking-pool threads, and the writer holding the lock cannot run its next statement — a
/// deadlock until the busy timeout. Here they wait as suspended tasks instead.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
