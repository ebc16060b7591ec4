/// The `folder` format: `images/<key>.png` and `samples.jsonl`, one sample record per line in
/// index order (the schema in docs/FORMATS.md). The simplest layout to read with any tool, and
/// the one `render` and `verify` read records from.
public struct FolderFormat: DatasetFormat {
    public static let name = "folder"
    public static let ownedNames = ["samples.jsonl"]
    public var needs: OutputNeeds { [] }
    public static let samplesPath = "samples.jsonl"

    public init() {}
    public init(options: FormatOptions) {}

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    {
        // A chart's data table goes beside its image as CSV.
        DatasetIDs.imageFiles(samples)
            + samples.compactMap { s in
                s.record.chart.map { ("images/\(s.record.key).csv", Array($0.csv.utf8)) }
            }
    }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        var lines: [UInt8] = []
        lines.reserveCapacity(samples.reduce(0) { $0 + $1.recordJSON.count + 1 })
        for s in samples {
            lines.append(contentsOf: s.recordJSON)
            lines.append(0x0A)
        }
        return [("folder-samples", lines)]
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        [MergedFile(path: Self.samplesPath, parts: [.pieces(name: "folder-samples", separator: [])])]
    }
}
