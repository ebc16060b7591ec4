import ArgumentParser
import Benchmarks
import Describer
import Pipeline

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput: the pipeline with indexed and RGB images, streaming, and the peers.",
        discussion: """
            On one thread, each round generates --count samples into a temporary folder (sample, \
            rasterize, describe, encode, write) with the run's image kind and with the other one, \
            with captions only, writing nothing, and streamed into /dev/null (and --compare-plan, \
            when given), then encodes the same images again with libpng alone, in memory. Rounds \
            interleave them so machine noise hits all; ratios of medians are the figures to read. \
            Then whole processes run one after another on the same count: scenewright with \
            indexed and with RGB images, the naive C generator built from \
            ../shared/peers/png_limit.c and Pillow's script (--peer) at level 6 and at the run's \
            level (--no-peers skips them). Last, indexed edges are compared with full \
            anti-aliasing. With --png-table, every zlib level and row filter is timed on the \
            same images.
            """)

    @OptionGroup var planOptions: PlanOptions
    @OptionGroup var png: PNGOptionGroup

    @Option(name: .long, help: "Samples per round.")
    var count: Int = 1000

    @Option(name: .long, help: "Rounds (medians are reported).")
    var rounds: Int = 3

    @Option(name: .long, help: "Worker threads for the pipeline (the targets are stated for 1).")
    var workers: Int = 1

    @Option(name: .long, help: "Path of pil_peer.py to run side by side (skipped when absent).")
    var peer: String?

    @Option(name: .long, help: "Python interpreter with Pillow for the peer.")
    var python: String?

    @Option(
        name: .long,
        help:
            "Folder the pipeline writes into (default: a RAM-backed folder under /dev/shm when there is one, so the figure measures Scenewright rather than the disk)."
    )
    var dir: String?

    @Option(
        name: .long,
        help:
            "Formats the pipeline writes, comma-separated (\(OutputFormats.names.joined(separator: ", "))); each round also runs the same pipeline writing nothing."
    )
    var format: String = "webdataset"

    @Option(name: .long, help: "Samples per shard.")
    var shardSize: Int = RunSetup.defaultShardSize

    @Flag(name: .customLong("text-breakdown"), help: "Also time describing with each kind of text alone.")
    var textBreakdown = false

    @Option(
        name: .long, help: "Also time the pipeline making this many counterfactual twins per sample (docs/TWINS.md).")
    var twins: Int = 0

    @Flag(name: .customLong("png-table"), help: "Also time every zlib level x row filter on the same images.")
    var pngTable = false

    @Flag(
        name: .customLong("no-peers"),
        help: "Skip the whole-process comparison (both image kinds, the naive C and the Pillow peers).")
    var noPeers = false

    @Option(
        name: .customLong("compare-plan"),
        help: "A second plan timed in the same rounds, e.g. scenes/occlusion.yaml (stacked plans: target 0.7).")
    var comparePlan: String?

    @Option(
        name: .long,
        help:
            "Also time the plan with conversations added, COUNTxTURNS per image (e.g. 2x4; every turn kind, reasoning steps), against the plan as it is."
    )
    var conversations: String?

    func run() throws {
        var loaded = try planOptions.load()
        let pngOptions = png.options(drawing: &loaded)
        var added: ConversationOptions?
        if let conversations {
            let parts = conversations.split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2, (1...20).contains(parts[0]), (1...20).contains(parts[1]) else {
                throw ValidationError(
                    "--conversations: expected COUNTxTURNS with each 1 to 20 (e.g. 2x4), got '\(conversations)'")
            }
            added = ConversationOptions(count: parts[0], turns: parts[1])
        }
        try CLIError.report {
            var benchmark = PipelineBenchmark(
                setup: loaded, seed: planOptions.seed, png: pngOptions, count: count, rounds: rounds,
                workers: workers, peer: peer, python: python, dir: dir,
                formats: format.split(separator: ",").map(String.init), shardSize: shardSize,
                textBreakdown: textBreakdown, pngTable: pngTable, peers: !noPeers, comparePlan: comparePlan,
                version: Scenewright.version)
            benchmark.twins = max(0, min(twins, 16))
            benchmark.conversations = added
            try benchmark.run { print($0) }
        }
    }
}
