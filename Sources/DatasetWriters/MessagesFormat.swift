import Describer
import SampleRecords

/// The `messages` format: the chat layout Hugging Face chat templates and TRL's vision SFT
/// read, one JSON Lines file per language of the run, a line per conversation.
///
/// File: `messages/<lang>.jsonl`, lines {id, images ["images/<key>.png"], messages [...]}:
/// - `messages` alternate {"role": "user"} and {"role": "assistant"}, each with `content`, a
///   list of parts: the first user message is [{"type": "image"}, {"type": "text", "text"}],
///   every other message [{"type": "text", "text"}];
/// - `images` holds the one image, relative to the output folder (`datasets` reads it once the
///   column is cast to `Sequence(Image())` with paths joined to the folder);
/// - `id` is `<key>-<lang>-<k>` as in the `llava` format.
///
/// Runs whose plan has no `conversations:` section write empty files.
public struct MessagesFormat: DatasetFormat {
    public static let name = "messages"
    public static let ownedNames = ["messages"]
    public var needs: OutputNeeds { [.description] }

    public init() {}
    public init(options: FormatOptions) {}

    static func path(_ language: String) -> String { "messages/\(language).jsonl" }

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    { DatasetIDs.imageFiles(samples) }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        var out: [(name: String, bytes: [UInt8])] = []
        for language in run.languages {
            var lines: [UInt8] = []
            for s in samples {
                let r = s.record
                for (k, c) in r.description.conversations.filter({ $0.language == language }).enumerated()
                where !c.turns.isEmpty {
                    var w = JSONWriter(capacity: 4096)
                    w.beginObject()
                    w.key("id")
                    w.string("\(r.key)-\(language)-\(k)")
                    w.key("images")
                    w.beginArray()
                    w.string(DatasetIDs.imagePath(r.key))
                    w.endArray()
                    w.key("messages")
                    w.beginArray()
                    for (i, t) in c.turns.enumerated() {
                        MessagesFormat.message("user", t.question, image: i == 0, &w)
                        MessagesFormat.message("assistant", t.answer, image: false, &w)
                    }
                    w.endArray()
                    w.endObject()
                    lines += w.bytes
                    lines.append(0x0A)
                }
            }
            out.append(("messages-\(language)", lines))
        }
        return out
    }

    static func message(_ role: String, _ text: String, image: Bool, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("content")
        w.beginArray()
        if image {
            w.beginObject()
            w.key("type")
            w.string("image")
            w.endObject()
        }
        w.beginObject()
        w.key("text")
        w.string(text)
        w.key("type")
        w.string("text")
        w.endObject()
        w.endArray()
        w.key("role")
        w.string(role)
        w.endObject()
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        run.languages.map { language in
            MergedFile(
                path: MessagesFormat.path(language), parts: [.pieces(name: "messages-\(language)", separator: [])])
        }
    }
}
