import Describer
import SampleRecords
import SceneModel

/// The `grounding` format: referring expressions and grounded captions in the token syntax of
/// each chosen model (``GroundingStyle``), one JSON Lines file per style, ready for fine-tuning
/// or evaluating grounding.
///
/// Files, per style:
/// - `grounding/<style>.jsonl`: one line per referring expression of every language:
///   {bbox [x, y, w, h], image, key, lang, object, text}, `text` the expression grounded to its
///   object's visible box.
/// - `grounding/<style>-captions.jsonl`: one grounded caption per image per language:
///   {bboxes [[x, y, w, h], ...], image, key, lang, objects [ids], text}, `text` every dense
///   phrase grounded to its object's box, phrases joined by `; ` (Chinese `；`), in object order.
///   Separate from the expressions so each file has one schema.
///
/// `image` is `images/<key>.png`, relative to the output folder (the `coco` format writes it).
/// Phrases whose object shows no pixel are left out (the sampler never accepts such scenes).
public struct GroundingFormat: DatasetFormat {
    public static let name = "grounding"
    public static let ownedNames = ["grounding"]
    public var needs: OutputNeeds { [.description] }
    public var styles: [GroundingStyle]

    public init(styles: [GroundingStyle] = GroundingStyle.allCases) { self.styles = styles }
    public init(options: FormatOptions) { self.init(styles: options.grounding) }

    static func path(_ style: GroundingStyle) -> String { "grounding/\(style.rawValue).jsonl" }
    static func captionsPath(_ style: GroundingStyle) -> String { "grounding/\(style.rawValue)-captions.jsonl" }

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    { DatasetIDs.imageFiles(samples) }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        var out: [(name: String, bytes: [UInt8])] = []
        for style in styles {
            var refs: [UInt8] = []
            var captions: [UInt8] = []
            for s in samples {
                let r = s.record
                for ref in r.description.refs where ref.bbox.width > 0 && ref.bbox.height > 0 {
                    var w = JSONWriter(capacity: 512)
                    w.beginObject()
                    w.key("bbox")
                    w.ints(ref.bbox.x, ref.bbox.y, ref.bbox.width, ref.bbox.height)
                    w.key("image")
                    w.string(DatasetIDs.imagePath(r.key))
                    w.key("key")
                    w.string(r.key)
                    w.key("lang")
                    w.string(ref.language)
                    w.key("object")
                    w.int(ref.objectID)
                    w.key("text")
                    w.string(
                        GroundingStyle.text(
                            style: style, phrase: ref.text, box: ref.bbox, width: r.width, height: r.height))
                    w.endObject()
                    refs += w.bytes
                    refs.append(0x0A)
                }
                for (language, c) in r.description.captions {
                    let dense = c.dense.filter { $0.bbox.width > 0 && $0.bbox.height > 0 }
                    guard !dense.isEmpty else { continue }
                    var w = JSONWriter(capacity: 1024)
                    w.beginObject()
                    w.key("bboxes")
                    w.beginArray()
                    for d in dense { w.ints(d.bbox.x, d.bbox.y, d.bbox.width, d.bbox.height) }
                    w.endArray()
                    w.key("image")
                    w.string(DatasetIDs.imagePath(r.key))
                    w.key("key")
                    w.string(r.key)
                    w.key("lang")
                    w.string(language)
                    w.key("objects")
                    w.ints(dense.map(\.objectID))
                    w.key("text")
                    w.string(
                        dense.map {
                            GroundingStyle.text(
                                style: style, phrase: $0.text, box: $0.bbox, width: r.width, height: r.height)
                        }.joined(separator: GroundingStyle.separator(language)))
                    w.endObject()
                    captions += w.bytes
                    captions.append(0x0A)
                }
            }
            out.append(("grounding-\(style.rawValue)", refs))
            out.append(("grounding-\(style.rawValue)-captions", captions))
        }
        return out
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        styles.flatMap { style in
            [
                MergedFile(
                    path: GroundingFormat.path(style),
                    parts: [.pieces(name: "grounding-\(style.rawValue)", separator: [])]),
                MergedFile(
                    path: GroundingFormat.captionsPath(style),
                    parts: [.pieces(name: "grounding-\(style.rawValue)-captions", separator: [])]),
            ]
        }
    }
}
