import ArgumentParser
import DatasetWriters
import Foundation
import Glibc
import Pipeline

struct Stream: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Write WebDataset tar bytes to standard output, for a training job to read as they are made.",
        discussion: """
            With --shard-index I the stream is shard I of a run of --shard-size samples per shard: \
            the same members with the same bytes as the tar `generate` writes with the same plan, \
            seed, shard size and encoding options. Without it the stream starts at --start-index \
            and, without --count, runs until the reader closes it; every sample is still the \
            sample of (plan, seed, index). A reader that closes the pipe ends the stream quietly \
            with exit status 0. Progress and errors go to standard error only.
            """)

    @OptionGroup var planOptions: PlanOptions
    @OptionGroup var png: PNGOptionGroup

    @Option(name: .long, help: "Stream shard I: samples I*size ..< (I+1)*size.")
    var shardIndex: Int?

    @Option(name: .long, help: "Samples per shard, as in generate.")
    var shardSize: Int = RunSetup.defaultShardSize

    @Option(name: .long, help: "First sample index (without --shard-index).")
    var startIndex: UInt64 = 0

    @Option(name: .long, help: "Samples to stream (without --shard-index; default: no end).")
    var count: Int?

    @Flag(name: .long, help: "Also stream each sample's object-id plane as <key>.mask.png.")
    var masks = false

    @Option(name: .long, help: "Worker threads (default: the cores available).")
    var workers: Int?

    func validate() throws {
        if let shardIndex {
            guard shardIndex >= 0 else { throw ValidationError("--shard-index must not be negative") }
            guard count == nil, startIndex == 0 else {
                throw ValidationError("--shard-index chooses the samples; leave out --start-index and --count")
            }
        }
        guard shardSize >= 1 else { throw ValidationError("--shard-size must be at least 1") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        guard startIndex <= UInt64(Int64.max) else {
            throw ValidationError("--start-index must be at most \(Int64.max)")
        }
    }

    func run() throws {
        var loaded = try planOptions.load()
        let pngOptions = png.options(drawing: &loaded)
        let first = shardIndex.map { UInt64($0) * UInt64(shardSize) } ?? startIndex
        let job = StreamJob(
            plan: loaded, seed: planOptions.seed, png: pngOptions, firstIndex: first,
            count: shardIndex == nil ? count : shardSize, masks: masks, workers: workers)
        let interruption = Interruption()
        interruption.install()
        try CLIError.report {
            let outcome = try job.run(
                into: PipeOutput(fd: STDOUT_FILENO, name: "standard output"), interruption: interruption)
            if interruption.isRequested { throw ExitCode(130) }
            _ = outcome
        }
    }
}
