import Describer
import SampleRecords

/// The `vqa` format: VQA v2's question and annotation files, so the official evaluation
/// (GT-Vision-Lab/VQA's `VQA` and `VQAEval`) and every loader written for VQA v2 read a run.
///
/// Files, one pair per language of the run (each file is one language, as VQA's are):
/// - `vqa/<lang>/questions.json`: {data_subtype "train", data_type "scenewright", info, license,
///   questions [{image_id, question, question_id}], task_type "Open-Ended"}.
/// - `vqa/<lang>/annotations.json`: {annotations [{answer_type, answers, image_id,
///   multiple_choice_answer, question_id, question_type}], data_subtype, data_type, info, license,
///   task_type}. `task_type` is repeated here because the original helper's `loadRes` copies it
///   from the annotation file.
///
/// Values:
/// - `image_id = index + 1` (with twins, ``DatasetIDs/image(_:_:)``: an anchor's and its twins'
///   ids are consecutive); `question_id = image_id * 1000 + k`, k the question's position among
///   the sample's questions in that language. Every language asks the same questions in the same
///   order, so one question has the same id in every language's files.
/// - `question_type` is the question family (`count`, `relate_query`, ...); `answer_type` is the
///   record's (`yes/no`, `number`, `other`).
/// - Our answers are exact, so all ten human answers are the one answer (`answer_confidence`
///   "yes", `answer_id` 1-10) and `multiple_choice_answer` is that answer: a model answering it
///   scores accuracy 1.
public struct VQAFormat: DatasetFormat {
    public static let name = "vqa"
    public static let ownedNames = ["vqa"]
    public var needs: OutputNeeds { [.description] }

    public init() {}
    public init(options: FormatOptions) {}

    static func questionsPath(_ language: String) -> String { "vqa/\(language)/questions.json" }
    static func annotationsPath(_ language: String) -> String { "vqa/\(language)/annotations.json" }

    public func shardFiles(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(path: String, bytes: [UInt8])]
    { DatasetIDs.imageFiles(samples) }

    public func pieces(_ shard: ShardInfo, _ samples: [SampleOutput], run: RunInfo) throws(WriteError)
        -> [(name: String, bytes: [UInt8])]
    {
        var out: [(name: String, bytes: [UInt8])] = []
        for language in run.languages {
            let questions = try DatasetIDs.listBody { (w: inout JSONWriter) throws(WriteError) in
                for s in samples {
                    for (k, q) in VQAFormat.questions(s.record, language).enumerated() {
                        let imageID = DatasetIDs.image(s.record, run)
                        w.beginObject()
                        w.key("image_id")
                        w.int(imageID)
                        w.key("question")
                        w.string(q.question)
                        w.key("question_id")
                        w.int(
                            try DatasetIDs.item(
                                image: imageID, k, path: VQAFormat.questionsPath(language), key: s.record.key))
                        w.endObject()
                    }
                }
            }
            let annotations = try DatasetIDs.listBody { (w: inout JSONWriter) throws(WriteError) in
                for s in samples {
                    for (k, q) in VQAFormat.questions(s.record, language).enumerated() {
                        let imageID = DatasetIDs.image(s.record, run)
                        w.beginObject()
                        w.key("answer_type")
                        w.string(q.answerType.rawValue)
                        w.key("answers")
                        w.beginArray()
                        for n in 1...10 {
                            w.beginObject()
                            w.key("answer")
                            w.string(q.answer)
                            w.key("answer_confidence")
                            w.string("yes")
                            w.key("answer_id")
                            w.int(n)
                            w.endObject()
                        }
                        w.endArray()
                        w.key("image_id")
                        w.int(imageID)
                        w.key("multiple_choice_answer")
                        w.string(q.answer)
                        w.key("question_id")
                        w.int(
                            try DatasetIDs.item(
                                image: imageID, k, path: VQAFormat.annotationsPath(language), key: s.record.key))
                        w.key("question_type")
                        w.string(q.family)
                        w.endObject()
                    }
                }
            }
            out.append(("vqa-questions-\(language)", questions))
            out.append(("vqa-annotations-\(language)", annotations))
        }
        return out
    }

    public func mergedFiles(_ run: RunInfo) -> [MergedFile] {
        let comma = [UInt8(ascii: ",")]
        let header = DatasetIDs.json { w in
            // data_subtype, data_type, info, license: the fields both files share, in key order.
            w.beginObject()
            w.key("data_subtype")
            w.string("train")
            w.key("data_type")
            w.string("scenewright")
            w.key("info")
            COCOFormat.writeInfo(run, &w)
            w.key("license")
            w.beginObject()
            w.key("name")
            w.string(DatasetIDs.licenseName)
            w.key("url")
            w.string(DatasetIDs.licenseURL)
            w.endObject()
            w.endObject()
        }
        // The shared fields without their braces, to splice between the lists.
        let shared = Array(header.dropFirst().dropLast())
        let taskType = Array(#""task_type":"Open-Ended""#.utf8)
        return run.languages.flatMap { language in
            [
                MergedFile(
                    path: VQAFormat.questionsPath(language),
                    parts: [
                        .literal([UInt8(ascii: "{")] + shared + Array(#","questions":["#.utf8)),
                        .pieces(name: "vqa-questions-\(language)", separator: comma),
                        .literal(Array("],".utf8) + taskType + Array("}\n".utf8)),
                    ]),
                MergedFile(
                    path: VQAFormat.annotationsPath(language),
                    parts: [
                        .literal(Array(#"{"annotations":["#.utf8)),
                        .pieces(name: "vqa-annotations-\(language)", separator: comma),
                        .literal(Array("],".utf8) + shared + [UInt8(ascii: ",")] + taskType + Array("}\n".utf8)),
                    ]),
            ]
        }
    }

    /// The sample's questions in one language, in record order.
    static func questions(_ r: SampleRecord, _ language: String) -> [QAItem] {
        r.description.qa.filter { $0.language == language }
    }
}
