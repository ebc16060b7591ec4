import Describer
import SampleRecords
import SceneModel

/// Identifiers the formats share, derived from a sample's global index alone so every shard
/// computes its own ids without coordination and they never collide across shards or machines.
///
/// - `image_id = index + 1` (COCO and VQA readers treat 0 as "no image"); in a run with K
///   counterfactual twins per sample, `index * (1 + K) + k + 1`, k = 0 for the anchor and the
///   twin's number for a twin, so an anchor and its twins take consecutive ids (``image(_:_:)``).
/// - an item inside a sample (a COCO annotation, a caption, a question) gets
///   `image_id * 1000 + k`, the convention of VQA v2 itself; `k` is the object id for COCO
///   instances and the item's position within the sample otherwise. `k` must stay below 1000.
/// - COCO categories and CLEVR question families have ids written down in tables below, not
///   taken from enum positions, so reordering an enum changes no dataset.
public enum DatasetIDs {
    static func image(_ index: UInt64) -> Int { Int(truncatingIfNeeded: index) + 1 }

    /// A record's image id: ``image(_:)`` of its index without twins; with them, the anchor's
    /// and its twins' ids are consecutive (`index * (1 + K) + k + 1`).
    public static func image(_ record: SampleRecord, _ run: RunInfo) -> Int {
        image(index: record.index, twin: record.twin?.number ?? 0, perIndex: run.samplesPerIndex)
    }

    /// The image id of sample `index`'s twin `twin` (0: the anchor) in a run making `perIndex`
    /// samples per index.
    public static func image(index: UInt64, twin: Int, perIndex: Int) -> Int {
        Int(truncatingIfNeeded: index) &* max(1, perIndex) &+ twin &+ 1
    }

    /// The extra field an image entry carries in a run with twins (keyed `twin`, written between
    /// `license`/`id` and `width` in byte order): null for an anchor; for a twin
    /// `{anchor_id, anchor_key, edit: {attribute, from, kind, object, other, to}, number}`, the
    /// anchor's image id and key and the edit (object ids are the anchor's). Runs without twins
    /// write no such field.
    static func writeTwin(_ record: SampleRecord, _ run: RunInfo, _ w: inout JSONWriter) {
        guard run.samplesPerIndex > 1 else { return }
        w.key("twin")
        guard let link = record.twin else {
            w.null()
            return
        }
        w.beginObject()
        w.key("anchor_id")
        w.int(image(index: record.index, twin: 0, perIndex: run.samplesPerIndex))
        w.key("anchor_key")
        w.string(link.anchor)
        w.key("edit")
        link.writeEdit(&w)
        w.key("number")
        w.int(link.number)
        w.endObject()
    }

    static func item(image: Int, _ k: Int, path: String, key: String) throws(WriteError) -> Int {
        guard k >= 0, k < 1000 else {
            throw WriteError(
                path: path,
                message: "sample \(key): item \(k) does not fit the id scheme image_id * 1000 + k (k < 1000)")
        }
        return image * 1000 + k
    }

    /// The license every merged file states: the data a run produces is the user's; CC BY 4.0 is
    /// the default the dataset card and headers declare (change it in the card when publishing
    /// under other terms).
    static let licenseName = "Creative Commons Attribution 4.0 International"
    static let licenseURL = "https://creativecommons.org/licenses/by/4.0/"

    /// Where every image-referencing format points: the PNG as the `coco` (and `folder`)
    /// format writes it, relative to the output folder.
    static func imagePath(_ key: String) -> String { "images/" + key + ".png" }

    /// The images every image-referencing format puts at ``imagePath(_:)``, so that each is
    /// complete on its own (the sink writes a path once when several formats share it).
    static func imageFiles(_ samples: [SampleOutput]) -> [(path: String, bytes: [UInt8])] {
        samples.map { (imagePath($0.record.key), $0.png) }
    }

    /// The items of a JSON array without its brackets, commas between: one shard's piece of a
    /// merged array.
    static func listBody(_ body: (inout JSONWriter) throws(WriteError) -> Void) throws(WriteError) -> [UInt8] {
        var w = JSONWriter(capacity: 1 << 16)
        w.beginArray()
        try body(&w)
        w.endArray()
        return Array(w.bytes.dropFirst().dropLast())
    }

    /// One value serialized alone (for the literal parts of merged files).
    static func json(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        body(&w)
        return w.bytes
    }

    /// True when `a` sorts before `b` by UTF-8 bytes (the order JSON keys and tables use).
    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}

extension DatasetIDs {
    /// The COCO (and RefCOCO) `category_id` of each shape kind. Append-only: a published id
    /// never changes and is never reused; a new kind takes the next number (docs/FORMATS.md
    /// lists the table).
    static func category(_ kind: ShapeKind) -> Int {
        switch kind {
        case .circle: 1
        case .ellipse: 2
        case .square: 3
        case .rectangle: 4
        case .triangle: 5
        case .pentagon: 6
        case .hexagon: 7
        case .star: 8
        case .cross: 9
        case .diamond: 10
        case .heart: 11
        case .semicircle: 12
        }
    }

    /// Every shape kind with its category id, in id order (the `categories` list of COCO and
    /// RefCOCO files).
    static var categories: [(id: Int, kind: ShapeKind)] {
        ShapeKind.allCases.map { (category($0), $0) }.sorted { $0.id < $1.id }
    }

    /// CLEVR's `question_family_index` of each question family. Append-only, like
    /// ``category(_:)``.
    static func familyIndex(_ family: QuestionFamily) -> Int {
        switch family {
        case .exist: 0
        case .count: 1
        case .queryColor: 2
        case .queryShape: 3
        case .querySize: 4
        case .queryFill: 5
        case .compareCount: 6
        case .compareAttribute: 7
        case .logic: 8
        case .relateQuery: 9
        case .relateCount: 10
        case .relateExist: 11
        case .nearestQuery: 12
        case .overlapExist: 13
        case .superlative: 14
        case .twoHop: 15
        case .lineCount: 16
        case .lineQuery: 17
        case .groupCount: 18
        case .insideQuery: 19
        case .insideCount: 20
        case .frontExist: 21
        case .behindQuery: 22
        case .readText: 23
        case .textColor: 24
        case .textCount: 25
        case .textExist: 26
        case .labelQuery: 27
        case .labelledQuery: 28
        }
    }

    /// The `question_family_index` of each chart family: a block of its own from 100, so the
    /// general families keep counting from 0 without gaps. Append-only.
    static func familyIndex(_ family: ChartQuestionFamily) -> Int {
        switch family {
        case .title: 100
        case .axisLabel: 101
        case .value: 102
        case .extreme: 103
        case .compare: 104
        case .count: 105
        case .countSeries: 106
        case .trend: 107
        case .figureQA: 108
        }
    }

    /// The index of a family by its recorded name, general or chart; nil for an unknown name.
    static func familyIndex(named name: String) -> Int? {
        QuestionFamily(rawValue: name).map(familyIndex) ?? ChartQuestionFamily(rawValue: name).map(familyIndex)
    }
}
