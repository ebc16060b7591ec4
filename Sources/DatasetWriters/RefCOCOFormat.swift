import SampleRecords
import SceneModel

/// Referring expressions in the layout of the REFER toolkit (lichengunc/refer, `refer.py`), the
/// loader RefCOCO, RefCOCO+ and RefCOCOg evaluations are written against:
/// `REFER(data_root=out, dataset="refcoco", splitBy="scenewright")` reads
///
/// - `refcoco/refs(scenewright).p`: a pickled list of refs, each a dict with `ref_id`, `ann_id`,
///   `image_id`, `category_id`, `split` (`"train"`), `file_name`, `sent_ids` and `sentences`
///   (`sent_id`, `sent`, `raw`, `tokens`, and our `lang`);
/// - `refcoco/instances.json`: COCO-style `images`, `annotations` (every object of every image,
///   with `bbox` [x, y, w, h] measured from the visible pixels, `area` in pixels, `iscrowd` 0 and
///   `segmentation` as a one-element list holding a compact COCO RLE, the form REFER's
///   `getMask` decodes: it indexes `segmentation[0]` and sums the decoded masks over axis 2)
///   and `categories` (one per shape kind).
///
/// Grouping: REFER keeps one ref per annotation (`annToRef`), so all expressions for one object
/// (every language, every phrasing) become sentences of a single ref, in record order. A
/// sentence's `sent_id` is `image_id * 1000 + k` for the expression's position `k` in the
/// record's `refs`; the ref's `ref_id` is its first sentence's id.
///
/// Ids are unique across shards with no global state: `image_id = index + 1` (COCO ids start at
/// 1; with twins ``DatasetIDs/image(_:_:)``, and images carry `twin`), `ann_id = image_id * 1000 + object id`, category ids from ``DatasetIDs/category(_:)``.
/// Limits, checked: object ids 1-255 (the id plane is bytes), fewer than 1000 expressions per
/// image.
///
/// With `images` on, shards also write each image where REFER's `showRef` looks for it,
/// `images/mscoco/images/train2014/<key>.png`; off by default, as other formats usually carry
/// the images already.
public struct RefCOCOFormat: DatasetFormat {
    public static let name = "refcoco"
    public static let ownedNames = ["refcoco"]
    public var needs: OutputNeeds { [.idPlane, .description] }
    public let images: Bool

    /// REFER's `splitBy`: the refs file is `refs(<splitBy>).p`.
    public static let splitBy = "scenewright"
    public static let refsPath = "refcoco/refs(\(splitBy)).p"
    public static let instancesPath = "refcoco/instances.json"
    public static let imageFolder = "images/mscoco/images/train2014"

    public init(images: Bool = false) {
        self.images = images
    }

    public init(options: FormatOptions) { self.init() }

    public static func imageID(_ record: SampleRecord, _ run: RunInfo) -> Int { DatasetIDs.image(record, run) }

    public static func fileName(_ record: SampleRecord) -> String { record.key + ".png" }

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    {
        guard images else { return [] }
        return samples.map { (RefCOCOFormat.imageFolder + "/" + RefCOCOFormat.fileName($0.record), $0.png) }
    }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        var refs: [JSONValue] = []
        var imagesJSON = JSONWriter(capacity: samples.count * 96)
        var annotations = JSONWriter(capacity: samples.count * 2048)
        // The pieces are comma-separated lists of objects: open an array so the writer places
        // the commas, then drop the brackets.
        imagesJSON.beginArray()
        annotations.beginArray()
        for sample in samples {
            try RefCOCOFormat.write(sample, run: run, images: &imagesJSON, annotations: &annotations, refs: &refs)
        }
        imagesJSON.endArray()
        annotations.endArray()
        return [
            ("refcoco-refs", PickleWriter.listFragment(refs)),
            ("refcoco-images", Array(imagesJSON.bytes.dropFirst().dropLast())),
            ("refcoco-annotations", Array(annotations.bytes.dropFirst().dropLast())),
        ]
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        var middle = JSONWriter(capacity: 1024)
        middle.beginObject()
        middle.key("categories")
        middle.beginArray()
        for (id, name, supercategory) in DatasetIDs.categoryList(run) {
            middle.beginObject()
            middle.key("id")
            middle.int(id)
            middle.key("name")
            middle.string(name)
            middle.key("supercategory")
            middle.string(supercategory)
            middle.endObject()
        }
        middle.endArray()
        middle.key("images")
        // `{"categories":[...],"images":` without the opening brace, then the array's bracket.
        var between = Array("],".utf8) + middle.bytes.dropFirst()
        between.append(UInt8(ascii: "["))

        var info = JSONWriter(capacity: 256)
        info.beginObject()
        info.key("info")
        info.beginObject()
        info.key("description")
        info.string("Scenewright referring expressions, plan \(run.plan)")
        info.key("plan")
        info.string(run.plan)
        info.key("seed")
        info.int(Int(truncatingIfNeeded: run.seed))
        info.key("version")
        info.string(run.version)
        info.endObject()
        info.endObject()
        let tail = Array("],".utf8) + info.bytes.dropFirst() + Array("\n".utf8)

