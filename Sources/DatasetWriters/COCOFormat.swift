import Describer
import SampleRecords
import SceneModel

/// The `coco` format: MS-COCO detection and caption files, so pycocotools, Detectron2, MMDetection
/// and the COCO evaluators read a Scenewright run as they read COCO.
///
/// Files:
/// - `images/<key>.png` (shard files): the images, so the output is self-contained (the `folder`
///   format writes the same bytes at the same paths).
/// - `annotations/instances.json`: `images` {id, file_name, width, height, license},
///   `categories` (every shape kind, id from ``DatasetIDs/category(_:)``, supercategory
///   "shape"; for plans that draw text or charts also `text` and the chart marks,
///   ``TextAndMarkAnnotation``), `annotations` {id, image_id, category_id, bbox, area, iscrowd 0,
///   segmentation}.
/// - `annotations/captions.json`: the same `images` and `annotations` {id, image_id, caption}.
///
/// Values:
/// - `image_id = index + 1` (with twins, ``DatasetIDs/image(_:_:)``; each image then carries
///   `twin`, ``DatasetIDs/writeTwin(_:_:_:)``); instance `id = image_id * 1000 + object id`; caption
///   `id = image_id * 1000 + k` with k = 0 for the short and 1 for the detailed caption.
/// - `file_name` is `images/<key>.png`, relative to the output folder (pass the output folder as
///   the image root).
/// - `bbox` is the record's measured box of the visible pixels on pixel edges `[x, y, w, h]`;
///   `area` is the visible pixel count, exactly the mask's sum; `segmentation` is COCO's
///   compressed RLE `{"counts", "size": [h, w]}` computed from the id plane, so it decodes to
///   exactly the pixels the object owns.
/// - Captions are English when the run has English, otherwise the run's first language (COCO
///   captions has one language per file).
/// - Objects with no visible pixel get no annotation (the sampler never accepts such scenes).
/// - Nothing comes from the clock: `info` states the plan, seed and version, not a date.
public struct COCOFormat: DatasetFormat {
    public static let name = "coco"
    public static let ownedNames = ["annotations"]
    public var needs: OutputNeeds { [.idPlane, .description] }

    public init() {}
    public init(options: FormatOptions) {}

