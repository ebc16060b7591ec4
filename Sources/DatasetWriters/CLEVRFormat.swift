import Describer
import SampleRecords
import SceneModel

/// The `clevr` format: CLEVR v1.0's scene and question files, so CLEVR loaders, program
/// executors and neuro-symbolic models read a run as they read CLEVR.
///
/// Files:
/// - `clevr/scenes.json`: {info, scenes [{image_index, image_filename, split, objects,
///   relationships}]}.
/// - `clevr/questions.json`: {info, questions [{answer, image_filename, image_index, program,
///   question, question_family, question_family_index, question_index, split}]}.
///
/// Values:
/// - `image_index` is the sample's global index (with twins, its image id less one,
///   ``DatasetIDs/image(_:_:)``: an anchor and its twins are consecutive, and each scene carries
///   `twin`, ``DatasetIDs/writeTwin(_:_:_:)``); `image_filename` is `<key>.png`, the image at
///   `images/<key>.png` (written by the `coco` or `folder` format); `split` is "train".
/// - objects keep CLEVR's fields (`shape`, `color`, `size`, `rotation`, `material` = our fill,
///   `pixel_coords` [x, y, z]) and add ours (`id`, `fill`, `rgb`, `bbox`, `area`). `x, y` is the
///   position spatial relations use (``Relations/position(of:)``), rounded to the nearest pixel
///   (halves away from zero); `z` is the drawing order (higher is drawn on top).
/// - `relationships[rel][i]` lists the indices of the objects in relation `rel` to object `i`,
///   exactly what the program step `relate` with value `rel` returns for object `i`
///   (``SampleOutput/relationships``, decided upstream by ``SceneFacts`` from ``Relations``,
///   the one definition of spatial words, with the plan's margin): `left`, `right`, `above`,
///   `below`, `inside` (objects inside `i`), `contains` (objects holding `i`), `overlapping`,
///   `nearest`. `front` and `behind` repeat `below` and
///   `above` so executors written for CLEVR's four directions run (CLEVR's camera looks down at
///   the ground: nearer the viewer is lower in the image).
/// - questions are the English ones (CLEVR is English); a run without English has an empty list.
///   `question_index` is the question's position in `questions.json` (0, 1, 2, … as in
///   CLEVR), numbered at finalize (``MergedFile/Part/numberedPieces(name:separator:)``); the
///   `vqa` format's `question_id` of the same question is `image_id * 1000 + k`.
/// - `answer` is the value executing `program` on the scene returns (an attribute answer is
///   the object's own value: `outline`, never the question text's `outlined`).
/// - CLEVR's question engine (`question_engine.py`) matches `filter_*` values by substring
///   (`value in attribute`), so on these scenes its `filter_shape[circle]` also keeps
///   semicircles; our programs match values exactly (docs/FORMATS.md).
/// - `program` is CLEVR's node form with the function under both `function` (CLEVR v1.0) and
///   `type` (clevr-dataset-gen's question engine), plus `inputs` and `value_inputs`.
/// - `question_family_index` is the family's number in ``DatasetIDs/familyIndex(_:)`` (its
///   name is in `question_family`).
public struct CLEVRFormat: DatasetFormat {
    public static let name = "clevr"
    public static let ownedNames = ["clevr"]
    public var needs: OutputNeeds { [.description, .relationships] }

    public init() {}
    public init(options: FormatOptions) {}

    static let scenesPath = "clevr/scenes.json"
    static let questionsPath = "clevr/questions.json"

