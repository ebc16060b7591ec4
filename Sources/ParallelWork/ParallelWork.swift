import Dispatch
import Synchronization

/// Runs independent pieces of work on several threads and gives their results in index order,
/// so output never depends on the worker count or on timing.
public enum ParallelWork {
    /// `work(0), work(1), ..., work(count - 1)`, in that order, on up to `workers` threads.
    ///
    /// Each thread takes the lowest index not yet taken when it is free, so uneven items
    /// balance. When items fail, no index above the lowest failed one is started, and the
    /// error of the lowest failing index is thrown: the same error a single thread would meet.
    public static func map<T: Sendable, E: Error>(
        count: Int, workers: Int, _ work: @Sendable (Int) throws(E) -> T
    ) throws(E) -> [T] {
        guard workers > 1, count > 1 else {
            var out: [T] = []
            out.reserveCapacity(max(0, count))
            for k in 0..<max(0, count) { out.append(try work(k)) }
            return out
        }
        let state = Mutex(Progress<T, E>(count: count))
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { _ in
            while let k = state.withLock({ $0.take() }) {
                let result = Result { () throws(E) -> T in try work(k) }
                state.withLock { $0.finish(k, result) }
            }
        }
        let results = state.withLock { $0.takeResults() }
        var out: [T] = []
        out.reserveCapacity(count)
        for result in results {
            // Every index below the lowest failure ran, so results up to it are all present.
            guard let result else { break }
            out.append(try result.get())
        }
        return out
    }

    /// Which index is next, the results so far and the lowest failed index.
    struct Progress<T: Sendable, E: Error>: ~Copyable {
        var next = 0
        var results: [Result<T, E>?]
        var lowestFailure = Int.max

        init(count: Int) { results = Array(repeating: nil, count: count) }

        mutating func take() -> Int? {
            guard next < results.count, next < lowestFailure else { return nil }
            next += 1
            return next - 1
        }

        mutating func finish(_ k: Int, _ result: Result<T, E>) {
            if case .failure = result { lowestFailure = min(lowestFailure, k) }
            results[k] = result
        }

        mutating func takeResults() -> [Result<T, E>?] {
            let out = results
            results = []
            return out
        }
    }
}
