import Describer
import SceneModel
import Testing

@testable import DatasetWriters

@Suite struct GroundingTests {
    func all(_ box: PixelBox, _ w: Int, _ h: Int) -> [String] {
        GroundingStyle.allCases.map { GroundingStyle.text(style: $0, phrase: "p", box: box, width: w, height: h) }
    }

    // Expected strings computed by hand and checked against the reference formulas in Python
    // (Qwen-VL int(v*1000), HF Kosmos2 coordinate_to_patch_index, Shikra round(v, 3) with
    // ".3f", big_vision round(v * 1023)).
    @Test func wholeImageFromEdgeToEdge() {
        #expect(
            all(PixelBox(x: 0, y: 0, width: 640, height: 480), 640, 480) == [
                "<ref>p</ref><box>(0,0),(1000,1000)</box>",
                "<phrase>p</phrase><object><patch_index_0000><patch_index_1023></object>",
                "p[0.000,0.000,1.000,1.000]",
                "<loc0000><loc0000><loc1023><loc1023> p",
            ])
    }

    @Test func interiorBox() {
        // x 100-160 of 640, y 50-80 of 480.
        #expect(
            all(PixelBox(x: 100, y: 50, width: 60, height: 30), 640, 480) == [
                "<ref>p</ref><box>(156,104),(250,166)</box>",
                // ul: row floor(3.33) = 3, column 5 → 101; lr: row ceil(4.33) = 5, column ceil(7) = 7 → 167.
                "<phrase>p</phrase><object><patch_index_0101><patch_index_0167></object>",
                // 0.15625 is exact in binary: ties to even gives 0.156.
                "p[0.156,0.104,0.250,0.167]",
                "<loc0107><loc0160><loc0170><loc0256> p",
            ])
    }

    @Test func boxAtTheRightAndBottomBorder() {
        #expect(
            all(PixelBox(x: 600, y: 440, width: 40, height: 40), 640, 480) == [
                "<ref>p</ref><box>(937,916),(1000,1000)</box>",
                "<phrase>p</phrase><object><patch_index_0958><patch_index_1023></object>",
                "p[0.938,0.917,1.000,1.000]",
                "<loc0938><loc0959><loc1023><loc1023> p",
            ])
    }

    @Test func roundingTiesFollowTheDouble() {
        // 1/400 = 0.0025 is stored slightly above the tie (→ 0.003); 1/16 = 0.0625 is exact (→ 0.062).
        #expect(
            all(PixelBox(x: 1, y: 1, width: 1, height: 1), 400, 16) == [
                "<ref>p</ref><box>(2,62),(5,125)</box>",
                "<phrase>p</phrase><object><patch_index_0064><patch_index_0096></object>",
                "p[0.003,0.062,0.005,0.125]",
                "<loc0064><loc0003><loc0128><loc0005> p",
            ])
        #expect(
            all(PixelBox(x: 3, y: 5, width: 7, height: 11), 333, 97) == [
                "<ref>p</ref><box>(9,51),(30,164)</box>",
                "<phrase>p</phrase><object><patch_index_0032><patch_index_0160></object>",
                "p[0.009,0.052,0.030,0.165]",
                "<loc0053><loc0009><loc0169><loc0031> p",
            ])
    }

    @Test func formatWritesOneLinePerReferenceAndOneCaptionPerLanguage() throws {
        let (run, shards, _) = try FormatFixture.make()
        let format = GroundingFormat(styles: [.qwen, .kosmos2])
        let files = try FormatFixture.merge(format, run: run, shards: shards)
        #expect(
            files.keys.sorted() == [
                "grounding/kosmos2-captions.jsonl", "grounding/kosmos2.jsonl", "grounding/qwen-captions.jsonl",
                "grounding/qwen.jsonl",
            ])
        let samples = shards.flatMap(\.1)
        let refs = try FormatFixture.lines(try #require(files["grounding/qwen.jsonl"]), "qwen")
        #expect(refs.count == samples.reduce(0) { $0 + $1.record.description.refs.count })
        for line in refs {
            #expect(FormatFixture.keys(line) == ["bbox", "image", "key", "lang", "object", "text"])
            #expect(line["text"]?.stringValue?.hasPrefix("<ref>") == true)
        }
        let captions = try FormatFixture.lines(try #require(files["grounding/kosmos2-captions.jsonl"]), "captions")
        #expect(captions.count == samples.count * run.languages.count)
        for line in captions {
            #expect(FormatFixture.keys(line) == ["bboxes", "image", "key", "lang", "objects", "text"])
            let n = line["objects"]?.arrayValue?.count ?? 0
            #expect(line["text"]?.stringValue?.components(separatedBy: "<phrase>").count == n + 1)
        }
    }
}

@Suite struct HuggingFaceFormatTests {
    @Test func metadataHasTheSameFeaturesOnEveryLine() throws {
        let (run, shards, _) = try FormatFixture.make()
        let files = try FormatFixture.merge(HuggingFaceFormat(), run: run, shards: shards)
        let lines = try FormatFixture.lines(try #require(files["hf/train/metadata.jsonl"]), "metadata")
        let samples = shards.flatMap(\.1)
        #expect(lines.count == samples.count)
        let keys = [
            "captions", "file_name", "height", "index", "key", "negatives", "objects", "qa", "refs", "width",
        ]
        for (line, s) in zip(lines, samples) {
            #expect(FormatFixture.keys(line) == keys)
            #expect(line["file_name"]?.stringValue == "\(s.record.key).png")
            #expect(FormatFixture.keys(line["captions"]) == run.languages.sorted())
            #expect(line["qa"]?.arrayValue?.count == s.record.description.qa.count)
        }
        let files0 = try HuggingFaceFormat().shardFiles(shards[0].0, shards[0].1, run: run)
        #expect(files0.map(\.path) == shards[0].1.map { "hf/train/\($0.record.key).png" })
    }

    @Test func cardStatesSizeFeaturesAndStatisticsOfAllShards() throws {
        let (run, shards, _) = try FormatFixture.make()
        let files = try FormatFixture.merge(HuggingFaceFormat(), run: run, shards: shards)
        let card = String(decoding: try #require(files["hf/README.md"]), as: UTF8.self)
        #expect(card.hasPrefix("---\nlicense: cc-by-4.0\n"))
        #expect(card.contains("size_categories:\n- n<1K\n"))
        #expect(card.contains("    - train/*.png\n    - train/metadata.jsonl\n"))
        #expect(card.contains("  - name: qa\n    list:\n"))
        // The shards' own card, at the top of the output folder, points at the tars.
        let top = try FormatFixture.merge(WebDatasetFormat(), run: run, shards: shards)
        let shardCard = String(decoding: try #require(top["README.md"]), as: UTF8.self)
        #expect(shardCard.contains("path: train/*.tar\n"))
        #expect(shardCard.contains("| samples | 5 |"))
        #expect(card.contains("| samples | 5 |"))
        let objects = shards.flatMap(\.1).reduce(0) { $0 + $1.record.objects.count }
        #expect(card.contains("| objects | \(objects) |"))
        #expect(HuggingFaceFormat.sizeCategory(999) == "n<1K")
        #expect(HuggingFaceFormat.sizeCategory(1000) == "1K<n<10K")
        #expect(HuggingFaceFormat.sizeCategory(2_000_000) == "1M<n<10M")
    }
}
