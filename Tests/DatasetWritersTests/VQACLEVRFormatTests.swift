import Describer
import SceneModel
import Testing

@testable import DatasetWriters

@Suite struct VQAFormatTests {
    @Test func questionsAndAnnotationsPerLanguageMatchTheRecords() throws {
        let (run, shards, _) = try FormatFixture.make()
        let files = try FormatFixture.merge(VQAFormat(), run: run, shards: shards)
        #expect(
            files.keys.sorted()
                == run.languages.flatMap { ["vqa/\($0)/annotations.json", "vqa/\($0)/questions.json"] }.sorted())
        let samples = shards.flatMap(\.1)
        var idsByLanguage: [[Int]] = []
        for language in run.languages {
            let q = try FormatFixture.canonical(try #require(files["vqa/\(language)/questions.json"]), language)
            let a = try FormatFixture.canonical(try #require(files["vqa/\(language)/annotations.json"]), language)
            #expect(
                FormatFixture.keys(q) == ["data_subtype", "data_type", "info", "license", "questions", "task_type"])
            #expect(
                FormatFixture.keys(a) == ["annotations", "data_subtype", "data_type", "info", "license", "task_type"])
            #expect(q["task_type"]?.stringValue == "Open-Ended" && a["task_type"]?.stringValue == "Open-Ended")
            #expect(q["data_type"]?.stringValue == "scenewright" && q["data_subtype"]?.stringValue == "train")
            let questions = try #require(q["questions"]?.arrayValue)
            let annotations = try #require(a["annotations"]?.arrayValue)
            let expected = samples.flatMap { s in
                s.record.description.qa.filter { $0.language == language }.map { (s, $0) }
            }
            #expect(questions.count == expected.count && annotations.count == expected.count)
            var ids: [Int] = []
            for (i, (s, qa)) in expected.enumerated() {
                let imageID = Int(s.record.index) + 1
                let k = s.record.description.qa.filter { $0.language == language }.firstIndex(of: qa) ?? -1
                let question = questions[i]
                let annotation = annotations[i]
                #expect(question["question_id"]?.intValue == imageID * 1000 + k)
                #expect(question["image_id"]?.intValue == imageID)
                #expect(question["question"]?.stringValue == qa.question)
                #expect(annotation["question_id"] == question["question_id"])
                #expect(annotation["image_id"]?.intValue == imageID)
                #expect(annotation["question_type"]?.stringValue == qa.family)
                #expect(["yes/no", "number", "other"].contains(annotation["answer_type"]?.stringValue ?? ""))
                #expect(annotation["answer_type"]?.stringValue == qa.answerType.rawValue)
                #expect(annotation["multiple_choice_answer"]?.stringValue == qa.answer)
                let answers = try #require(annotation["answers"]?.arrayValue)
                #expect(answers.count == 10)
                #expect(answers.compactMap { $0["answer_id"]?.intValue } == Array(1...10))
                #expect(answers.allSatisfy { $0["answer"]?.stringValue == qa.answer })
                #expect(answers.allSatisfy { $0["answer_confidence"]?.stringValue == "yes" })
                ids.append(imageID * 1000 + k)
            }
            #expect(Set(ids).count == ids.count)
            idsByLanguage.append(ids)
        }
        // The same question has the same id in every language.
        #expect(Set(idsByLanguage.map { $0 }).count == 1)
    }
}

@Suite struct CLEVRFormatTests {
    @Test func scenesAndQuestionsFromTwoShards() throws {
        let (run, shards, factory) = try FormatFixture.make()
        let format = CLEVRFormat()
        let files = try FormatFixture.merge(format, run: run, shards: shards)
        let scenes = try FormatFixture.canonical(try #require(files["clevr/scenes.json"]), "scenes")
        let questions = try FormatFixture.canonical(try #require(files["clevr/questions.json"]), "questions")
        #expect(FormatFixture.keys(scenes) == ["info", "scenes"])
        #expect(FormatFixture.keys(questions) == ["info", "questions"])
        let sceneList = try #require(scenes["scenes"]?.arrayValue)
        let samples = shards.flatMap(\.1)
        #expect(sceneList.compactMap { $0["image_index"]?.intValue } == samples.map { Int($0.record.index) })
        for (scene, s) in zip(sceneList, samples) {
            let r = s.record
            #expect(scene["image_filename"]?.stringValue == "\(r.key).png")
            #expect(scene["split"]?.stringValue == "train")
            let objects = try #require(scene["objects"]?.arrayValue)
            #expect(objects.count == r.objects.count)
            for (o, ro) in zip(objects, r.objects) {
                #expect(o["shape"]?.stringValue == ro.object.shape.rawValue)
                #expect(o["material"]?.stringValue == ro.object.fill.rawValue)
                #expect(FormatFixture.ints(o["pixel_coords"]).count == 3)
            }
            let rel = try #require(scene["relationships"])
            #expect(
                FormatFixture.keys(rel) == [
                    "above", "behind", "below", "contains", "front", "inside", "left", "nearest", "overlapping",
                    "right",
                ])
            let relations = factory.describer.relations
            for i in r.objects.indices {
                // relationships[rel][i]: the objects in direction rel of object i, by Relations.
                let left = FormatFixture.ints(rel["left"]?.arrayValue?[i])
                let expected = r.objects.indices.filter { j in
                    j != i && relations.holds(r.objects[j].object, .left, of: r.objects[i].object)
                }
                #expect(left == expected, "key \(r.key) object \(i)")
                #expect(rel["front"]?.arrayValue?[i] == rel["below"]?.arrayValue?[i])
                #expect(rel["behind"]?.arrayValue?[i] == rel["above"]?.arrayValue?[i])
            }
        }
        let questionList = try #require(questions["questions"]?.arrayValue)
        let english = samples.flatMap { s in s.record.description.qa.filter { $0.language == "en" }.map { (s, $0) } }
        #expect(questionList.count == english.count)
        let indices = Set(sceneList.compactMap { $0["image_index"]?.intValue })
        for (q, (s, qa)) in zip(questionList, english) {
            #expect(indices.contains(q["image_index"]?.intValue ?? -1))
            #expect(q["question"]?.stringValue == qa.question && q["answer"]?.stringValue == qa.answer)
            #expect(q["question_family"]?.stringValue == qa.family)
            #expect(
                q["question_family_index"]?.intValue == QuestionFamily.allCases.firstIndex { $0.rawValue == qa.family })
            #expect(q["image_filename"]?.stringValue == "\(s.record.key).png")
            let program = try #require(q["program"]?.arrayValue)
            #expect(program.count == qa.program.nodes.count)
            for (node, n) in zip(program, qa.program.nodes) {
                #expect(node["function"]?.stringValue == n.function.rawValue)
                #expect(node["type"] == node["function"])
                #expect(FormatFixture.ints(node["inputs"]) == Array(n.inputs))
            }
        }
        // CLEVR's question_index is the position in the file, counted across shards.
        let ids = questionList.compactMap { $0["question_index"]?.intValue }
        #expect(ids == Array(0..<questionList.count))
    }
}
