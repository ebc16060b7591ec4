import SampleRecords

/// WebDataset shards: the format image-text pretraining reads (OpenCLIP, `webdataset`, `wids`,
/// Hugging Face `datasets`). One tar per shard at `train/<prefix>-<shard>.tar`; each sample's
/// files are adjacent and share its key (keys have no dots, because WebDataset splits a file
/// name at the first dot into key and field), in the same order with the same fields for every
/// sample, because readers infer columns from the first samples:
///
/// - `<key>.json`: the sample record (``SampleOutput/recordJSON``)
/// - `<key>.mask.png`: only with masks on: the id plane as 8-bit grayscale (pixel = object id)
/// - `<key>.png`: the image
/// - `<key>.txt`: one caption, as the run's ``CaptionChoice`` says (by default the short
///   caption, English when the run has it, else the first language's); UTF-8, no trailing
///   newline (empty when the run writes no captions)
///
/// Beside the tars, finalize writes `train/sizes.json` (shard file name to sample count, what
/// OpenCLIP reads for the epoch size) and `train/index.wids.json` (a `wids-shard-index-v1`
/// index for random access). Per-shard statistics go to `meta/shards.jsonl`, away from the tars.
public struct WebDatasetFormat: DatasetFormat {
    /// Encodes an id plane (row-major, one byte per pixel) of `width` x `height` as an 8-bit
    /// grayscale PNG. Supplied by the caller: this module does not link libpng.
    public typealias MaskEncoder = @Sendable (_ ids: [UInt8], _ width: Int, _ height: Int) throws -> [UInt8]

    public static let name = "webdataset"
    public static let ownedNames = ["README.md", "meta", "train"]
    /// Set when every sample carries `<key>.mask.png`.
    public let encodeMask: MaskEncoder?
    /// The mask PNG, when masks are on: made on the worker that made the sample.
    public var needs: OutputNeeds { encodeMask == nil ? [] : [.maskPNG] }

    /// `encodeMask`: when given, each sample also gets its id plane as `<key>.mask.png`.
    public init(encodeMask: MaskEncoder? = nil) {
        self.encodeMask = encodeMask
    }

    public init(options: FormatOptions) { self.init(encodeMask: options.encodeMask) }

    /// `<prefix>-<shard>.tar`: the name `sizes.json` and the wids index refer to.
    public static func tarName(_ shard: ShardInfo, run: RunInfo) -> String {
        "\(run.shardPrefix)-\(shard.name).tar"
    }

    /// Where the shard's tar goes, relative to the output folder.
    public static func tarPath(_ shard: ShardInfo, run: RunInfo) -> String {
        "train/" + tarName(shard, run: run)
    }

    /// The caption in `<key>.txt` (``TextSummary/caption``).
    public static func caption(_ record: SampleRecord, _ choice: CaptionChoice = .standard) -> String {
        choice.caption(record.description, seed: record.seed, index: record.index)
    }

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    {
        try shardFileParts(shard, samples, run: run).map { ($0.path, $0.bytes) }
    }

    /// The shard's tar as runs: each sample's record, image and caption buffers as they are,
    /// between headers and padding.
    public func shardFileParts(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [ShardFile]
    {
        let path = WebDatasetFormat.tarPath(shard, run: run)
        var all: [(name: String, bytes: [UInt8])] = []
        all.reserveCapacity(samples.count * (encodeMask == nil ? 3 : 4))
        for sample in samples { all.append(contentsOf: try entries(sample, tar: path)) }
        return [ShardFile(path: path, parts: try TarArchive.parts(all))]
    }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        let tarName = WebDatasetFormat.tarName(shard, run: run)
        let path = WebDatasetFormat.tarPath(shard, run: run)
        // The tar's size follows from its entries' sizes; only masks must be encoded to know it.
        var sizes: [Int] = []
        sizes.reserveCapacity(samples.count * 4)
        for sample in samples {
            sizes.append(sample.recordJSON.count)
            if encodeMask != nil {
                // Encoded once by the pipeline; a caller that gave only the id plane pays twice.
                if let stored = sample.maskPNG {
                    sizes.append(stored.count)
                } else {
                    sizes.append(try mask(sample, tar: path).count)
                }
            }
            sizes.append(sample.png.count)
            sizes.append(sample.summary.caption.utf8.count)
        }
        let tarBytes = TarArchive.archiveSize(fileSizes: sizes)

        // A bare `"name":count` member: the writer adds no comma outside a container.
        var size = JSONWriter(capacity: 64)
        size.key(string: tarName)
        size.int(samples.count)

        var wids = JSONWriter(capacity: 96)
        wids.beginObject()
        wids.key("filesize")
        wids.int(tarBytes)
        wids.key("nsamples")
        wids.int(samples.count)
        wids.key("url")
        wids.string(tarName)
        wids.endObject()

        var stats = WebDatasetFormat.statistics(shard, samples, run: run, tar: path, bytes: tarBytes)
        stats.append(UInt8(ascii: "\n"))
        return [
            ("webdataset-sizes", size.bytes),
            ("webdataset-wids", wids.bytes),
            ("webdataset-stats", stats),
            ("webdataset-card", HuggingFaceFormat.Statistics(samples).json),
        ]
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        var header = JSONWriter(capacity: 128)
        header.beginObject()
        header.key("__kind__")
        header.string("wids-shard-index-v1")
        header.key("name")
        header.string(run.plan)
        header.key("shardlist")
        var widsHead = header.bytes
        widsHead.append(UInt8(ascii: "["))
        return [
            MergedFile(
                path: "train/sizes.json",
                parts: [
                    .literal(Array("{".utf8)), .pieces(name: "webdataset-sizes", separator: Array(",".utf8)),
                    .literal(Array("}\n".utf8)),
                ]),
            MergedFile(
                path: "train/index.wids.json",
                parts: [
                    .literal(widsHead), .pieces(name: "webdataset-wids", separator: Array(",".utf8)),
                    .literal(Array("],\"wids_version\":1}\n".utf8)),
                ]),
            // One line per shard; each piece ends with its newline.
            MergedFile(path: "meta/shards.jsonl", parts: [.pieces(name: "webdataset-stats", separator: [])]),
            // The dataset card at the top of the output folder describes the shards.
            MergedFile(
                path: "README.md",
                parts: [
                    .computed(
                        name: "webdataset-card",
                        make: { pieces in Array(HuggingFaceFormat.card(run, pieces: pieces, layout: .webdataset).utf8) }
                    )
                ]),
        ]
    }

