import DatasetWriters
import Foundation
import SampleRecords
import SceneModel

/// Checks the whole-run files against the samples' records, through digests the sample pass
/// collected (so no record is held): COCO's annotations against the objects' ids, areas and
/// boxes, each RLE against its area; VQA's questions and answers against the records'.
enum FormatChecker {
    /// `objects`: per image id, the sample's key and its objects' digest.
    static func coco(directory: String, objects: [Int: (key: String, digest: UInt64)]) -> [Defect] {
        let path = "annotations/instances.json"
        guard let bytes = try? AtomicFile.read(directory + "/" + path) else { return [] }
        guard let root = try? JSONValue.parse(bytes), let images = root["images"]?.arrayValue,
            let annotations = root["annotations"]?.arrayValue, let categories = root["categories"]?.arrayValue
        else { return [Defect(path, "coco", "not a COCO instances file (images, annotations, categories)")] }
        var out: [Defect] = []
        let categoryIDs = Set(categories.compactMap { $0["id"]?.intValue })
        var imageIDs = Set<Int>()
        for image in images {
            guard let id = image["id"]?.intValue else {
                out.append(Defect(path, "coco", "an image has no id"))
                continue
            }
            if !imageIDs.insert(id).inserted { out.append(Defect(path, "coco", "image id \(id) appears twice")) }
            if let file = image["file_name"]?.stringValue,
                !FileManager.default.fileExists(atPath: directory + "/" + file)
            {
                out.append(Defect(path, "coco", "image \(id): \(file) is missing"))
            }
        }
        var annotationIDs = Set<Int>()
        var perImage: [Int: [(Int, Int, PixelBox)]] = [:]
        for a in annotations {
            guard let id = a["id"]?.intValue, let image = a["image_id"]?.intValue, let area = a["area"]?.intValue,
                let box = a["bbox"]?.arrayValue?.compactMap(\.intValue), box.count == 4
            else {
                out.append(Defect(path, "coco", "an annotation lacks id, image_id, area or an integer bbox"))
                continue
            }
            if !annotationIDs.insert(id).inserted {
                out.append(Defect(path, "coco", "annotation id \(id) appears twice"))
            }
            if !imageIDs.contains(image) { out.append(Defect(path, "coco", "annotation \(id): no image \(image)")) }
            if let c = a["category_id"]?.intValue, !categoryIDs.contains(c) {
                out.append(Defect(path, "coco", "annotation \(id): unknown category \(c)"))
            }
            if a["iscrowd"]?.intValue != 0 { out.append(Defect(path, "coco", "annotation \(id): iscrowd is not 0")) }
            if let counts = a["segmentation"]?["counts"]?.stringValue {
                let decoded = FormatChecker.rleArea(counts)
                if decoded != area {
                    out.append(
                        Defect(
                            path, "coco", "annotation \(id): its RLE covers \(decoded ?? -1) pixels, area says \(area)")
                    )
                }
            } else {
                out.append(Defect(path, "coco", "annotation \(id): no compressed RLE segmentation"))
            }
            perImage[image, default: []].append(
                (id - image * 1000, area, PixelBox(x: box[0], y: box[1], width: box[2], height: box[3])))
        }
        for (id, sample) in objects.sorted(by: { $0.key < $1.key }) {
            let found = perImage[id] ?? []
            if DatasetVerifier.objectDigest(found) != sample.digest {
                out.append(
                    Defect(
                        sample.key, "coco",
                        "annotations of image \(id) do not match the record's objects (ids, areas, boxes)"))
            }
        }
        return out
    }

    /// `answers`: per language and image id, the sample's key and its answers' digest.
    static func vqa(directory: String, answers: [String: [Int: (key: String, digest: UInt64)]]) -> [Defect] {
        var out: [Defect] = []
        for (language, digests) in answers.sorted(by: { $0.key < $1.key }) {
            let qPath = "vqa/\(language)/questions.json"
            let aPath = "vqa/\(language)/annotations.json"
            guard let qBytes = try? AtomicFile.read(directory + "/" + qPath),
                let aBytes = try? AtomicFile.read(directory + "/" + aPath)
            else { continue }
            guard let questions = (try? JSONValue.parse(qBytes))?["questions"]?.arrayValue,
                let annotations = (try? JSONValue.parse(aBytes))?["annotations"]?.arrayValue
            else {
                out.append(Defect(qPath, "vqa", "not a VQA questions/annotations pair"))
                continue
            }
            var answerOf: [Int: String] = [:]
            for a in annotations {
                guard let id = a["question_id"]?.intValue, let answer = a["multiple_choice_answer"]?.stringValue else {
                    out.append(Defect(aPath, "vqa", "an annotation lacks question_id or multiple_choice_answer"))
                    continue
                }
                if a["answers"]?.arrayValue?.count != 10 {
                    out.append(Defect(aPath, "vqa", "question \(id): not 10 answers"))
                }
                if answerOf.updateValue(answer, forKey: id) != nil {
                    out.append(Defect(aPath, "vqa", "question \(id) is annotated twice"))
                }
            }
            var perImage: [Int: [(Int, String, String)]] = [:]
            for q in questions {
                guard let id = q["question_id"]?.intValue, let image = q["image_id"]?.intValue,
                    let text = q["question"]?.stringValue
                else {
                    out.append(Defect(qPath, "vqa", "a question lacks question_id, image_id or question"))
                    continue
                }
                guard let answer = answerOf[id] else {
                    out.append(Defect(qPath, "vqa", "question \(id) has no annotation"))
                    continue
                }
                perImage[image, default: []].append((id, text, answer))
            }
            for (id, sample) in digests.sorted(by: { $0.key < $1.key }) {
                let pairs = (perImage[id] ?? []).sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
                if DatasetVerifier.answerDigest(pairs) != sample.digest {
                    out.append(
                        Defect(
                            sample.key, "vqa",
                            "\(language) questions and answers of image \(id) do not match the record"
                        ))
                }
            }
        }
        return out
    }

    /// Foreground pixels of a compressed COCO RLE string.
    static func rleArea(_ s: String) -> Int? { MaskRLE.counts(string: s).map(MaskRLE.area) }
}
