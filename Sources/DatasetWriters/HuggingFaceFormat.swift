import Describer
import SampleRecords

/// The `hf` format: a Hugging Face `imagefolder` dataset with a dataset card, so
/// `datasets.load_dataset("imagefolder", data_dir="<out>/hf")` (or uploading `hf/` to the Hub)
/// gives a typed table with no conversion step.
///
/// Files:
/// - `hf/train/<key>.png` (shard files): the images.
/// - `hf/train/metadata.jsonl`: one line per sample, `file_name` `<key>.png` and the features
///   below. Every line has the same keys with the same types (empty lists when a sample has none,
///   empty strings for a language a sample lacks), because `datasets` infers the columns.
/// - `hf/README.md`: the dataset card, so `hf/` is a dataset repository. YAML front matter:
///   license `cc-by-4.0` (generated data carries no third-party rights; CC BY is what dataset
///   hubs expect, change it when publishing under other terms), task categories,
///   `size_categories` from the run's count, one `configs` entry (`train/*.png` +
///   `train/metadata.jsonl`) and `dataset_info.features`. Then the run's statistics, computed
///   from each shard's `hf-stats` piece. (`datasets` infers one builder per repository, so the
///   WebDataset shards get their own card, `README.md` at the top of the output folder, written
///   by ``WebDatasetFormat`` with the same statistics.)
///
/// Features: `captions` {<lang>: {detailed, short}} for every language of the run,
/// `conversations` [{lang, messages [{content, role}]}] (only for plans with conversations), `file_name`,
/// `height`, `index`, `key`, `negatives` [{kind, lang, text}], `objects` [{area, bbox, color,
/// fill, id, shape, size}], `qa` [{answer, answer_type, family, lang, question}], `refs`
/// [{bbox, lang, object, text}], `width`.
public struct HuggingFaceFormat: DatasetFormat {
    public static let name = "hf"
    public static let ownedNames = ["hf"]
    public var needs: OutputNeeds { [.description] }

    public init() {}
    public init(options: FormatOptions) {}

