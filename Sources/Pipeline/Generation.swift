import DatasetWriters
import Dispatch
import Foundation
import PNGCodec
import ParallelWork

/// What a finished run did.
public struct RunSummary: Sendable {
    /// Samples and shards this process made.
    public var samples: Int
    public var shards: Int
    /// Shards left to other processes: claimed by a live one, or found complete once claimed.
    public var skipped: Int
    public var bytes: Int
    public var seconds: Double
    public var samplesPerSecond: Double { seconds > 0 ? Double(samples) / seconds : 0 }
}

/// Runs a factory over shards and hands each finished shard to the sink.
///
/// With at least as many shards as workers, each worker takes whole shards (the next one not
/// yet taken) and makes, formats and writes them alone: no thread waits for another; after a
/// failure no later shard starts. With fewer
/// shards, the shards are made one after another, the samples of each spread over the workers.
/// Every sample depends only on its index, so output is identical whatever the worker count.
///
/// Each shard is claimed before it is made and released once its marker is written
/// (``DatasetSink/claim(_:)``): a shard claimed by another live process is skipped, or, with
/// `stopWhenClaimed` (a shard asked for by number), stops the run naming the owner. With
/// `skipComplete` (`--resume`), a shard found complete once claimed (another process finished
/// it since the shards to make were chosen) is not made again.
public enum Generation {
    public static func run(
        factory: SampleFactory, shards: [ShardInfo], sink: DatasetSink, workers: Int, needs: OutputNeeds,
        progress: Progress? = nil, interruption: Interruption? = nil, skipComplete: Bool = false,
        stopWhenClaimed: Bool = false
    ) throws(PipelineError) -> RunSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        let workers = max(1, workers)
        let context = Context(progress: progress, interruption: interruption)
        let policy = ClaimPolicy(skipComplete: skipComplete, stopWhenClaimed: stopWhenClaimed)
        var written: [Int?] = []
        if workers > 1 && shards.count >= workers {
            written = try ParallelWork.map(count: shards.count, workers: workers) { k throws(PipelineError) in
                try policy.owning(shards[k], sink: sink) { claim throws(PipelineError) in
                    try makeAndWrite(shards[k], claim: claim, factory: factory, sink: sink, needs: needs, context)
                }
            }
        } else {
            for shard in shards {
                written.append(
                    try policy.owning(shard, sink: sink) { claim throws(PipelineError) in
                        let outputs = try makeOutputs(
                            factory: factory, indices: shard.firstIndex..<(shard.firstIndex + UInt64(shard.count)),
                            workers: workers, needs: needs, context)
                        try context.check()
                        do throws(WriteError) {
                            return try sink.write(shard: shard, samples: outputs, claim: claim)
                        } catch { throw .write(error) }
                    })
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let made = zip(shards, written).filter { $0.1 != nil }.map(\.0)
        return RunSummary(
            samples: made.reduce(0) { $0 + $1.count }, shards: made.count, skipped: shards.count - made.count,
            bytes: written.reduce(0) { $0 + ($1 ?? 0) }, seconds: seconds)
    }

    /// What to do with a shard another process holds or has finished.
    struct ClaimPolicy {
        var skipComplete: Bool
        var stopWhenClaimed: Bool

        /// Runs `make` while holding the claim of `shard`; nil when the shard is left alone.
        func owning(_ shard: ShardInfo, sink: DatasetSink, _ make: (Claim) throws(PipelineError) -> Int)
            throws(PipelineError) -> Int?
        {
            let result: Claims.Result
            do { result = try sink.claim(shard) } catch { throw .write(error) }
            let claim: Claim
            switch result {
            case .claimed(let c): claim = c
            case .held(let owner):
                guard stopWhenClaimed else { return nil }
                throw .claimed(
                    "\(DatasetSink.describe(claim: shard.name, owner: owner)) in \(sink.directory); run this again when it is done (a claim is taken over once its process has exited, or, from another host, after \(Claims.maxAgeVariable) hours, default 6)"
                )
            }
            defer { sink.release(claim) }
            if skipComplete && sink.isComplete(shard) { return nil }
            return try make(claim)
        }
    }

    /// Makes one shard's samples on this thread and writes the shard; returns bytes written.
    static func makeAndWrite(
        _ shard: ShardInfo, claim: Claim, factory: SampleFactory, sink: DatasetSink, needs: OutputNeeds,
        _ context: Context
    ) throws(PipelineError) -> Int {
        var outputs: [SampleOutput] = []
        outputs.reserveCapacity(shard.count)
        for k in 0..<shard.count {
            try context.check()
            outputs += try factory.outputs(index: shard.firstIndex + UInt64(k), needs: needs)
            context.progress?.add(1)
        }
        // A stop asked while the last sample was made: the shard is left for `--resume`.
        try context.check()
        do { return try sink.write(shard: shard, samples: outputs, claim: claim) } catch { throw .write(error) }
    }

    /// The writers' form of the samples of `indices`, in order, made on `workers` threads,
    /// each counted as made and none started after a stop was asked.
    static func makeOutputs(
        factory: SampleFactory, indices: Range<UInt64>, workers: Int, needs: OutputNeeds, _ context: Context
    ) throws(PipelineError) -> [SampleOutput] {
        try ParallelWork.map(count: Int(indices.count), workers: workers) { k throws(PipelineError) in
            try context.check()
            let output = try factory.outputs(index: indices.lowerBound + UInt64(k), needs: needs)
            context.progress?.add(1)
            return output
        }.flatMap { $0 }
    }

    /// Makes the samples of `indices`, in order, on `workers` threads.
    public static func makeBatch(factory: SampleFactory, indices: Range<UInt64>, workers: Int) throws(PipelineError)
        -> [GeneratedSample]
    {
        try ParallelWork.map(count: Int(indices.count), workers: workers) { k throws(PipelineError) in
            try factory.make(index: indices.lowerBound + UInt64(k))
        }
    }
}

/// What every worker of a run consults: where to report progress, whether to stop.
struct Context: Sendable {
    let progress: Progress?
    let interruption: Interruption?

    /// Throws when a stop was requested, so that no new sample starts.
    func check() throws(PipelineError) {
        if interruption?.isRequested == true { throw .interrupted }
    }
}
