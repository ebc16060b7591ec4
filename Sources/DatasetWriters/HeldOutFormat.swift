import SampleRecords

/// The `heldout` format: a test set the way benchmarks ship one, the items a model is asked
/// apart from their answers.
///
/// - `heldout/questions.jsonl`, `heldout/references.jsonl`, `heldout/pairs.jsonl`,
///   `heldout/groups.jsonl`: one line per question, referring expression, caption/negative pair
///   and (in runs with twins) Winoground-style group of every language
///   (``ScoringItem/publicJSON``: `id`, `image`, `key`, `lang`, `task`, and `question`, `text`
///   with the image's `width` and `height`, or `texts`), no answer, box, program or kind;
/// - `heldout-key/answers.jsonl`: the answer key, one line per item (``ScoringItem/keyJSON``),
///   which `scenewright score --dataset <folder or this file>` reads.
///
/// Ship `images/` and `heldout/`; keep `heldout-key/` (and any format that carries records,
/// such as `folder` or `webdataset`) to yourself. Ids are `<key>/qa/<k>`, `<key>/ref/<k>`,
/// `<key>/neg/<k>` (docs/SCORE.md).
public struct HeldOutFormat: DatasetFormat {
    public static let name = "heldout"
    public static let ownedNames = ["heldout", "heldout-key"]
    public var needs: OutputNeeds { [.description] }

    public init() {}
    public init(options: FormatOptions) {}

    static let files: [(piece: String, path: String)] = [
        ("heldout-questions", "heldout/questions.jsonl"), ("heldout-references", "heldout/references.jsonl"),
        ("heldout-pairs", "heldout/pairs.jsonl"), ("heldout-groups", "heldout/groups.jsonl"),
        ("heldout-key", "heldout-key/answers.jsonl"),
    ]

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    { DatasetIDs.imageFiles(samples) }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        var questions: [UInt8] = []
        var references: [UInt8] = []
        var pairs: [UInt8] = []
        var groups: [UInt8] = []
        var key: [UInt8] = []
        for s in samples {
            for item in ScoringItem.items(of: s.record) {
                switch item.task {
                case .vqa: Self.line(item.publicJSON, &questions)
                case .ref: Self.line(item.publicJSON, &references)
                case .negative: Self.line(item.publicJSON, &pairs)
                case .group: Self.line(item.publicJSON, &groups)
                }
                Self.line(item.keyJSON, &key)
            }
        }
        return [
            ("heldout-questions", questions), ("heldout-references", references), ("heldout-pairs", pairs),
            ("heldout-groups", groups), ("heldout-key", key),
        ]
    }

    static func line(_ v: JSONValue, _ out: inout [UInt8]) {
        var w = JSONWriter(capacity: 1024)
        w.value(v)
        out += w.bytes
        out.append(0x0A)
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        Self.files.map { MergedFile(path: $0.path, parts: [.pieces(name: $0.piece, separator: [])]) }
    }
}
