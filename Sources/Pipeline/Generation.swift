import DatasetWriters
import Dispatch
import Foundation
import PNGCodec

/// What a finished run did.
public struct RunSummary: Sendable {
    public var samples: Int
    public var bytes: Int
    public var seconds: Double
    public var samplesPerSecond: Double { seconds > 0 ? Double(samples) / seconds : 0 }
}

/// Runs a factory over a range of indices and hands samples to a folder sink in index order.
///
/// Workers make samples in batches (each index by exactly one worker); the calling thread
/// writes each batch in order. Because every sample depends only on its index, output is
/// identical whatever the worker count.
public enum Generation {
    public static func run(
        factory: SampleFactory, indices: Range<UInt64>, workers: Int, sink: FolderSink, metadata: JSONValue,
        progress: ((Int) -> Void)? = nil
    ) throws(PipelineError) -> RunSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        var bytes = 0
        var done = 0
        let workers = max(1, workers)
        let batchSize = workers == 1 ? 1 : 32 * workers
        var next = indices.lowerBound
        while next < indices.upperBound {
            let batchEnd = min(indices.upperBound, next + UInt64(batchSize))
            let batch = try makeBatch(factory: factory, indices: next..<batchEnd, workers: workers)
            for sample in batch {
                do {
                    try sink.write(key: sample.record.key, png: sample.png, record: sample.record.jsonBytes)
                } catch { throw .write(error) }
                bytes += sample.png.count
                done += 1
            }
            progress?(done)
            next = batchEnd
        }
        do { try sink.finish(metadata: metadata) } catch { throw .write(error) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return RunSummary(samples: done, bytes: bytes, seconds: seconds)
    }

    /// Makes the samples of `indices`, in order, on `workers` threads.
    public static func makeBatch(factory: SampleFactory, indices: Range<UInt64>, workers: Int) throws(PipelineError)
        -> [GeneratedSample]
    {
        let count = Int(indices.count)
        if workers <= 1 || count <= 1 {
            var out: [GeneratedSample] = []
            out.reserveCapacity(count)
            for i in indices { out.append(try factory.make(index: i)) }
            return out
        }
        let results = ResultSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: min(workers, count)) { worker in
            var k = worker
            while k < count {
                results.set(
                    k,
                    Result { () throws(PipelineError) -> GeneratedSample in
                        try factory.make(index: indices.lowerBound + UInt64(k))
                    })
                k += workers
            }
        }
        var out: [GeneratedSample] = []
        out.reserveCapacity(count)
        for k in 0..<count {
            switch results.get(k) {
            case .success(let s): out.append(s)
            case .failure(let e): throw e
            case nil: throw .record("internal: sample \(indices.lowerBound + UInt64(k)) was not produced")
            }
        }
        return out
    }
}

/// Per-index result slots written by exactly one worker each, read after all have joined.
final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<GeneratedSample, PipelineError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<GeneratedSample, PipelineError>) {
        lock.lock()
        slots[i] = r
        lock.unlock()
    }

    func get(_ i: Int) -> Result<GeneratedSample, PipelineError>? { slots[i] }
}
