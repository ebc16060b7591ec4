import ArgumentParser
import DatasetWriters
import Foundation
import Pipeline

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a dataset in one or more formats (default: WebDataset shards).",
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
        help: "Formats, comma-separated: \(OutputFormats.names.joined(separator: ", ")).")
    var format: String = "webdataset"

    @Option(name: .long, help: "Samples per shard.")
    var shardSize: Int = RunSetup.defaultShardSize

    @Option(name: .long, help: "Shard file names: <prefix>-000000.tar.")
    var shardPrefix: String = RunSetup.defaultPrefix

    @Option(
        name: .long,
        help:
            "Grounding styles of the grounding format, comma-separated: \(GroundingStyle.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var grounding: String = GroundingStyle.allCases.map(\.rawValue).joined(separator: ",")

    @Flag(name: .long, help: "Also write each sample's object-id plane as <key>.mask.png in the WebDataset shards.")
    var masks = false

    @Option(name: .long, help: "Worker threads (default: every available core).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Replace a dataset already in the output folder.")
    var overwrite = false

    @Flag(name: .long, help: "Finish an interrupted run of the same command: keep complete shards, make the rest.")
    var resume = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    var formatNames: [String] { format.split(separator: ",").map { String($0) } }
    var groundingStyles: [GroundingStyle] {
        grounding.split(separator: ",").compactMap { GroundingStyle(rawValue: String($0)) }
    }

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard shardSize >= 1 else { throw ValidationError("--shard-size must be at least 1") }
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
        guard !(overwrite && resume) else { throw ValidationError("--overwrite and --resume exclude each other") }
    }

    func run() throws {
        let loaded = try planOptions.load()
        try CLIError.report {
            let factory = SampleFactory(
                plan: loaded.plan, seed: planOptions.seed, lexicons: loaded.lexicons, text: loaded.text,
                png: png.options)
            let indices = startIndex..<(startIndex + UInt64(count))
            let setup = RunSetup(
                version: Scenewright.version, factory: factory,
                planBytes: [UInt8](try Data(contentsOf: loaded.planURL)),
                languages: loaded.languages, text: loaded.text, indices: indices, shardSize: shardSize,
                prefix: shardPrefix, formats: formatNames, masks: masks, grounding: groundingStyles)
            let outputs = try setup.formats(relations: loaded.plan.relations)
            let sink = try DatasetSink(
                directory: out, run: setup.info, formats: outputs.formats, manifest: setup.manifest.bytes,
                overwrite: overwrite, resume: resume)
            let shards = setup.info.shards
            let todo = resume ? shards.filter { !sink.isComplete($0) } : shards
            if resume && !quiet {
                FileHandle.standardError.write(
                    Data("resuming: \(shards.count - todo.count) of \(shards.count) shards already complete\n".utf8))
            }
            let summary = try Generation.run(
                factory: factory, shards: todo, sink: sink, workers: workers, idPlane: outputs.needsIDPlane)
            try sink.finalize(metadata: setup.completion)
            if !quiet {
                print(
                    "wrote \(summary.samples) samples in \(todo.count) shards (\(summary.bytes / 1024) KiB) to \(out) as \(setup.formatNames.joined(separator: ", ")) in "
                        + String(format: "%.2f s, %.0f samples/s", summary.seconds, summary.samplesPerSecond))
            }
        }
    }
}
