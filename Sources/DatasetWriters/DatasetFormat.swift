import Describer
import SampleRecords

/// One finished sample as the writers receive it: the record (the contract with describing),
/// its JSON line, the encoded image and the object-id plane the masks come from.
public struct SampleOutput: Sendable {
    /// The sample's record. Its ``SampleRecord/description`` is empty when the run's formats
    /// read no text beyond `recordJSON` and ``summary`` (see `keepingDescription`).
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
    /// What shard statistics and `<key>.txt` need of the text, taken while the record is fresh.
    public var summary: TextSummary
    /// The spatial relations between the objects, when a format states them
    /// (``OutputNeeds/relationships``); nil otherwise and for scenes of more than 64 objects.
    public var relationships: SceneRelationships?

    /// - Parameter keepingDescription: false drops the record's text once `recordJSON` and the
    ///   summary hold what is needed: a shard holds its samples until it is written, and their
    ///   text structures (hundreds of small objects each) would be most of the run's memory.
    public init(
        record: SampleRecord, recordJSON: [UInt8], png: [UInt8], ids: [UInt8], maskPNG: [UInt8]? = nil,
        relationships: SceneRelationships? = nil, caption: CaptionChoice = .standard, keepingDescription: Bool = true
    ) {
        self.summary = TextSummary(record, caption: caption)
        var record = record
        if !keepingDescription { record.description = Description(captions: []) }
        self.record = record
        self.recordJSON = recordJSON
        self.png = png
        self.ids = ids
        self.maskPNG = maskPNG
        self.relationships = relationships
    }
}

/// Counts and short text of a sample's description, for statistics and captions files.
public struct TextSummary: Sendable {
    public struct Counts: Sendable {
        public var language: String
        public var captions = 0
        public var questions = 0
        public var refs = 0
        public var negatives = 0
    }

    /// The caption of `<key>.txt`, as the run's ``CaptionChoice`` chose it.
    public var caption: String
    /// Items per language, languages in order of first appearance (captions first).
    public var counts: [Counts]
    /// The question families of the first language's questions, in order (questions are the
    /// same in every language).
    public var families: [String]

    /// The language's entry in `counts`, added when new.
    static func slot(_ language: String, _ counts: inout [Counts]) -> Int {
        for i in counts.indices where counts[i].language == language { return i }
        counts.append(Counts(language: language))
        return counts.count - 1
    }

    public init(_ record: SampleRecord, caption choice: CaptionChoice = .standard) {
        let d = record.description
        caption = choice.caption(d, seed: record.seed, index: record.index)
        var counts: [Counts] = []
        counts.reserveCapacity(d.captions.count)
        for c in d.captions { counts[TextSummary.slot(c.language, &counts)].captions += 1 }
        for q in d.qa { counts[TextSummary.slot(q.language, &counts)].questions += 1 }
        for r in d.refs { counts[TextSummary.slot(r.language, &counts)].refs += 1 }
        for n in d.negatives { counts[TextSummary.slot(n.language, &counts)].negatives += 1 }
        self.counts = counts
        let first = d.qa.first?.language
        families = d.qa.filter { $0.language == first }.map(\.family)
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
        zeroPadded(number, width: 6)
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
    public var version: String
    /// Samples made per index: 1, or 1 + the counterfactual twins of each sample.
    public var samplesPerIndex = 1
    /// Whether the plan draws text or charts: `coco` and `refcoco` then annotate text items and
    /// chart marks too (``TextAndMarkAnnotation``) and list their categories.
    public var textAndMarks = false

    public init(
        plan: String, seed: UInt64, firstIndex: UInt64, count: Int, samplesPerShard: Int, shardPrefix: String,
        languages: [String], version: String
    ) {
        self.plan = plan
        self.seed = seed
        self.firstIndex = firstIndex
        self.count = count
        self.samplesPerShard = samplesPerShard
        self.shardPrefix = shardPrefix
        self.languages = languages
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
        /// As ``pieces(name:separator:)``, with each ``MergedFile/counterMark`` byte replaced by
        /// the number of marks before it in the file (0, 1, 2, …): a position in the whole file
        /// (CLEVR's `question_index`) that no shard can know alone.
        case numberedPieces(name: String, separator: [UInt8])
    }

    /// The byte a numbered piece holds where its running number goes: NUL, which JSON text
    /// never holds raw (``JSONWriter`` escapes every control character inside strings).
    public static let counterMark: UInt8 = 0

    /// `piece` with every ``counterMark`` replaced by `next`'s decimal digits, `next`
    /// counting up.
    public static func numbering(_ piece: [UInt8], from next: inout Int) -> [UInt8] {
        guard piece.contains(counterMark) else { return piece }
        var out: [UInt8] = []
        out.reserveCapacity(piece.count + 8 * 16)
        for b in piece {
            if b == counterMark {
                out.append(contentsOf: String(next).utf8)
                next += 1
            } else {
                out.append(b)
            }
        }
        return out
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
/// they compute bytes, and only the sink writes them. A new format is registered in
/// ``FormatRegistry/formats``.
public protocol DatasetFormat: Sendable {
    /// The name users pass to `--format` (`webdataset`, `coco`, ...).
    static var name: String { get }
    /// The top-level names in the output folder that only this format writes (`--overwrite`
    /// removes them). The shared `images/` folder (``FormatRegistry/sharedNames``) is not
    /// among them.
    static var ownedNames: [String] { get }
    /// The format as a run's options configure it.
    init(options: FormatOptions)
    /// What the format reads of a sample besides its record JSON, image and ``TextSummary``.
    var needs: OutputNeeds { get }
    /// Files that belong to one shard, paths relative to the output folder.
    func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    /// The same files as runs of bytes to write in order (``ShardFile``). The default is
    /// ``shardFiles(_:_:run:)``, one run per file; a format whose files are mostly its samples'
    /// own buffers (a WebDataset tar) returns them unjoined.
    func shardFileParts(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [ShardFile]
    /// This shard's pieces of the merged files. Piece names are unique across formats
    /// (prefix them with the format's name).
    func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    /// The files finalize writes from the pieces.
    func mergedFiles(_ run: RunInfo) -> [MergedFile]
}

extension DatasetFormat {
    /// ``name``, from a value.
    public var name: String { Self.name }

    public func shardFileParts(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [ShardFile]
    {
        try shardFiles(shard, samples, run: run).map { ShardFile(path: $0.path, bytes: $0.bytes) }
    }
}

/// A file of a shard as the runs of bytes it is made of, in order. A WebDataset tar is its
/// samples' own buffers between headers and padding: the sink writes and checksums the runs as
/// they are, without joining them into a second copy of the shard.
public struct ShardFile: Sendable {
    public var path: String
    public var parts: [ArraySlice<UInt8>]

    public init(path: String, parts: [ArraySlice<UInt8>]) {
        self.path = path
        self.parts = parts
    }

    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, parts: [bytes[...]])
    }

    /// The file's size.
    public var count: Int { parts.reduce(0) { $0 + $1.count } }

    /// The file's bytes, joined.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for part in parts { out.append(contentsOf: part) }
        return out
    }
}
