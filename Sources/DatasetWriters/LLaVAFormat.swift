import Describer
import SampleRecords

/// The `llava` format: LLaVA's instruction-tuning layout, one JSON list per language of the
/// run, each entry one conversation of one image, so LLaVA's training script reads it with
/// `--data_path llava/<lang>.json --image_folder <output folder>`.
///
/// File: `llava/<lang>.json`, a list of {conversations [{from "human"|"gpt", value}], id, image}:
/// - `image` is `images/<key>.png`, relative to the output folder (the image folder);
/// - `id` is `<key>-<lang>-<k>`, k the conversation's place among the image's in that language;
/// - turns alternate human, gpt; the first human value starts with `<image>\n`, the only
///   `<image>` token of the conversation.
///
/// Runs whose plan has no `conversations:` section write empty lists.
public struct LLaVAFormat: DatasetFormat {
    public static let name = "llava"
    public static let ownedNames = ["llava"]
    public var needs: OutputNeeds { [.description] }

    public init() {}
    public init(options: FormatOptions) {}

    static func path(_ language: String) -> String { "llava/\(language).json" }

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    { DatasetIDs.imageFiles(samples) }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        var out: [(name: String, bytes: [UInt8])] = []
        for language in run.languages {
            let body = try DatasetIDs.listBody { (w: inout JSONWriter) throws(WriteError) in
                for s in samples {
                    let r = s.record
                    for (k, c) in r.description.conversations.filter({ $0.language == language }).enumerated()
                    where !c.turns.isEmpty {
                        w.beginObject()
                        w.key("conversations")
                        w.beginArray()
                        for (i, t) in c.turns.enumerated() {
                            w.beginObject()
                            w.key("from")
                            w.string("human")
                            w.key("value")
                            w.string(i == 0 ? "<image>\n" + t.question : t.question)
                            w.endObject()
                            w.beginObject()
                            w.key("from")
                            w.string("gpt")
                            w.key("value")
                            w.string(t.answer)
                            w.endObject()
                        }
                        w.endArray()
                        w.key("id")
                        w.string("\(r.key)-\(language)-\(k)")
                        w.key("image")
                        w.string(DatasetIDs.imagePath(r.key))
                        w.endObject()
                    }
                }
            }
            out.append(("llava-\(language)", body))
        }
        return out
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        run.languages.map { language in
            MergedFile(
                path: LLaVAFormat.path(language),
                parts: [
                    .literal([UInt8(ascii: "[")]), .pieces(name: "llava-\(language)", separator: [UInt8(ascii: ",")]),
                    .literal(Array("]\n".utf8)),
                ])
        }
    }
}