    static let instancesPath = "annotations/instances.json"
    static let captionsPath = "annotations/captions.json"

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    {
        DatasetIDs.imageFiles(samples)
    }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        let images = try DatasetIDs.listBody { (w: inout JSONWriter) throws(WriteError) in
            for s in samples { COCOFormat.writeImage(s.record, run: run, &w) }
        }
        let instances = try DatasetIDs.listBody { (w: inout JSONWriter) throws(WriteError) in
            for s in samples { try COCOFormat.writeInstances(s, run: run, &w) }
        }
        let language = COCOFormat.captionLanguage(run.languages)
        let captions = try DatasetIDs.listBody { (w: inout JSONWriter) throws(WriteError) in
            for s in samples { try COCOFormat.writeCaptions(s.record, run: run, language: language, &w) }
        }
        return [("coco-images", images), ("coco-annotations", instances), ("coco-captions", captions)]
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        let comma = [UInt8(ascii: ",")]
        let info = DatasetIDs.json { COCOFormat.writeInfo(run, &$0) }
        let licenses = DatasetIDs.json { COCOFormat.writeLicenses(&$0) }
        let categories = DatasetIDs.json { w in
            w.beginArray()
            for (id, name, supercategory) in DatasetIDs.categoryList(run) {
                w.beginObject()
                w.key("id")
                w.int(id)
                w.key("name")
                w.string(name)
                w.key("supercategory")
                w.string(supercategory)
                w.endObject()
            }
            w.endArray()
        }
        let tail = Array(#"],"info":"#.utf8) + info + Array(#","licenses":"#.utf8) + licenses + Array("}\n".utf8)
        return [
            MergedFile(
                path: COCOFormat.instancesPath,
                parts: [
                    .literal(Array(#"{"annotations":["#.utf8)),
                    .pieces(name: "coco-annotations", separator: comma),
                    .literal(Array(#"],"categories":"#.utf8) + categories + Array(#","images":["#.utf8)),
                    .pieces(name: "coco-images", separator: comma),
                    .literal(tail),
                ]),
            MergedFile(
                path: COCOFormat.captionsPath,
                parts: [
                    .literal(Array(#"{"annotations":["#.utf8)),
                    .pieces(name: "coco-captions", separator: comma),
                    .literal(Array(#"],"images":["#.utf8)),
                    .pieces(name: "coco-images", separator: comma),
                    .literal(tail),
                ]),
        ]
    }

    /// English when present, else the run's first language; nil when the run has no text.
    static func captionLanguage(_ languages: [String]) -> String? {
        languages.contains("en") ? "en" : languages.first
    }

    static func writeInfo(_ run: RunInfo, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("contributor")
        w.string("Scenewright")
        w.key("description")
        w.string("Scenewright procedural scenes, plan \(run.plan), seed \(run.seed)")
        w.key("plan")
        w.string(run.plan)
        w.key("seed")
        w.int(Int(truncatingIfNeeded: run.seed))
        w.key("url")
        w.string("")
        w.key("version")
        w.string(run.version)
        w.endObject()
    }

    static func writeLicenses(_ w: inout JSONWriter) {
        w.beginArray()
        w.beginObject()
        w.key("id")
        w.int(1)
        w.key("name")
        w.string(DatasetIDs.licenseName)
        w.key("url")
        w.string(DatasetIDs.licenseURL)
        w.endObject()
        w.endArray()
    }

    static func writeImage(_ r: SampleRecord, run: RunInfo, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("file_name")
        w.string(DatasetIDs.imagePath(r.key))
        w.key("height")
        w.int(r.height)
        w.key("id")
        w.int(DatasetIDs.image(r, run))
        w.key("license")
        w.int(1)
        DatasetIDs.writeTwin(r, run, &w)
        w.key("width")
        w.int(r.width)
        w.endObject()
    }

    static func writeInstances(_ s: SampleOutput, run: RunInfo, _ w: inout JSONWriter) throws(WriteError) {
        let r = s.record
        let imageID = DatasetIDs.image(r, run)
        guard r.width > 0, r.height > 0, s.ids.count == r.width * r.height else {
            throw WriteError(
                path: instancesPath,
                message: "sample \(r.key): id plane has \(s.ids.count) pixels, expected \(r.width)×\(r.height)")
        }
        // Every object's mask in one pass over the plane.
        let masks = MaskRLE.counts(ids: s.ids, width: r.width, height: r.height, ids: r.objects.map(\.object.id))
        for (k, o) in r.objects.enumerated() {
            let object = o.object
            guard let box = o.measurement.bbox, o.measurement.visiblePixels > 0 else { continue }
            guard let id = UInt8(exactly: object.id), id > 0 else {
                throw WriteError(
                    path: instancesPath,
                    message: "sample \(r.key): object id \(object.id) is not in the id plane's 1-255")
            }
            writeAnnotation(
                area: o.measurement.visiblePixels, box: box, category: DatasetIDs.category(object.shape),
                id: try DatasetIDs.item(image: imageID, object.id, path: instancesPath, key: r.key), image: imageID,
                mask: masks[k], r, &w)
        }
        guard run.textAndMarks else { return }
        let items = TextAndMarkAnnotation.of(r)
        let itemCounts = TextAndMarkAnnotation.counts(items, ids: s.ids, width: r.width, height: r.height)
        for (item, counts) in zip(items, itemCounts) {
            writeAnnotation(
                area: MaskRLE.area(counts), box: item.bbox, category: item.category,
                id: try DatasetIDs.item(image: imageID, item.id, path: instancesPath, key: r.key), image: imageID,
                mask: counts, r, &w)
        }
    }

    /// One instance annotation (an object, a text item or a chart mark) with its RLE mask.
    static func writeAnnotation(
        area: Int, box: PixelBox, category: Int, id: Int, image: Int, mask: [Int], _ r: SampleRecord,
        _ w: inout JSONWriter
    ) {
        w.beginObject()
        w.key("area")
        w.int(area)
        w.key("bbox")
        w.ints(box.x, box.y, box.width, box.height)
        w.key("category_id")
        w.int(category)
        w.key("id")
        w.int(id)
        w.key("image_id")
        w.int(image)
        w.key("iscrowd")
        w.int(0)
        w.key("segmentation")
        w.beginObject()
        w.key("counts")
        w.string(MaskRLE.string(mask))
        w.key("size")
        w.ints([r.height, r.width])
        w.endObject()
        w.endObject()
    }

    static func writeCaptions(_ r: SampleRecord, run: RunInfo, language: String?, _ w: inout JSONWriter)
        throws(WriteError)
    {
        guard let language, let c = r.description.captions.first(where: { $0.language == language })?.captions
        else { return }
        let imageID = DatasetIDs.image(r, run)
        for (k, text) in [c.short, c.detailed].enumerated() {
            w.beginObject()
            w.key("caption")
            w.string(text)
            w.key("id")
            w.int(try DatasetIDs.item(image: imageID, k, path: captionsPath, key: r.key))
            w.key("image_id")
            w.int(imageID)
            w.endObject()
        }
    }
}
