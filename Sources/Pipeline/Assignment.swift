import DatasetWriters
import Foundation

/// Which shards of a run this process makes: all of them, an explicit range, or one task's
/// contiguous block, from flags or from the scheduler's environment (Slurm job arrays,
/// Kubernetes Indexed Jobs). Resolved once, before anything is written, and logged.
public struct Assignment: Sendable, Equatable {
    /// Shard numbers this process makes, in order.
    public var shards: ClosedRange<Int>
    /// Whether that is the whole run (then the process also finalizes).
    public var isWholeRun: Bool
    /// Where the assignment came from, for the log line.
    public var source: String

    public init(shards: ClosedRange<Int>, isWholeRun: Bool, source: String) {
        self.shards = shards
        self.isWholeRun = isWholeRun
        self.source = source
    }

    /// The block of `total` shards that task `task` of `tasks` makes: contiguous, sizes
    /// differing by at most one, every shard in exactly one block.
    public static func block(task: Int, of tasks: Int, total: Int) -> ClosedRange<Int>? {
        let start = task * total / tasks
        let end = (task + 1) * total / tasks
        return end > start ? start...(end - 1) : nil
    }

    /// Resolves the assignment. Flags win over the environment; conflicting flags, an index out
    /// of range or a half-given pair are errors that say what to change.
    ///
    /// - Parameters:
    ///   - shardIndex: `--shard-index`: `i` or `i-j` (inclusive).
    ///   - taskIndex, taskCount: `--task-index`, `--num-tasks`.
    ///   - total: shards in the run.
    public static func resolve(
        shardIndex: String?, taskIndex: Int?, taskCount: Int?, total: Int, environment: [String: String]
    ) throws(PipelineError) -> Assignment {
        guard total > 0 else { throw .options("the run has no shards") }
        let all = 0...(total - 1)
        if let shardIndex {
            guard taskIndex == nil else {
                throw .options("--shard-index and --task-index exclude each other: give one")
            }
            let parts = shardIndex.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts[parts.count - 1]),
                first >= 0, first <= last
            else {
                throw .options("--shard-index '\(shardIndex)': expected a shard number i or a range i-j with i <= j")
            }
            guard last < total else {
                throw .options(
                    "--shard-index \(shardIndex) is out of range: the run has \(total) shards (0-\(total - 1))")
            }
            return Assignment(shards: first...last, isWholeRun: first...last == all, source: "--shard-index")
        }
        if taskIndex != nil || environment["JOB_COMPLETION_INDEX"] != nil {
            let (t, source): (Int, String)
            if let taskIndex {
                (t, source) = (taskIndex, "--task-index")
            } else {
                let raw = environment["JOB_COMPLETION_INDEX"] ?? ""
                guard let value = Int(raw) else {
                    throw .options("JOB_COMPLETION_INDEX='\(raw)' is not a task index")
                }
                (t, source) = (value, "JOB_COMPLETION_INDEX")
            }
            guard let tasks = taskCount else {
                throw .options("\(source) needs --num-tasks, the number of tasks the run is split into")
            }
            return try block(t, tasks, total: total, source: source)
        }
        if taskCount != nil, environment["SLURM_ARRAY_TASK_ID"] == nil {
            throw .options("--num-tasks needs --task-index (or a scheduler's task index in the environment)")
        }
        if let raw = environment["SLURM_ARRAY_TASK_ID"] {
            guard let id = Int(raw) else { throw .options("SLURM_ARRAY_TASK_ID='\(raw)' is not a number") }
            let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0
            guard let tasks = taskCount ?? environment["SLURM_ARRAY_TASK_COUNT"].flatMap({ Int($0) }) else {
                throw .options("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; pass --num-tasks")
            }
            return try block(id - minimum, tasks, total: total, source: "SLURM_ARRAY_TASK_ID")
        }
        return Assignment(shards: all, isWholeRun: true, source: "single process")
    }

    static func block(_ t: Int, _ tasks: Int, total: Int, source: String) throws(PipelineError) -> Assignment {
        guard tasks >= 1 else { throw .options("the number of tasks must be at least 1, got \(tasks)") }
        guard t >= 0, t < tasks else {
            throw .options("\(source): task \(t) is out of range for \(tasks) tasks (0-\(tasks - 1))")
        }
        guard tasks <= total, let shards = Assignment.block(task: t, of: tasks, total: total) else {
            throw .options(
                "\(tasks) tasks for \(total) shards: some tasks would have nothing to do; use fewer tasks or smaller shards (--shard-size, --num-shards)"
            )
        }
        return Assignment(
            shards: shards, isWholeRun: tasks == 1, source: "\(source) (task \(t) of \(tasks))")
    }
}

/// How many worker threads to use by default: the CPUs this process may run on (its affinity
/// mask, which batch systems and `taskset` set), or Slurm's `SLURM_CPUS_PER_TASK` when that is
/// smaller.
public enum WorkerCount {
    public static func automatic(environment: [String: String]) -> Int {
        var n = allowedCPUs() ?? ProcessInfo.processInfo.activeProcessorCount
        if let slurm = environment["SLURM_CPUS_PER_TASK"].flatMap({ Int($0) }), slurm >= 1 { n = min(n, slurm) }
        return max(1, n)
    }

    /// CPUs in this process's affinity mask, from `/proc/self/status` (`Cpus_allowed_list`).
    static func allowedCPUs() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed_list:") {
            return count(list: String(line.dropFirst("Cpus_allowed_list:".count)))
        }
        return nil
    }

    /// Counts a CPU list such as `0-3,8,10-11`.
    static func count(list: String) -> Int? {
        var n = 0
        for part in list.split(separator: ",") {
            let bounds = part.trimmingCharacters(in: .whitespaces).split(separator: "-")
            guard let a = bounds.first.flatMap({ Int($0) }) else { return nil }
            let b = bounds.count > 1 ? Int(bounds[1]) ?? a : a
            n += max(0, b - a + 1)
        }
        return n > 0 ? n : nil
    }
}