        return [
            MergedFile(
                path: RefCOCOFormat.refsPath,
                parts: [
                    .literal(PickleWriter.listHeader), .pieces(name: "refcoco-refs", separator: []),
                    .literal(PickleWriter.stop),
                ]),
            MergedFile(
                path: RefCOCOFormat.instancesPath,
                parts: [
                    .literal(Array(#"{"annotations":["#.utf8)),
                    .pieces(name: "refcoco-annotations", separator: Array(",".utf8)),
                    .literal(between),
                    .pieces(name: "refcoco-images", separator: Array(",".utf8)),
                    .literal(tail),
                ]),
        ]
    }

    /// One sample's image entry, its annotations (one per object) and its refs.
    static func write(
        _ sample: SampleOutput, run: RunInfo, images: inout JSONWriter, annotations: inout JSONWriter,
        refs: inout [JSONValue]
    ) throws(WriteError) {
        let record = sample.record
        let here = "\(instancesPath): sample \(record.key)"
        let imageID = imageID(record, run)
        let fileName = fileName(record)
        guard sample.ids.count == record.width * record.height else {
            throw WriteError(
                path: here,
                message: "id plane has \(sample.ids.count) bytes, expected \(record.width)x\(record.height)")
        }

        images.beginObject()
        images.key("file_name")
        images.string(fileName)
        images.key("height")
        images.int(record.height)
        images.key("id")
        images.int(imageID)
        DatasetIDs.writeTwin(record, run, &images)
        images.key("width")
        images.int(record.width)
        images.endObject()

        let extras = run.textAndMarks ? TextAndMarkAnnotation.of(record) : []
        let objectIDs = record.objects.map(\.object.id) + extras.map(\.id)
        var categories: [Int] = []
        for o in record.objects {
            guard (1...255).contains(o.object.id) else {
                throw WriteError(path: here, message: "object id \(o.object.id) outside 1-255")
            }
            categories.append(DatasetIDs.category(o.object.shape))
        }
        categories += extras.map(\.category)
        let counts = MaskRLE.counts(
            ids: sample.ids, width: record.width, height: record.height,
            groups: record.objects.map { [$0.object.id] } + extras.map(\.members))
        let boxes = record.objects.map { $0.measurement.bbox } + extras.map(\.bbox)
        for i in objectIDs.indices {
            let box = boxes[i] ?? PixelBox(x: 0, y: 0, width: 0, height: 0)
            annotations.beginObject()
            annotations.key("area")
            annotations.int(MaskRLE.area(counts[i]))
            annotations.key("bbox")
            annotations.ints(box.x, box.y, box.width, box.height)
            annotations.key("category_id")
            annotations.int(categories[i])
            annotations.key("id")
            annotations.int(imageID * 1000 + objectIDs[i])
            annotations.key("image_id")
            annotations.int(imageID)
            annotations.key("iscrowd")
            annotations.int(0)
            annotations.key("segmentation")
            annotations.beginArray()
            annotations.beginObject()
            annotations.key("counts")
            annotations.string(MaskRLE.string(counts[i]))
            annotations.key("size")
            annotations.ints([record.height, record.width])
            annotations.endObject()
            annotations.endArray()
            annotations.endObject()
        }

        // Expressions naming text items or chart marks resolve to their annotations (the run
        // annotates them when its plan draws text or charts).
        let items = record.description.refs
        guard items.count < 1000 else {
            throw WriteError(path: here, message: "\(items.count) referring expressions; at most 999 fit the id scheme")
        }
        // Objects in order of their first expression; arrays keep the order deterministic.
        var order: [Int] = []
        for item in items where !order.contains(item.objectID) { order.append(item.objectID) }
        for objectID in order {
            guard let objectIndex = objectIDs.firstIndex(of: objectID) else {
                throw WriteError(
                    path: here, message: "referring expression names object \(objectID), not annotated in the image")
            }
            var sentences: [JSONValue] = []
            var sentIDs: [JSONValue] = []
            for (k, item) in items.enumerated() where item.objectID == objectID {
                let sentID = imageID * 1000 + k
                let tokens = tokenize(item.text)
                sentences.append(
                    .object([
                        "lang": .string(item.language), "raw": .string(item.text),
                        "sent": .string(tokens.joined(separator: " ")), "sent_id": .int(sentID),
                        "tokens": .array(tokens.map { .string($0) }),
                    ]))
                sentIDs.append(.int(sentID))
            }
            refs.append(
                .object([
                    "ann_id": .int(imageID * 1000 + objectID), "category_id": .int(categories[objectIndex]),
                    "file_name": .string(fileName), "image_id": .int(imageID),
                    "ref_id": sentIDs.first ?? .int(imageID * 1000), "sent_ids": .array(sentIDs),
                    "sentences": .array(sentences), "split": .string("train"),
                ]))
        }
    }

    /// RefCOCO's tokens: lowercase words with punctuation removed; text without spaces between
    /// words (Chinese, Japanese) is split into characters, one token each.
    public static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        for word in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {
            let kept = word.filter { !$0.isPunctuation }
            guard !kept.isEmpty else { continue }
            if kept.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
                tokens.append(contentsOf: kept.map(String.init))
            } else {
                tokens.append(kept)
            }
        }
        return tokens
    }
}