    /// Relationship names, in key order.
    static let relationNames = [
        "above", "behind", "below", "contains", "front", "inside", "left", "nearest", "overlapping", "right",
    ]

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    { DatasetIDs.imageFiles(samples) }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        let scenes = try DatasetIDs.listBody { (w: inout JSONWriter) throws(WriteError) in
            for s in samples { try writeScene(s, run: run, &w) }
        }
        let questions = try DatasetIDs.listBody { (w: inout JSONWriter) throws(WriteError) in
            for s in samples { try CLEVRFormat.writeQuestions(s.record, run: run, &w) }
        }
        return [("clevr-scenes", scenes), ("clevr-questions", questions)]
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        let info = DatasetIDs.json { w in
            w.beginObject()
            w.key("license")
            w.string(DatasetIDs.licenseName)
            w.key("plan")
            w.string(run.plan)
            w.key("seed")
            w.int(Int(truncatingIfNeeded: run.seed))
            w.key("split")
            w.string("train")
            w.key("version")
            w.string(run.version)
            w.endObject()
        }
        let comma = [UInt8(ascii: ",")]
        return [
            MergedFile(
                path: CLEVRFormat.scenesPath,
                parts: [
                    .literal(Array(#"{"info":"#.utf8) + info + Array(#","scenes":["#.utf8)),
                    .pieces(name: "clevr-scenes", separator: comma),
                    .literal(Array("]}\n".utf8)),
                ]),
            MergedFile(
                path: CLEVRFormat.questionsPath,
                parts: [
                    .literal(Array(#"{"info":"#.utf8) + info + Array(#","questions":["#.utf8)),
                    .numberedPieces(name: "clevr-questions", separator: comma),
                    .literal(Array("]}\n".utf8)),
                ]),
        ]
    }

    /// `relationships[name]` for every name of ``relationNames``.
    static func relationships(_ s: SampleOutput) throws(WriteError) -> [[[Int]]] {
        guard let r = s.relationships else {
            let record = s.record
            throw WriteError(
                path: CLEVRFormat.scenesPath,
                message: record.objects.count > 64
                    ? "sample \(record.key): \(record.objects.count) objects; at most 64 supported"
                    : "sample \(record.key): no relationships (the sample was made without the clevr format's needs)")
        }
        // Names in ``relationNames`` order; `behind` and `front` repeat `above` and `below`.
        return [r.above, r.above, r.below, r.containing, r.below, r.inside, r.left, r.nearest, r.overlapping, r.right]
    }

    func writeScene(_ sample: SampleOutput, run: RunInfo, _ w: inout JSONWriter) throws(WriteError) {
        let r = sample.record
        let relationships = try CLEVRFormat.relationships(sample)
        w.beginObject()
        w.key("image_filename")
        w.string(r.key + ".png")
        w.key("image_index")
        w.int(DatasetIDs.image(r, run) - 1)
        w.key("objects")
        w.beginArray()
        for o in r.objects {
            let s = o.object
            let m = o.measurement
            let p = Relations.position(of: s)
            w.beginObject()
            w.key("area")
            w.int(m.visiblePixels)
            w.key("bbox")
            SampleRecord.write(m.bbox, &w)
            w.key("color")
            w.string(s.color.name)
            w.key("fill")
            w.string(s.fill.rawValue)
            w.key("id")
            w.int(s.id)
            w.key("material")
            w.string(s.fill.rawValue)
            w.key("pixel_coords")
            w.ints(Int(p.x.rounded()), Int(p.y.rounded()), s.z)
            w.key("rgb")
            SampleRecord.write(s.color.rgb, &w)
            w.key("rotation")
            w.double(s.rotation)
            w.key("shape")
            w.string(s.shape.rawValue)
            w.key("size")
            w.string(s.size)
            w.endObject()
        }
        w.endArray()
        w.key("relationships")
        w.beginObject()
        for (name, lists) in zip(CLEVRFormat.relationNames, relationships) {
            w.key(string: name)
            w.beginArray()
            for l in lists { w.ints(l) }
            w.endArray()
        }
        w.endObject()
        w.key("split")
        w.string("train")
        DatasetIDs.writeTwin(r, run, &w)
        w.endObject()
    }

    static func writeQuestions(_ r: SampleRecord, run: RunInfo, _ w: inout JSONWriter) throws(WriteError) {
        for q in VQAFormat.questions(r, "en") {
            guard let family = DatasetIDs.familyIndex(named: q.family) else {
                throw WriteError(path: questionsPath, message: "sample \(r.key): unknown question family '\(q.family)'")
            }
            w.beginObject()
            w.key("answer")
            w.string(q.answer)
            w.key("image_filename")
            w.string(r.key + ".png")
            w.key("image_index")
            w.int(DatasetIDs.image(r, run) - 1)
            w.key("program")
            writeProgram(q.program, &w)
            w.key("question")
            w.string(q.question)
            w.key("question_family")
            w.string(q.family)
            w.key("question_family_index")
            w.int(family)
            w.key("question_index")
            w.raw([MergedFile.counterMark])  // the question's position in the file, at finalize
            w.key("split")
            w.string("train")
            w.endObject()
        }
    }

    /// CLEVR's node form with the function name under both keys readers use.
    static func writeProgram(_ p: Program, _ w: inout JSONWriter) {
        w.beginArray()
        for n in p.nodes {
            w.beginObject()
            w.key("function")
            w.string(n.function.rawValue)
            w.key("inputs")
            w.ints(Array(n.inputs))
            w.key("type")
            w.string(n.function.rawValue)
            w.key("value_inputs")
            w.beginArray()
            if let v = n.value { w.string(v) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }
}
