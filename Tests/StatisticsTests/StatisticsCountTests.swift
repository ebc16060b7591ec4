import DatasetWriters
import Foundation
import ScenewrightTestSupport
import Testing

@testable import Statistics

/// The statistics equal counts made here, straight from the raw records.
@Suite struct StatisticsCountTests {
    @Test func objectCountsMatchTheRecords() throws {
        let records = try StatisticsFixture.records()
        let stats = try DatasetStatistics.compute(directory: try StatisticsFixture.folder(), workers: 2, batch: 7)
        #expect(stats.samples == StatisticsFixture.count)
        #expect(stats.unreadable == 0)
        var perImage: [Int: Int] = [:]
        var shapes: [String: Int] = [:]
        var colors: [String: Int] = [:]
        var sizes: [String: Int] = [:]
        var fills: [String: Int] = [:]
        var rgb: [String: [Int]] = [:]
        for r in records {
            let objects = r["objects"]?.arrayValue ?? []
            perImage[objects.count, default: 0] += 1
            for o in objects {
                shapes[o["shape"]?.stringValue ?? "?", default: 0] += 1
                colors[o["color"]?.stringValue ?? "?", default: 0] += 1
                sizes[o["size"]?.stringValue ?? "?", default: 0] += 1
                fills[o["fill"]?.stringValue ?? "?", default: 0] += 1
                rgb[o["color"]?.stringValue ?? "?"] = (o["rgb"]?.arrayValue ?? []).compactMap(\.intValue)
            }
        }
        #expect(stats.objectsPerImage.counts == perImage)
        #expect(stats.shapes.counts == shapes)
        #expect(stats.colors.counts == colors)
        #expect(stats.sizes.counts == sizes)
        #expect(stats.fills.counts == fills)
        for (name, c) in stats.colorRGB { #expect([Int(c.r), Int(c.g), Int(c.b)] == rgb[name]) }
        #expect(stats.positions.joined().reduce(0, +) == perImage.reduce(0) { $0 + $1.key * $1.value })
        #expect(shapes.count > 2 && colors.count > 2)
    }

    @Test func textCountsMatchTheRecords() throws {
        let records = try StatisticsFixture.records()
        let stats = try DatasetStatistics.compute(directory: try StatisticsFixture.folder())
        #expect(stats.languageCodes == ["en", "zh"])
        for code in ["en", "zh"] {
            let l = try #require(stats.languages[code])
            var perFamily: [String: Int] = [:]
            var questions = Set<String>()
            var answers = Set<String>()
            var short = Set<String>()
            var detailed = Set<String>()
            var refs = Set<String>()
            var negatives = Set<String>()
            var captions = 0
            for r in records {
                for q in r["qa"]?.arrayValue ?? [] where q["lang"]?.stringValue == code {
                    perFamily[q["family"]?.stringValue ?? "?", default: 0] += 1
                    questions.insert(q["question"]?.stringValue ?? "")
                    answers.insert(q["answer"]?.stringValue ?? "")
                }
                if let c = r["captions"]?[code] {
                    captions += 1
                    short.insert(c["short"]?.stringValue ?? "")
                    detailed.insert(c["detailed"]?.stringValue ?? "")
                }
                for x in r["refs"]?.arrayValue ?? [] where x["lang"]?.stringValue == code {
                    refs.insert(x["text"]?.stringValue ?? "")
                }
                for x in r["negatives"]?.arrayValue ?? [] where x["lang"]?.stringValue == code {
                    negatives.insert(x["text"]?.stringValue ?? "")
                }
            }
            #expect(l.questionsPerFamily.counts == perFamily, "\(code)")
            #expect(l.questions == perFamily.values.reduce(0, +))
            #expect(l.distinctQuestions == questions.count, "\(code)")
            #expect(l.distinctAnswers == answers.count, "\(code)")
            #expect(l.captions == captions)
            #expect(l.distinctShortCaptions == short.count)
            #expect(l.distinctDetailedCaptions == detailed.count)
            #expect(l.distinctRefs == refs.count)
            #expect(l.distinctNegatives == negatives.count)
            #expect(l.questions > 0 && captions == StatisticsFixture.count)
        }
    }

    @Test func lengthsAreWordsInEnglishAndCharactersInChinese() {
        #expect(TextMeasure.length("How many red circles are there?", language: "en") == 6)
        #expect(TextMeasure.length("  A  small, blue square . ", language: "en") == 4)
        #expect(TextMeasure.length("有几个红色的圆形？", language: "zh") == 8)
        #expect(TextMeasure.length("图中有3个物体。", language: "zh") == 7)
        var words = Set<String>()
        TextMeasure.tokens("Is the Red circle left of the red square?", language: "en", into: &words)
        #expect(words == ["is", "the", "red", "circle", "left", "of", "square"])
        var chars = Set<String>()
        TextMeasure.tokens("红色的圆形。", language: "zh", into: &chars)
        #expect(chars == ["红", "色", "的", "圆", "形"])
        // The non-ASCII path agrees with the ASCII fast path.
        var accented = Set<String>()
        TextMeasure.tokens("Le cercle ROUGE, é.", language: "fr", into: &accented)
        #expect(accented == ["le", "cercle", "rouge", "é"])
        #expect(TextMeasure.length("Le cercle ROUGE, é.", language: "fr") == 4)
    }

    @Test func webDatasetAndFolderGiveTheSameStatistics() throws {
        let copy = try StatisticsFixture.copy()
        defer { copy.remove() }
        let shards = try DatasetStatistics.compute(directory: copy.path)
        try FileManager.default.removeItem(atPath: copy.path + "/train")
        let folder = try DatasetStatistics.compute(directory: copy.path)
        #expect(shards.source == "webdataset")
        #expect(folder.source == "folder")
        #expect(shards.json(charts: []).bytes != folder.json(charts: []).bytes)
        var a = shards
        a.source = "folder"
        #expect(a.json(charts: []).bytes == folder.json(charts: []).bytes)
    }

    @Test func unreadableRecordsAreCountedAndAFolderWithoutSamplesIsAnError() throws {
        let copy = try StatisticsFixture.copy()
        defer { copy.remove() }
        try FileManager.default.removeItem(atPath: copy.path + "/train")
        var lines = try AtomicFile.read(copy.path + "/samples.jsonl").split(separator: 0x0A).map(Array.init)
        lines[3] = Array("{\"key\":\"000000003\",\"index\":\"three\"}".utf8)
        try AtomicFile.write(Array(lines.joined(separator: [0x0A])) + [0x0A], to: copy.path + "/samples.jsonl")
        let stats = try DatasetStatistics.compute(directory: copy.path)
        #expect(stats.samples == StatisticsFixture.count - 1)
        #expect(stats.unreadable == 1)
        #expect(stats.problems.first?.contains("000000003") == true)
        #expect(stats.problems.first?.contains("index") == true)
        let empty = try TemporaryDirectory()
        defer { empty.remove() }
        #expect(throws: StatisticsError.self) { try DatasetStatistics.compute(directory: empty.path) }
    }
}
