import DatasetWriters
import Dispatch
import Foundation
import PNGCodec
import Synchronization

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
/// yet taken) and makes, formats and writes them alone: no thread waits for another. With fewer
/// shards, the shards are made one after another, the samples of each spread over the workers.
/// Every sample depends only on its index, so output is identical whatever the worker count.
public enum Generation {
    public static func run(
        factory: SampleFactory, shards: [ShardInfo], sink: DatasetSink, workers: Int, needs: OutputNeeds,
        progress: Progress? = nil, interruption: Interruption? = nil
    ) throws(PipelineError) -> RunSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        let workers = max(1, workers)
        let tally = Tally()
        let context = Context(progress: progress, interruption: interruption)
        if workers > 1 && shards.count >= workers {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let shard = tally.take(shards) {
                    switch Result(catching: { () throws(PipelineError) -> Int in
                        try makeAndWrite(shard, factory: factory, sink: sink, needs: needs, context)
                    }) {
                    case .success(let bytes): tally.finished(samples: shard.count, bytes: bytes)
                    case .failure(let error):
                        tally.fail(error)
                        return
                    }
                }
            }
        } else {
            for shard in shards {
                let outputs = try makeOutputs(
                    factory: factory, indices: shard.firstIndex..<(shard.firstIndex + UInt64(shard.count)),
                    workers: workers, needs: needs, context)
                let bytes: Int
                do { bytes = try sink.write(shard: shard, samples: outputs) } catch { throw .write(error) }
                tally.finished(samples: shard.count, bytes: bytes)
            }
        }
        if let error = tally.error { throw error }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return RunSummary(samples: tally.samples, bytes: tally.bytes, seconds: seconds)
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
        try parallel(count: Int(indices.count), workers: workers) { k throws(PipelineError) in
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
        try parallel(count: Int(indices.count), workers: workers) { k throws(PipelineError) in
            try factory.make(index: indices.lowerBound + UInt64(k))
        }
    }

    /// `make(0..<count)` in order; item k is made by worker `k % workers`.
    static func parallel<T: Sendable>(
        count: Int, workers: Int, _ make: @Sendable (Int) throws(PipelineError) -> T
    ) throws(PipelineError) -> [T] {
        if workers <= 1 || count <= 1 {
            var out: [T] = []
            out.reserveCapacity(count)
            for k in 0..<count { out.append(try make(k)) }
            return out
        }
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { worker in
            var k = worker
            while k < count {
                results.set(k, Result { () throws(PipelineError) -> T in try make(k) })
                k += workers
            }
        }
        var out: [T] = []
        out.reserveCapacity(count)
        for k in 0..<count {
            switch results.get(k) {
            case .success(let s): out.append(s)
            case .failure(let e): throw e
            case nil: throw .record("internal: item \(k) of a batch was not produced")
            }
        }
        return out
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

/// Shared state of a run: which shard is next, what is done, the first error.
final class Tally: Sendable {
    private struct State {
        var next = 0
        var samples = 0
        var bytes = 0
        var error: PipelineError?
    }
    private let state = Mutex(State())

    var samples: Int { state.withLock { $0.samples } }
    var bytes: Int { state.withLock { $0.bytes } }
    var error: PipelineError? { state.withLock { $0.error } }

    /// The next shard to make, or nil when all are taken or a worker failed.
    func take(_ shards: [ShardInfo]) -> ShardInfo? {
        state.withLock { state in
            guard state.error == nil, state.next < shards.count else { return nil }
            state.next += 1
            return shards[state.next - 1]
        }
    }

    func finished(samples n: Int, bytes b: Int) {
        state.withLock { state in
            state.samples += n
            state.bytes += b
        }
    }

    func fail(_ e: PipelineError) {
        state.withLock { state in
            if state.error == nil { state.error = e }
        }
    }
}

/// Per-index result slots, each written by exactly one worker and read after all have joined.
final class ResultSlots<T: Sendable>: Sendable {
    private let slots: Mutex<[Result<T, PipelineError>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ i: Int, _ r: sending Result<T, PipelineError>) {
        slots.withLock { $0[i] = r }
    }

    func get(_ i: Int) -> Result<T, PipelineError>? { slots.withLock { $0[i] } }
}
