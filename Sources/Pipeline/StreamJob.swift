import DatasetWriters
import Foundation
import PNGCodec
import ParallelWork

/// `scenewright stream`: WebDataset tar bytes to a reader (standard output into a training
/// job's `pipe:` URL), made and handed over in small batches, in index order. A shard's stream
/// has the bytes of the shard `generate` writes for the same plan, seed, shard size and index;
/// a stream without a last index runs until the reader closes it.
public struct StreamJob: Sendable {
    public var plan: PlanSetup
    public var seed: UInt64
    public var png: PNGOptions
    public var firstIndex: UInt64
    /// nil: without end.
    public var count: Int?
    public var masks: Bool
    public var workers: Int?
    /// Samples made between two hand-overs: small, so that a reader sees samples soon.
    public var batchSize: Int

    public init(
        plan: PlanSetup, seed: UInt64, png: PNGOptions, firstIndex: UInt64, count: Int?, masks: Bool, workers: Int?,
        batchSize: Int = 32
    ) {
        self.plan = plan
        self.seed = seed
        self.png = png
        self.firstIndex = firstIndex
        self.count = count
        self.masks = masks
        self.workers = workers
        self.batchSize = max(1, batchSize)
    }

    public struct Outcome: Sendable {
        /// Samples whose members the reader was given in full or in part.
        public var samples: Int
        public var bytes: Int
        /// The reader closed the stream before its end.
        public var readerClosed: Bool
    }

    /// Streams into `output`. Stops early, without error, when the reader closes it or when
    /// `interruption` is requested.
    public func run(into output: PipeOutput, interruption: Interruption? = nil) throws -> Outcome {
        let factory = plan.factory(seed: seed, png: png)
        let formats = try OutputFormats(names: [WebDatasetFormat.name], png: png, masks: masks)
        guard let format = formats.formats.first as? WebDatasetFormat else {
            throw PipelineError.options("the webdataset format is not registered")
        }
        var stream = WebDatasetStream(format: format, name: "standard output")
        let workerCount = workers ?? WorkerCount.automatic(environment: ProcessInfo.processInfo.environment)
        let context = Context(progress: nil, interruption: interruption)
        var next = firstIndex
        var made = 0
        while count.map({ made < $0 }) ?? true {
            if output.status == .readerClosed || interruption?.isRequested == true { break }
            let n = min(batchSize, count.map { $0 - made } ?? batchSize)
            let batch = try Generation.makeOutputs(
                factory: factory, indices: next..<(next + UInt64(n)), workers: workerCount, needs: formats.needs,
                context)
            for sample in batch {
                for part in try stream.members(sample) { try output.append(part) }
            }
            try output.flush()
            next += UInt64(n)
            made += n
        }
        if count != nil && output.status == .open && interruption?.isRequested != true {
            try output.append(stream.end())
            try output.flush()
        }
        return Outcome(samples: made, bytes: output.written, readerClosed: output.status == .readerClosed)
    }
}