    static let metadataPath = "hf/train/metadata.jsonl"
    static let cardPath = "hf/README.md"

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    {
        samples.map { ("hf/train/" + $0.record.key + ".png", $0.png) }
    }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        var lines: [UInt8] = []
        var stats = Statistics()
        for s in samples {
            lines += HuggingFaceFormat.metadataLine(s.record, languages: run.languages)
            lines.append(0x0A)
            stats.add(objects: s.record.objects, families: s.summary.families)
            stats.conversations += s.record.description.conversations.count
        }
        return [("hf-metadata", lines), ("hf-stats", stats.json)]
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        [
            MergedFile(path: HuggingFaceFormat.metadataPath, parts: [.pieces(name: "hf-metadata", separator: [])]),
            MergedFile(
                path: HuggingFaceFormat.cardPath,
                parts: [
                    .computed(
                        name: "hf-stats",
                        make: { pieces in Array(HuggingFaceFormat.card(run, pieces: pieces, layout: .imagefolder).utf8)
                        })
                ]),
        ]
    }

    static func metadataLine(_ r: SampleRecord, languages: [String]) -> [UInt8] {
        var w = JSONWriter(capacity: 8192)
        w.beginObject()
        w.key("captions")
        w.beginObject()
        for language in languages.sorted(by: DatasetIDs.byteOrder) {
            let c = r.description.captions.first { $0.language == language }?.captions
            w.key(string: language)
            w.beginObject()
            w.key("detailed")
            w.string(c?.detailed ?? "")
            w.key("short")
            w.string(c?.short ?? "")
            w.endObject()
        }
        w.endObject()
        // Plans with conversations only (the card then declares the column): each with its
        // language and messages, role `user` or `assistant`, as chat templates read them.
        if !r.description.conversations.isEmpty {
            w.key("conversations")
            w.beginArray()
            for c in r.description.conversations {
                w.beginObject()
                w.key("lang")
                w.string(c.language)
                w.key("messages")
                w.beginArray()
                for t in c.turns {
                    for (role, text) in [("user", t.question), ("assistant", t.answer)] {
                        w.beginObject()
                        w.key("content")
                        w.string(text)
                        w.key("role")
                        w.string(role)
                        w.endObject()
                    }
                }
                w.endArray()
                w.endObject()
            }
            w.endArray()
        }
        w.key("file_name")
        w.string(r.key + ".png")
        w.key("height")
        w.int(r.height)
        w.key("index")
        w.int(Int(truncatingIfNeeded: r.index))
        w.key("key")
        w.string(r.key)
        w.key("negatives")
        w.beginArray()
        for n in r.description.negatives {
            w.beginObject()
            w.key("kind")
            w.string(n.kind)
            w.key("lang")
            w.string(n.language)
            w.key("text")
            w.string(n.text)
            w.endObject()
        }
        w.endArray()
        w.key("objects")
        w.beginArray()
        for o in r.objects {
            w.beginObject()
            w.key("area")
            w.int(o.measurement.visiblePixels)
            w.key("bbox")
            SampleRecord.write(o.measurement.bbox, &w)
            w.key("color")
            w.string(o.object.color.name)
            w.key("fill")
            w.string(o.object.fill.rawValue)
            w.key("id")
            w.int(o.object.id)
            w.key("shape")
            w.string(o.object.shape.rawValue)
            w.key("size")
            w.string(o.object.size)
            w.endObject()
        }
        w.endArray()
        w.key("qa")
        w.beginArray()
        for q in r.description.qa {
            w.beginObject()
            w.key("answer")
            w.string(q.answer)
            w.key("answer_type")
            w.string(q.answerType.rawValue)
            w.key("family")
            w.string(q.family)
            w.key("lang")
            w.string(q.language)
            w.key("question")
            w.string(q.question)
            w.endObject()
        }
        w.endArray()
        w.key("refs")
        w.beginArray()
        for ref in r.description.refs {
            w.beginObject()
            w.key("bbox")
            SampleRecord.write(ref.bbox, &w)
            w.key("lang")
            w.string(ref.language)
            w.key("object")
            w.int(ref.objectID)
            w.key("text")
            w.string(ref.text)
            w.endObject()
        }
        w.endArray()
        w.key("width")
        w.int(r.width)
        w.endObject()
        return w.bytes
    }

    /// Counts over some samples: what the card reports. Lists of (name, count) kept in byte order
    /// of the name, so nothing depends on hashing.
    struct Statistics {
        var samples = 0
        /// Conversations (every language's), for the card's features.
        var conversations = 0
        var objects = 0
        var questions = 0
        /// `perImage[n]`: images with n objects.
        var perImage: [Int] = []
        var shapes: [(String, Int)] = []
        var colors: [(String, Int)] = []
        var families: [(String, Int)] = []

        init(_ samples: [SampleOutput]) {
            self.init()
            for s in samples { add(objects: s.record.objects, families: s.summary.families) }
        }

        static func bump(_ table: inout [(String, Int)], _ name: String, by n: Int = 1) {
            // Known names first, by equality (short strings compare in a step); the byte-order
            // scan that keeps the table sorted runs only to insert a new name.
            let length = name.utf8.count
            for i in table.indices where table[i].0.utf8.count == length && table[i].0 == name {
                table[i].1 += n
                return
            }
            var i = 0
            while i < table.count, DatasetIDs.byteOrder(table[i].0, name) { i += 1 }
            if i < table.count, table[i].0 == name { table[i].1 += n } else { table.insert((name, n), at: i) }
        }

        /// A sample: its objects and its questions' families (questions are the same in every
        /// language: one language's, ``TextSummary/families``).
        mutating func add(objects sampleObjects: [SampleRecord.Object], families questionFamilies: [String]) {
            samples += 1
            objects += sampleObjects.count
            while perImage.count <= sampleObjects.count { perImage.append(0) }
            perImage[sampleObjects.count] += 1
            for i in sampleObjects.indices {
                Statistics.bump(&shapes, sampleObjects[i].object.shape.rawValue)
                Statistics.bump(&colors, sampleObjects[i].object.color.name)
            }
            questions += questionFamilies.count
            for family in questionFamilies { Statistics.bump(&families, family) }
        }

        mutating func merge(_ o: Statistics) {
            samples += o.samples
            conversations += o.conversations
            objects += o.objects
            questions += o.questions
            while perImage.count < o.perImage.count { perImage.append(0) }
            for (n, c) in o.perImage.enumerated() { perImage[n] += c }
            for (k, v) in o.shapes { Statistics.bump(&shapes, k, by: v) }
            for (k, v) in o.colors { Statistics.bump(&colors, k, by: v) }
            for (k, v) in o.families { Statistics.bump(&families, k, by: v) }
        }

        var json: [UInt8] {
            var w = JSONWriter(capacity: 1024)
            func table(_ t: [(String, Int)]) {
                w.beginArray()
                for (k, v) in t {
                    w.beginArray()
                    w.string(k)
                    w.int(v)
                    w.endArray()
                }
                w.endArray()
            }
            w.beginObject()
            w.key("colors")
            table(colors)
            if conversations > 0 {  // absent for plans without conversations: their bytes stay
                w.key("conversations")
                w.int(conversations)
            }
            w.key("families")
            table(families)
            w.key("objects")
            w.int(objects)
            w.key("per_image")
            w.ints(perImage)
            w.key("questions")
            w.int(questions)
            w.key("samples")
            w.int(samples)
            w.key("shapes")
            table(shapes)
            w.endObject()
            return w.bytes
        }

        init() {}

        /// Reads a piece back; nil when it is not one.
        init?(json: [UInt8]) {
            guard let v = try? JSONValue.parse(json), let samples = v["samples"]?.intValue,
                let objects = v["objects"]?.intValue, let questions = v["questions"]?.intValue,
                let perImage = v["per_image"]?.arrayValue
            else { return nil }
            func table(_ key: String) -> [(String, Int)]? {
                guard let rows = v[key]?.arrayValue else { return nil }
                var out: [(String, Int)] = []
                for row in rows {
                    guard let pair = row.arrayValue, pair.count == 2, let k = pair[0].stringValue,
                        let n = pair[1].intValue
                    else { return nil }
                    out.append((k, n))
                }
                return out
            }
            guard let shapes = table("shapes"), let colors = table("colors"), let families = table("families")
            else { return nil }
            self.samples = samples
            self.conversations = v["conversations"]?.intValue ?? 0
            self.objects = objects
            self.questions = questions
            self.perImage = perImage.compactMap(\.intValue)
            self.shapes = shapes
            self.colors = colors
            self.families = families
        }
    }

    /// The Hub's size buckets.
    static func sizeCategory(_ n: Int) -> String {
        let buckets: [(Int, String)] = [
            (1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
            (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"),
        ]
        for (limit, name) in buckets where n < limit { return name }
        return "n>1B"
    }

    /// `dataset_info.features` in the Hub's YAML form, matching ``metadataLine(_:languages:)``.
    static func featuresYAML(languages: [String], conversations: Bool = false) -> String {
        func field(_ name: String, _ dtype: String, _ indent: String) -> String {
            "\(indent)- name: \(name)\n\(indent)  dtype: \(dtype)\n"
        }
        func sequence(_ name: String, _ dtype: String, _ indent: String) -> String {
            "\(indent)- name: \(name)\n\(indent)  list: \(dtype)\n"
        }
        func list(_ name: String, _ indent: String, _ fields: String) -> String {
            "\(indent)- name: \(name)\n\(indent)  list:\n" + fields
        }
        let i1 = "  "
        let i2 = "    "
        let i3 = "    "
        var y = "  features:\n"
        y += field("image", "image", i1)
        y += "\(i1)- name: captions\n\(i1)  struct:\n"
        for language in languages.sorted(by: DatasetIDs.byteOrder) {
            y += "\(i2)- name: \(language)\n\(i2)  struct:\n"
            y += field("detailed", "string", i2 + "  ")
            y += field("short", "string", i2 + "  ")
        }
        if conversations {
            y += list(
                "conversations", i1,
                field("lang", "string", i3)
                    + list("messages", i3, field("content", "string", i3 + "  ") + field("role", "string", i3 + "  ")))
        }
        y += field("height", "int64", i1)
        y += field("index", "int64", i1)
        y += field("key", "string", i1)
        y += list(
            "negatives", i1, field("kind", "string", i3) + field("lang", "string", i3) + field("text", "string", i3))
        y += list(
            "objects", i1,
            field("area", "int64", i3) + sequence("bbox", "int64", i3) + field("color", "string", i3)
                + field("fill", "string", i3) + field("id", "int64", i3) + field("shape", "string", i3)
                + field("size", "string", i3))
        y += list(
            "qa", i1,
            field("answer", "string", i3) + field("answer_type", "string", i3) + field("family", "string", i3)
                + field("lang", "string", i3) + field("question", "string", i3))
        y += list(
            "refs", i1,
            sequence("bbox", "int64", i3) + field("lang", "string", i3) + field("object", "int64", i3)
                + field("text", "string", i3))
        y += field("width", "int64", i1)
        return y
    }

    /// Which files a card describes. A card's `configs` all use one builder (`datasets` infers
    /// one per repository), so the imagefolder and the WebDataset shards each get their own card:
    /// `hf/README.md` for the imagefolder (with its features), `README.md` at the top of the
    /// output folder for the shards (whose columns `datasets` infers from the file extensions).
    enum CardLayout {
        case imagefolder, webdataset
    }

    /// The dataset card: front matter, then the run and its statistics.
    static func card(_ run: RunInfo, pieces: [[UInt8]], layout: CardLayout) -> String {
        var total = Statistics()
        var unreadable = 0
        for p in pieces {
            if let s = Statistics(json: p) { total.merge(s) } else { unreadable += 1 }
        }
        var y = "---\n"
        y += "license: cc-by-4.0\n"
        y += "pretty_name: Scenewright \(run.plan)\n"
        y += "language:\n" + run.languages.map { "- \($0)\n" }.joined()
        y += "task_categories:\n- image-to-text\n- visual-question-answering\n- object-detection\n"
        y += "- zero-shot-object-detection\n"
        y += "tags:\n- synthetic\n- procedural\n- scenewright\n"
        y += "size_categories:\n- \(sizeCategory(run.count))\n"
        y += "configs:\n"
        y += "- config_name: default\n  default: true\n  data_files:\n  - split: train\n    path:"
        switch layout {
        case .imagefolder:
            y += "\n    - train/*.png\n    - train/metadata.jsonl\n"
            y += "dataset_info:\n"
            y += featuresYAML(languages: run.languages, conversations: total.conversations > 0)
        case .webdataset:
            y += " train/*.tar\n"
        }
        y += "---\n\n"

        var md = "# Scenewright: \(run.plan)\n\n"
        md += "Procedural 2D scenes drawn by Scenewright \(run.version) from the plan `\(run.plan)` with seed "
        md += "\(run.seed): \(run.count) samples, global indices \(run.firstIndex) to "
        md += "\(run.firstIndex + UInt64(max(run.count, 1)) - 1). Every caption, answer, box and mask is "
        md += "derived from the scene after it was drawn, so the text is exactly true of the pixels.\n\n"
        md += "Languages: \(run.languages.joined(separator: ", ")).\n\n"
        md += "Output format version: \(FormatVersion.current) (Scenewright's docs/FORMATS.md).\n\n"
        md += "## Loading\n\n```python\nfrom datasets import load_dataset\n"
        switch layout {
        case .imagefolder:
            md +=
                "ds = load_dataset(\"imagefolder\", data_dir=\"hf/train\", split=\"train\")  # or load_dataset(\"hf\")\n"
        case .webdataset:
            md += "ds = load_dataset(\"path/to/this/folder\", split=\"train\")  # or:\n"
            md += "import webdataset as wds\n"
            md +=
                "ds = wds.WebDataset(\"train/\(run.shardPrefix)-{000000..\(ShardInfo(number: max(run.shards.count - 1, 0), firstIndex: 0, count: 0).name)}.tar\", shardshuffle=False)\n"
        }
        md += "```\n\n"
        md += "## Statistics\n\n"
        if unreadable > 0 { md += "(\(unreadable) shard statistics could not be read and are not counted.)\n\n" }
        md += "| | |\n|---|---|\n"
        md += "| samples | \(total.samples) |\n| objects | \(total.objects) |\n"
        let mean = total.samples > 0 ? Double(total.objects) / Double(total.samples) : 0
        md += "| objects per image (mean) | \(DatasetIDs.twoDecimals(mean)) |\n"
        md += "| questions (per language) | \(total.questions) |\n\n"
        md += "### Objects per image\n\n| objects | images |\n|---|---|\n"
        for (n, c) in total.perImage.enumerated() where c > 0 { md += "| \(n) | \(c) |\n" }
        md += "\n### Shapes\n\n| shape | objects |\n|---|---|\n"
        for (k, v) in total.shapes { md += "| \(k) | \(v) |\n" }
        md += "\n### Colors\n\n| color | objects |\n|---|---|\n"
        for (k, v) in total.colors { md += "| \(k) | \(v) |\n" }
        md += "\n### Questions per family\n\n| family | questions |\n|---|---|\n"
        for (k, v) in total.families { md += "| \(k) | \(v) |\n" }
        md +=
            "\n## License\n\nCC BY 4.0 by default; the data is generated, so change it to the terms you publish under.\n"
        return y + md
    }
}

extension DatasetIDs {
    /// `v` with two decimals, rounded half up (statistics only).
    static func twoDecimals(_ v: Double) -> String {
        let cents = Int((v * 100).rounded())
        let fraction = String(abs(cents) % 100)
        return "\(cents / 100)." + (fraction.count < 2 ? "0" : "") + fraction
    }
}
