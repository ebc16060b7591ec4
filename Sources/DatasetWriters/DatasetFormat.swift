/// One finished sample as the writers receive it: the record (the contract with describing),
/// its JSON line, the encoded image and the object-id plane the masks come from.
public struct SampleOutput: Sendable {
    public var record: SampleRecord
    /// The record as one line of JSON, without its newline (``SampleRecord/jsonBytes``).
    public var recordJSON: [UInt8]
    public var png: [UInt8]
    /// Row-major, `record.width * record.height`: 0 for background, else the id of the object
    /// that owns the pixel (``SampleRecord/Object`` ids).
    public var ids: [UInt8]
    /// The id plane as an 8-bit grayscale PNG, when a format stores masks: encoded once, on
    /// the worker that made the sample, rather than by the format (which needs its size twice).
    public var maskPNG: [UInt8]?

    public init(record: SampleRecord, recordJSON: [UInt8], png: [UInt8], ids: [UInt8], maskPNG: [UInt8]? = nil) {
        self.record = record
        self.recordJSON = recordJSON
        self.png = png
        self.ids = ids
        self.maskPNG = maskPNG
    }
}

/// A shard: the unit of work and of output. Shard `number` holds the samples with global indices
/// `firstIndex ..< firstIndex + count`.
public struct ShardInfo: Sendable, Hashable {
    public var number: Int
    public var firstIndex: UInt64
    public var count: Int

    public init(number: Int, firstIndex: UInt64, count: Int) {
        self.number = number
        self.firstIndex = firstIndex
        self.count = count
    }

    /// Six digits at least: `000042`.
    public var name: String {
        let digits = String(number)
        return digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
    }
}

/// Facts about the whole run that merged files state in their headers. Deterministic: nothing
/// here comes from the clock or the machine, so a run split across machines merges to the same
/// bytes as a single-machine run.
public struct RunInfo: Sendable {
    public var plan: String
    public var seed: UInt64
    public var firstIndex: UInt64
    public var count: Int
    public var samplesPerShard: Int
    public var shardPrefix: String
    /// Languages of the text, in the run's order.
    public var languages: [String]
    /// Every shape kind name, in ``SceneModel/ShapeKind`` order: COCO category `i + 1`.
    public var categories: [String]
    public var version: String

    public init(
        plan: String, seed: UInt64, firstIndex: UInt64, count: Int, samplesPerShard: Int, shardPrefix: String,
        languages: [String], categories: [String], version: String
    ) {
        self.plan = plan
        self.seed = seed
        self.firstIndex = firstIndex
        self.count = count
        self.samplesPerShard = samplesPerShard
        self.shardPrefix = shardPrefix
        self.languages = languages
        self.categories = categories
        self.version = version
    }

    /// The shards of the run, in order; the last may be short.
    public var shards: [ShardInfo] {
        guard count > 0, samplesPerShard > 0 else { return [] }
        return stride(from: 0, to: count, by: samplesPerShard).enumerated().map { number, offset in
            ShardInfo(
                number: number, firstIndex: firstIndex + UInt64(offset), count: min(samplesPerShard, count - offset))
        }
    }
}

/// A file that finalize assembles: literal bytes and, between them, one piece from every shard
/// concatenated in shard order. Large files (COCO annotations of a million images) stream
/// through; nothing holds them whole.
public struct MergedFile: Sendable {
    public enum Part: Sendable {
        case literal([UInt8])
        /// The piece `name` of every shard, in shard order, `separator` between non-empty ones
        /// (`,` inside a JSON array, nothing for JSON Lines).
        case pieces(name: String, separator: [UInt8])
        /// Bytes computed from every shard's piece `name` (small aggregates: statistics, cards).
        case computed(name: String, make: @Sendable ([[UInt8]]) -> [UInt8])
    }

    /// Relative to the output folder, e.g. `annotations/instances.json`.
    public var path: String
    public var parts: [Part]

    public init(path: String, parts: [Part]) {
        self.path = path
        self.parts = parts
    }
}

/// One output format. The sink calls it once per shard with the shard's samples in index order;
/// the format returns the shard's own files (a tar, images) and its pieces of the merged files;
/// finalize then assembles ``mergedFiles(_:)`` from the pieces of every shard. Formats are pure:
/// they compute bytes, and only the sink writes them.
public protocol DatasetFormat: Sendable {
    /// The name users pass to `--format` (`webdataset`, `coco`, ...).
    var name: String { get }
    /// Files that belong to one shard, paths relative to the output folder.
    func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    /// This shard's pieces of the merged files. Piece names are unique across formats
    /// (prefix them with the format's name).
    func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    /// The files finalize writes from the pieces.
    func mergedFiles(_ run: RunInfo) -> [MergedFile]
}
