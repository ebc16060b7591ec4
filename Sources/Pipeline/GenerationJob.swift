import DatasetWriters
import Describer
import Foundation
import PNGCodec
import SampleRecords

/// A `generate` run as asked for: which samples, how they split into shards and which of those
/// this process makes, what is written where. ``run(log:)`` makes this process's shards,
/// finalizes the run when every shard is complete, and says what it did.
public struct GenerationJob {
    public var plan: PlanSetup
    public var seed: UInt64
    public var png: PNGOptions
    public var indices: Range<UInt64>
    public var samplesPerShard: Int
    public var shardPrefix: String
    public var formats: [String]
    public var masks: Bool
    public var grounding: [GroundingStyle]
    /// Which shards this process makes (see ``Assignment/resolve(shardIndex:taskIndex:taskCount:total:environment:)``).
    public var shardIndex: String?
    public var taskIndex: Int?
    public var taskCount: Int?
    /// nil: the CPUs this process may use.
    public var workers: Int?
    public var out: String
    public var overwrite: Bool
    public var resume: Bool
    /// Log nothing but a stop.
    public var quiet: Bool
    /// The tool's version, written into the manifest.
    public var version: String
    /// Counterfactual twins per sample; nil: the plan's `twins:`.
    public var twins: Int?
    /// A derived plan (`generate --focus`): written into the output folder under this name once
    /// the folder is accepted, and named in the manifest (`focus_plan`) for `verify` and resume.
    /// Its bytes are ``PlanSetup/planBytes`` of `plan`.
    public var focusPlan: String?

    public init(
        plan: PlanSetup, seed: UInt64, png: PNGOptions, indices: Range<UInt64>, samplesPerShard: Int,
        shardPrefix: String, formats: [String], masks: Bool, grounding: [GroundingStyle], shardIndex: String?,
        taskIndex: Int?, taskCount: Int?, workers: Int?, out: String, overwrite: Bool, resume: Bool, quiet: Bool,
        version: String
    ) {
        self.plan = plan
        self.seed = seed
        self.png = png
        self.indices = indices
        self.samplesPerShard = samplesPerShard
        self.shardPrefix = shardPrefix
        self.formats = formats
        self.masks = masks
        self.grounding = grounding
        self.shardIndex = shardIndex
        self.taskIndex = taskIndex
        self.taskCount = taskCount
        self.workers = workers
        self.out = out
        self.overwrite = overwrite
        self.resume = resume
        self.quiet = quiet
        self.version = version
    }

    /// What a finished ``run(log:)`` did.
    public struct Outcome: Sendable {
        public var summary: RunSummary
        /// Shards this process made.
        public var shardsMade: Int { summary.shards }
        public var seconds: Double
        public var formatNames: [String]
        /// Shards of the run not complete yet (left to other tasks); 0 once finalized.
        public var unfinished: Int
    }

    /// Makes this process's shards. Lines for the user go to `log`; a stop by Ctrl-C or SIGTERM
    /// logs how to resume and throws ``PipelineError/interrupted``.
    public func run(log: (String) -> Void) throws -> Outcome {
        // Handled from before the first file is written: a stop from here on leaves the folder
        // clean.
        let interruption = Interruption()
        interruption.install()
        let environment = ProcessInfo.processInfo.environment
        let factory = plan.factory(seed: seed, png: png, twins: twins)
        if factory.twins > 0, factory.plan.chart != nil {
            throw PipelineError.options(
                "\(factory.plan.name): chart plans make no counterfactual twins: a twin edits one object of a scene, "
                    + "and a chart's marks and text follow from its data, not from objects (generate without --twins, "
                    + "or twins: 0 in the plan)")
        }
        let setup = RunSetup(
            version: version, factory: factory, planBytes: plan.planBytes,
            languages: plan.languages, text: plan.text, indices: indices, shardSize: samplesPerShard,
            prefix: shardPrefix, formats: formats, masks: masks, grounding: grounding, focusPlan: focusPlan)
        let shards = setup.info.shards
        let assignment = try Assignment.resolve(
            shardIndex: shardIndex, taskIndex: taskIndex, taskCount: taskCount, total: shards.count,
            environment: environment)
        if overwrite && !assignment.isWholeRun {
            throw PipelineError.options(
                "--overwrite cannot be used by one task of a split run (\(assignment.source)): it would remove the other tasks' shards; clear the folder once before starting the tasks"
            )
        }
        let workerCount = workers ?? WorkerCount.automatic(environment: environment)
        let outputs = try setup.formats()
        let sink = try DatasetSink(
            directory: out, run: setup.info, formats: outputs.formats, manifest: setup.manifest.bytes,
            overwrite: overwrite, resume: resume || !assignment.isWholeRun,
            claimMaxAge: try Claims.maxAge(environment: environment))
        interruption.onQuickExit { sink.abandon() }
        if let focusPlan { try AtomicFile.write(plan.planBytes, to: out + "/" + focusPlan) }
        let mine = Array(shards[assignment.shards])
        // Rereading the kept shards takes a while on a large run: a stop ends it too.
        let todo = try mine.filter { shard in
            if interruption.isRequested { throw PipelineError.interrupted }
            return !resume || !sink.isComplete(shard)
        }
        if !quiet {
            log(
                "\(setup.info.count) samples in \(shards.count) shards of \(samplesPerShard); this process: shards "
                    + "\(assignment.shards.lowerBound)-\(assignment.shards.upperBound) (\(assignment.source)), "
                    + "\(todo.count) to make"
                    + (resume ? " (\(mine.count - todo.count) already complete)" : "")
                    + ", \(workerCount) worker\(workerCount == 1 ? "" : "s")")
        }
        let progress = Progress(total: todo.reduce(0) { $0 + $1.count }, style: Progress.style(quiet: quiet))
        let summary: RunSummary
        do throws(PipelineError) {
            summary = try Generation.run(
                factory: factory, shards: todo, sink: sink, workers: workerCount, needs: outputs.needs,
                progress: progress, interruption: interruption, skipComplete: resume,
                stopWhenClaimed: shardIndex != nil)
        } catch {
            if case .interrupted = error {
                progress.finish()
                let left = sink.unfinishedShards().count
                log(
                    "stopped: \(shards.count - left) of \(shards.count) shards are complete in \(out); run the same command with --resume (instead of --overwrite) to finish"
                )
            }
            throw error
        }
        progress.finish()
        // A stop asked while the last shards were written: every shard is complete, and
        // `--resume` only finalizes.
        if interruption.isRequested {
            log("stopped before finalizing \(out); run the same command with --resume to finalize it")
            throw PipelineError.interrupted
        }
        if summary.skipped > 0 && !quiet {
            log(
                "\(summary.skipped) of these shards were left to other processes sharing \(out) (claimed or finished by them)"
            )
        }
        // Every claim of this process is released by now: if another process still holds one,
        // it finalizes after releasing its own.
        let unfinished = sink.unfinishedShards()
        if unfinished.isEmpty {
            if let (name, owner) = try sink.finalizeUnlessClaimed(metadata: setup.completion), !quiet {
                log("not finalized here: \(DatasetSink.describe(claim: name, owner: owner)); that process finalizes")
            }
        } else if !quiet {
            log(
                "\(shards.count - unfinished.count) of \(shards.count) shards complete; when every task is done, run `scenewright finalize \(out)`"
            )
        }
        return Outcome(
            summary: summary, seconds: progress.elapsed, formatNames: setup.formatNames,
            unfinished: unfinished.count)
    }
}
