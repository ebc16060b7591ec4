import ArgumentParser
import DatasetWriters
import Foundation
import Pipeline

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a dataset: images/<key>.png and samples.jsonl (one record per line).",
        discussion: """
            Writes into a staging folder and moves the finished dataset into place, then writes \
            run.json last. `--start-index 81234 --count 1` regenerates exactly sample 81234 of a \
            larger run with the same plan and seed.
            """)

    @OptionGroup var planOptions: PlanOptions
    @OptionGroup var png: PNGOptionGroup

    @Option(name: .long, help: "Number of samples.")
    var count: Int = 1000

    @Option(name: .long, help: "Global index of the first sample.")
    var startIndex: UInt64 = 0

    @Option(name: .long, help: "Output folder.")
    var out: String = "out"

    @Option(name: .long, help: "Worker threads (default: every available core).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Replace a dataset already in the output folder.")
    var overwrite = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard startIndex <= UInt64(Int64.max) - UInt64(count) else {
            throw ValidationError("--start-index is too large")
        }
    }

    func run() throws {
        let loaded = try planOptions.load()
        try CLIError.report {
            let factory = SampleFactory(
                plan: loaded.plan, seed: planOptions.seed, lexicons: loaded.lexicons, text: loaded.text,
                png: png.options)
            let indices = startIndex..<(startIndex + UInt64(count))
            let metadata = RunMetadata.json(
                version: Scenewright.version, factory: factory, planFile: loaded.planPath,
                languages: loaded.languages, indices: indices, format: "folder")
            let sink = try FolderSink(directory: out, overwrite: overwrite)
            let summary = try Generation.run(
                factory: factory, indices: indices, workers: workers, sink: sink, metadata: metadata)
            if !quiet {
                print(
                    "wrote \(summary.samples) samples (\(summary.bytes / 1024) KiB of PNG) to \(out)/ in "
                        + String(format: "%.2f s, %.0f samples/s", summary.seconds, summary.samplesPerSecond))
            }
        }
    }
}