    /// A sample's tar entries, in tar order.
    func entries(_ sample: SampleOutput, tar: String) throws(WriteError) -> [(name: String, bytes: [UInt8])] {
        let record = sample.record
        let key = record.key
        guard !key.isEmpty, !key.utf8.contains(UInt8(ascii: ".")), !key.utf8.contains(UInt8(ascii: "/")) else {
            throw WriteError(path: tar, message: "sample key '\(key)' must be non-empty, without '.' or '/'")
        }
        var out: [(name: String, bytes: [UInt8])] = [(key + ".json", sample.recordJSON)]
        if encodeMask != nil {
            if let stored = sample.maskPNG {
                out.append((key + ".mask.png", stored))
            } else {
                out.append((key + ".mask.png", try mask(sample, tar: tar)))
            }
        }
        out.append((key + ".png", sample.png))
        out.append((key + ".txt", Array(sample.summary.caption.utf8)))
        return out
    }

    /// The sample's id plane encoded by ``encodeMask`` (for samples that carry no `maskPNG`).
    func mask(_ sample: SampleOutput, tar: String) throws(WriteError) -> [UInt8] {
        let record = sample.record
        let path = "\(tar):\(record.key).mask.png"
        guard let encodeMask else { return [] }
        guard sample.ids.count == record.width * record.height else {
            throw WriteError(
                path: path, message: "id plane has \(sample.ids.count) bytes, expected \(record.width)x\(record.height)"
            )
        }
        do {
            return try encodeMask(sample.ids, record.width, record.height)
        } catch {
            throw WriteError(path: path, message: "cannot encode the mask: \(error)")
        }
    }

    /// One line of `meta/shards.jsonl` (without its newline): counts a data loader or a report
    /// wants without opening the tar.
    static func statistics(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo, tar: String, bytes: Int)
        -> [UInt8]
    {
        struct Counts {
            var captions = 0
            var questions = 0
            var refs = 0
            var negatives = 0
        }
        // Languages of the run first, then any others met, sorted for output; arrays, not a
        // dictionary, so nothing depends on hashing.
        var languages: [String] = run.languages
        var counts: [Counts] = Array(repeating: Counts(), count: languages.count)
        func slot(_ language: String) -> Int {
            if let i = languages.firstIndex(of: language) { return i }
            languages.append(language)
            counts.append(Counts())
            return languages.count - 1
        }
        var objects = 0
        var questions = 0
        var refs = 0
        var negatives = 0
        for sample in samples {
            objects += sample.record.objects.count
            for c in sample.summary.counts {
                let i = slot(c.language)
                counts[i].captions += c.captions
                counts[i].questions += c.questions
                counts[i].refs += c.refs
                counts[i].negatives += c.negatives
                questions += c.questions
                refs += c.refs
                negatives += c.negatives
            }
        }
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("bytes")
        w.int(bytes)
        w.key("first_index")
        w.int(Int(truncatingIfNeeded: shard.firstIndex))
        w.key("languages")
        w.beginObject()
        for i in languages.indices.sorted(by: {
            Array(languages[$0].utf8).lexicographicallyPrecedes(languages[$1].utf8)
        }) {
            w.key(string: languages[i])
            w.beginObject()
            w.key("captions")
            w.int(counts[i].captions)
            w.key("negatives")
            w.int(counts[i].negatives)
            w.key("questions")
            w.int(counts[i].questions)
            w.key("refs")
            w.int(counts[i].refs)
            w.endObject()
        }
        w.endObject()
        w.key("negatives")
        w.int(negatives)
        w.key("objects")
        w.int(objects)
        w.key("questions")
        w.int(questions)
        w.key("refs")
        w.int(refs)
        w.key("samples")
        w.int(samples.count)
        w.key("shard")
        w.int(shard.number)
        w.key("tar")
        w.string(tar)
        w.endObject()
        return w.bytes
    }
}
