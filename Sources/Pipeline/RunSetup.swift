import DatasetWriters
import Describer
import PNGCodec
import SampleRecords
import SceneModel

/// Everything that identifies a run: what it makes (plan, seed, sample range, text options),
/// how it splits into shards, and what it writes (formats, PNG settings, library versions).
///
/// Its ``manifest`` is written before any shard and compared on `--resume` and by every task of
/// a split run: a different manifest is a different run. It holds no clock time and no paths
/// (the plan is identified by name and the CRC-32 of its bytes), so the same command on another
/// machine or from another folder gives the same manifest, and `run.json` the same bytes.
public struct RunSetup: Sendable {
    public static let defaultShardSize = 1000
    public static let defaultPrefix = "scenewright"

    public let info: RunInfo
    public let formatNames: [String]
    public let masks: Bool
    public let grounding: [GroundingStyle]
    public let png: PNGOptions
    /// What `<key>.txt` holds.
    public let caption: CaptionChoice
    public let manifest: JSONValue

    public init(
        version: String, factory: SampleFactory, planBytes: [UInt8], languages: [String], text: TextOptions,
        indices: Range<UInt64>, shardSize: Int, prefix: String, formats: [String], masks: Bool,
        grounding: [GroundingStyle], focusPlan: String? = nil
    ) {
        let chosen = OutputFormats.names.filter { formats.contains($0) }
        var info = RunInfo(
            plan: factory.plan.name, seed: factory.seed, firstIndex: indices.lowerBound, count: indices.count,
            samplesPerShard: shardSize, shardPrefix: prefix, languages: languages, version: version)
        info.samplesPerIndex = 1 + factory.twins
        info.textAndMarks = factory.plan.lettering != nil || factory.plan.chart != nil
        self.info = info
        formatNames = chosen
        self.masks = masks
        self.grounding = grounding
        png = factory.png
        caption = factory.caption
        var fields: JSONObject = [
            "scenewright_version": .string(version),
            FormatVersion.field: .int(FormatVersion.current),
            "plan": .string(factory.plan.name),
            "plan_crc32": .string(CRC32(planBytes).hex),
            "seed": .int(Int(truncatingIfNeeded: factory.seed)),
            "start_index": .int(Int(truncatingIfNeeded: indices.lowerBound)),
            "count": .int(indices.count),
            "shard_size": .int(shardSize),
            "shard_prefix": .string(prefix),
            "shards": .int(info.shards.count),
            "languages": .array(languages.map { .string($0) }),
            "text": .object([
                "questions": .int(text.questions), "refs": .int(text.refs), "negatives": .int(text.negatives),
                "families": .array(text.families.map { .array([.string($0.0.rawValue), .double($0.1)]) }),
                "difficulty": .array(text.difficulty.map { .array([.string($0.0.rawValue), .double($0.1)]) }),
            ]),
            "formats": .array(chosen.map { .string($0) }),
            "masks": .bool(masks),
            "grounding": .array(grounding.map { .string($0.rawValue) }),
            "png": .object(RunSetup.pngFields(factory)),
        ]
        if factory.caption != .standard { fields["txt"] = .string(factory.caption.description) }
        // Only runs with twins name them, so other runs' manifests keep their bytes.
        if factory.twins > 0 { fields["twins"] = .int(factory.twins) }
        // Plans that draw text or charts: COCO and RefCOCO annotate text items and chart marks.
        if info.textAndMarks { fields["annotates_text"] = .bool(true) }
        // The derived plan's file in the output folder (`generate --focus`), named only then.
        if let focusPlan { fields["focus_plan"] = .string(focusPlan) }
        manifest = .object(fields)
    }

    /// How images are encoded, and for indexed images the plan's coverage steps.
    static func pngFields(_ factory: SampleFactory) -> JSONObject {
        var fields: JSONObject = [
            "level": .int(factory.png.level), "filter": .string(factory.png.filter.rawValue),
            "color_type": .string(factory.png.colorType.rawValue),
            "strategy": .string(factory.png.strategy.rawValue),
            "libpng": .string(PNGLibrary.libpngVersion), "zlib": .string(PNGLibrary.zlibVersion),
        ]
        if let levels = factory.plan.coverageLevels { fields["coverage_levels"] = .int(levels) }
        return fields
    }

    /// The run a manifest describes, for finalizing a run whose shards were written elsewhere.
    public init(manifest: JSONValue, path: String) throws(PipelineError) {
        func field<T>(_ name: String, _ get: (JSONValue) -> T?) throws(PipelineError) -> T {
            guard let v = manifest[name], let t = get(v) else {
                throw .options("\(path): field '\(name)' is missing or has the wrong type")
            }
            return t
        }
        let strings = { (v: JSONValue) -> [String]? in v.arrayValue?.compactMap(\.stringValue) }
        let pngFields = try field("png") { $0 }
        guard let level = pngFields["level"]?.intValue,
            let filter = pngFields["filter"]?.stringValue.flatMap(PNGOptions.RowFilter.init(rawValue:)),
            let colorType = pngFields["color_type"]?.stringValue.flatMap(PNGOptions.ColorType.init(rawValue:)),
            let strategy = pngFields["strategy"]?.stringValue.flatMap(PNGOptions.Strategy.init(rawValue:))
        else { throw .options("\(path): field 'png' is incomplete") }
        let start = try field("start_index") { $0.intValue }
        var info = RunInfo(
            plan: try field("plan") { $0.stringValue }, seed: UInt64(try field("seed") { $0.intValue }),
            firstIndex: UInt64(start), count: try field("count") { $0.intValue },
            samplesPerShard: try field("shard_size") { $0.intValue },
            shardPrefix: try field("shard_prefix") { $0.stringValue }, languages: try field("languages", strings),
            version: try field("scenewright_version") { $0.stringValue })
        info.samplesPerIndex = 1 + (manifest["twins"]?.intValue ?? 0)
        info.textAndMarks = manifest["annotates_text"] == .bool(true)
        self.info = info
        formatNames = try field("formats", strings)
        masks = try field("masks") { if case .bool(let b) = $0 { b } else { nil } }
        grounding = try field("grounding", strings).compactMap(GroundingStyle.init(rawValue:))
        png = PNGOptions(level: level, filter: filter, colorType: colorType, strategy: strategy)
        if let txt = manifest["txt"] {
            guard let text = txt.stringValue else { throw .options("\(path): field 'txt' must be a string") }
            do { caption = try CaptionChoice(parsing: text) } catch {
                throw .options("\(path): field 'txt': \(error.description)")
            }
        } else {
            caption = .standard
        }
        self.manifest = manifest
    }

    /// The formats this run writes.
    public func formats() throws(PipelineError) -> OutputFormats {
        try OutputFormats(names: formatNames, png: png, masks: masks, grounding: grounding)
    }

    /// `run.json`: the manifest, marked complete.
    public var completion: JSONValue {
        guard case .object(var fields) = manifest else { return manifest }
        fields["complete"] = .bool(true)
        return .object(fields)
    }
}
