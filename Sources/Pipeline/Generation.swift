import DatasetWriters
import Dispatch
import Foundation
import PNGCodec
import ParallelWork

/// What a finished run did.
public struct RunSummary: Sendable {
    public var samples: Int
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
public enum Generation {
    public static func run(
        factory: SampleFactory, shards: [ShardInfo], sink: DatasetSink, workers: Int, needs: OutputNeeds,
        progress: Progress? = nil, interruption: Interruption? = nil
    ) throws(PipelineError) -> RunSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        let workers = max(1, workers)
        let context = Context(progress: progress, interruption: interruption)
        var bytes = 0
        if workers > 1 && shards.count >= workers {
            let written = try ParallelWork.map(count: shards.count, workers: workers) { k throws(PipelineError) in
                try makeAndWrite(shards[k], factory: factory, sink: sink, needs: needs, context)
            }
            bytes = written.reduce(0, +)
        } else {
            for shard in shards {
                let outputs = try makeOutputs(
                    factory: factory, indices: shard.firstIndex..<(shard.firstIndex + UInt64(shard.count)),
                    workers: workers, needs: needs, context)
                do { bytes += try sink.write(shard: shard, samples: outputs) } catch { throw .write(error) }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return RunSummary(samples: shards.reduce(0) { $0 + $1.count }, bytes: bytes, seconds: seconds)
    }

    /// Makes one shard's samples on this thread and writes the shard; returns bytes written.
    static func makeAndWrite(
        _ shard: ShardInfo, factory: SampleFactory, sink: DatasetSink, needs: OutputNeeds, _ context: Context
    ) throws(PipelineError) -> Int {
        var outputs: [SampleOutput] = []
        outputs.reserveCapacity(shard.count)
        for k in 0..<shard.count {
            try context.check()
            outputs.append(try factory.output(index: shard.firstIndex + UInt64(k), needs: needs))
            context.progress?.add(1)
        }
        do { return try sink.write(shard: shard, samples: outputs) } catch { throw .write(error) }
    }

    /// The writers' form of the samples of `indices`, in order, made on `workers` threads,
    /// each counted as made and none started after a stop was asked.
    static func makeOutputs(
        factory: SampleFactory, indices: Range<UInt64>, workers: Int, needs: OutputNeeds, _ context: Context
    ) throws(PipelineError) -> [SampleOutput] {
        try ParallelWork.map(count: Int(indices.count), workers: workers) { k throws(PipelineError) in
            try context.check()
            let output = try factory.output(index: indices.lowerBound + UInt64(k), needs: needs)
            context.progress?.add(1)
            return output
        }
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
