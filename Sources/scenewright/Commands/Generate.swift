import ArgumentParser
import DatasetWriters
import Describer
import Foundation
import Pipeline

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate a dataset in one or more formats (default: WebDataset shards).",
        discussion: """
            Samples are made shard by shard (--shard-size samples each). Each finished shard is \
            marked complete; `--resume` keeps complete shards and makes the rest. When every \
            shard is done, the whole-run files (COCO, VQA, CLEVR, RefCOCO, the dataset card, \
            samples.jsonl) are merged from the shards' pieces and run.json is written last. \
            `--start-index 81234 --count 1` regenerates exactly sample 81234 of a larger run with \
            the same plan and seed. Formats: \(OutputFormats.names.joined(separator: ", ")) \
            (docs/FORMATS.md).
            """)

    @OptionGroup var planOptions: PlanOptions
    @OptionGroup var png: PNGOptionGroup

    @Option(name: .long, help: "Number of samples.")
    var count: Int = 1000

    @Option(name: .long, help: "Global index of the first sample.")
    var startIndex: UInt64 = 0

    @Option(name: .long, help: "Output folder.")
    var out: String = "out"

    @Option(
        name: .long,
        help: "Formats, comma-separated: \(OutputFormats.names.joined(separator: ", ")) (default: webdataset).")
    var format: String?

    @Flag(
        name: .long,
        help:
            "Write a held-out test set (the heldout format: items without answers in heldout/, the answer key in heldout-key/); without --format, the only format."
    )
    var heldout = false

    @Option(name: .long, help: "Samples per shard (default: 1000; the last shard may be short).")
    var shardSize: Int?

    @Option(name: .long, help: "Split the run into exactly this many shards instead (--count must divide evenly).")
    var numShards: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Make only these shards: i or i-j (inclusive); the rest are left to other processes.",
            discussion: "Without it (and without --task-index or a scheduler's task variables) every shard is made."))
    var shardIndex: String?

    @Option(
        name: .long,
        help:
            "Make task t's contiguous block of shards, of --num-tasks tasks (Slurm arrays and Kubernetes Indexed Jobs set t themselves)."
    )
    var taskIndex: Int?

    @Option(
        name: .long,
        help:
            "Number of tasks the run is split into (with --task-index, or Kubernetes' JOB_COMPLETION_INDEX; Slurm's SLURM_ARRAY_TASK_COUNT otherwise)."
    )
    var numTasks: Int?

    @Option(name: .long, help: "Shard file names: <prefix>-000000.tar.")
    var shardPrefix: String = RunSetup.defaultPrefix

    @Option(
        name: .long,
        help:
            "Grounding styles of the grounding format, comma-separated: \(GroundingStyle.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var grounding: String = GroundingStyle.allCases.map(\.rawValue).joined(separator: ",")

    @Option(
        name: .long,
        help:
            "Counterfactual twins per sample (0-16): images that differ from it by one stated edit, keyed <key>-t<k> (default: the plan's twins:)."
    )
    var twins: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A score report (score.json of a dataset made with this plan): generate from a derived plan whose weights lean toward what the model got wrong.",
            discussion:
                "The derived plan is written to <out>/focus-plan.yaml and named in run.json; docs/SCORE.md, \"Closing the loop\"."
        ))
    var focus: String?

    @Option(name: .long, help: "With --focus: the least share of its weight any value keeps (above 0, at most 1).")
    var focusFloor: Double = FocusPlan.defaultFloor

    @Flag(name: .long, help: "Also write each sample's object-id plane as <key>.mask.png in the WebDataset shards.")
    var masks = false

    @Option(name: .long, help: "Worker threads (default: the CPUs this process may use, or SLURM_CPUS_PER_TASK).")
    var workers: Int?

    @Flag(name: .long, help: "Replace a dataset already in the output folder.")
    var overwrite = false

    @Flag(name: .long, help: "Finish an interrupted run of the same command: keep complete shards, make the rest.")
    var resume = false

    @Flag(name: .long, help: "Print nothing but errors (no progress, no summary).")
    var quiet = false

    var formatNames: [String] {
        let chosen = format.map { $0.split(separator: ",").map { String($0) } } ?? (heldout ? [] : ["webdataset"])
        return heldout && !chosen.contains(HeldOutFormat.name) ? chosen + [HeldOutFormat.name] : chosen
    }
    var groundingStyles: [GroundingStyle] {
        grounding.split(separator: ",").compactMap { GroundingStyle(rawValue: String($0)) }
    }

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if let shardSize, shardSize < 1 { throw ValidationError("--shard-size must be at least 1") }
        if let numShards {
            guard shardSize == nil else {
                throw ValidationError("--shard-size and --num-shards exclude each other: give one")
            }
            guard numShards >= 1, numShards <= count else {
                throw ValidationError("--num-shards must be 1 to --count (\(count))")
            }
            guard count % numShards == 0 else {
                throw ValidationError(
                    "--count \(count) does not divide into \(numShards) equal shards; choose a --count that is a multiple of \(numShards), or use --shard-size"
                )
            }
        }
        if let numTasks, numTasks < 1 { throw ValidationError("--num-tasks must be at least 1") }
        if let twins, !(0...16).contains(twins) { throw ValidationError("--twins must be 0 to 16") }
        guard startIndex <= UInt64(Int64.max) - UInt64(count) else {
            throw ValidationError("--start-index is too large")
        }
        for name in formatNames where !OutputFormats.names.contains(name) {
            throw ValidationError(
                "unknown format '\(name)'; valid formats: \(OutputFormats.names.joined(separator: ", "))")
        }
        for style in grounding.split(separator: ",") where GroundingStyle(rawValue: String(style)) == nil {
            throw ValidationError(
                "unknown grounding style '\(style)'; valid: \(GroundingStyle.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        guard !shardPrefix.isEmpty,
            shardPrefix.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: ".") }
            )
        else {
            throw ValidationError("--shard-prefix must be printable ASCII without '/', '.' or spaces")
        }
        guard focusFloor > 0, focusFloor <= 1 else {
            throw ValidationError("--focus-floor must be above 0 and at most 1")
        }
        guard !(overwrite && resume) else { throw ValidationError("--overwrite and --resume exclude each other") }
        if overwrite && (shardIndex != nil || taskIndex != nil) {
            throw ValidationError(
                "--overwrite cannot be used by one task of a split run (it would remove the other tasks' shards); clear the folder once before starting the tasks"
            )
        }
    }

    var samplesPerShard: Int { numShards.map { count / $0 } ?? shardSize ?? RunSetup.defaultShardSize }

    func run() throws {
        var loaded = try planOptions.load()
        if let focus { loaded = try focused(loaded, report: focus) }
        let pngOptions = png.options(drawing: &loaded)
        let withAnswers = formatNames.filter { $0 != HeldOutFormat.name }
        if formatNames.contains(HeldOutFormat.name), !withAnswers.isEmpty, !quiet {
            log(
                "note: \(withAnswers.joined(separator: ", ")) carry the answers; ship only images/ and heldout/ of this folder"
            )
        }
        try CLIError.report {
            var job = GenerationJob(
                plan: loaded, seed: planOptions.seed, png: pngOptions,
                indices: startIndex..<(startIndex + UInt64(count)),
                samplesPerShard: samplesPerShard, shardPrefix: shardPrefix, formats: formatNames, masks: masks,
                grounding: groundingStyles, shardIndex: shardIndex, taskIndex: taskIndex, taskCount: numTasks,
                workers: workers, out: out, overwrite: overwrite, resume: resume, quiet: quiet,
                version: Scenewright.version)
            job.twins = twins
            if focus != nil { job.focusPlan = FocusPlan.fileName }
            let outcome: GenerationJob.Outcome
            do {
                outcome = try job.run(log: log)
            } catch PipelineError.interrupted {
                throw ExitCode(130)
            }
            if !quiet {
                let seconds = outcome.seconds
                let samples = outcome.summary.samples
                print(
                    "wrote \(samples) samples\(twinNote(samples, twins ?? loaded.plan.twins)) in \(outcome.shardsMade) shards (\(outcome.summary.bytes / 1024) KiB) to \(out) as \(outcome.formatNames.joined(separator: ", ")) in "
                        + String(format: "%.2f s, %.0f samples/s", seconds, seconds > 0 ? Double(samples) / seconds : 0)
                        + (outcome.unfinished == 0
                            ? "" : " (not finalized: \(outcome.unfinished) shards left to other tasks)")
                )
            }
        }
    }

    /// The run's plan derived from `setup` and the score report `report`: its changes told on
    /// standard error, the plan itself written into the output folder by the job.
    func focused(_ setup: PlanSetup, report: String) throws -> PlanSetup {
        try CLIError.report {
            let derived = try FocusPlan(reportPath: report, setup: setup, floor: focusFloor)
            if !quiet {
                for line in derived.summary { log(line) }
                for r in derived.relations {
                    log(
                        "focus: relation \(r.name): \(r.total - r.correct) of \(r.total) wrong (reported; weighted through its families)"
                    )
                }
                log("focus: plan \(derived.name) -> \(out)/\(FocusPlan.fileName)")
            }
            return try planOptions.load(
                planBytes: Array(derived.text.utf8), shown: out + "/" + FocusPlan.fileName)
        }
    }

    /// ", each with K twins (N records)" when the run makes twins.
    func twinNote(_ samples: Int, _ k: Int) -> String {
        guard k > 0 else { return "" }
        return ", each with \(k) twin\(k == 1 ? "" : "s") (\(samples * (1 + k)) records)"
    }

    func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
