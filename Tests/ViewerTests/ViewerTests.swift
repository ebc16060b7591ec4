import DatasetWriters
import Foundation
import PNGCodec
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import Viewer

/// `scenewright browse` checked on its output files: the data the page renders must be the
/// records' own text and boxes, escaped, complete, with masks when the dataset has them; and the
/// page itself in a real browser (scripts/browser-test.sh).
@Suite struct ViewerTests {
    /// Generates a dataset with the built CLI.
    func generate(_ dir: TemporaryDirectory, _ arguments: [String]) throws -> String {
        let out = dir.path + "/out"
        let r = try runScenewright(["generate", "--seed", "7", "--out", out] + arguments)
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    /// The records of a `folder` dataset, in line order.
    func records(_ dataset: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: dataset + "/samples.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// A `.js` data file's JSON payload: what follows `prefix`, without the closing `);` or `;`.
    func payload(_ path: String, prefix: String) throws -> Any {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(prefix), "\(path) starts with \(text.prefix(40))")
        text.removeFirst(prefix.count)
        #expect(text.hasSuffix(");\n") || text.hasSuffix(";\n"))
        text = String(text.dropLast(text.hasSuffix(");\n") ? 3 : 2))
        return try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// Every card of every page, in page order, checking the page table on the way.
    func cards(_ browse: String) throws -> (manifest: [String: Any], cards: [[String: Any]]) {
        let manifest = try #require(
            try payload(browse + "/data/manifest.js", prefix: "window.SW_MANIFEST = ") as? [String: Any])
        let pages = try #require(manifest["pages"] as? [[Any]])
        var all: [[String: Any]] = []
        for (n, page) in pages.enumerated() {
            let file = browse + "/data/" + DatasetViewer.pageFileName(n + 1)
            let cards = try #require(try payload(file, prefix: "window.SW_PAGE(\(n + 1), ") as? [[String: Any]])
            #expect(cards.count == page[1] as? Int)
            #expect(cards.first?["key"] as? String == page[0] as? String)
            all += cards
        }
        #expect(
            !FileManager.default.fileExists(atPath: browse + "/data/" + DatasetViewer.pageFileName(pages.count + 1)))
        return (manifest, all)
    }

    func ints(_ v: Any?) -> [Int]? { (v as? [Any])?.compactMap { $0 as? Int } }

    @Test func everySampleTextBoxAndMaskComesFromTheRecords() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let dataset = try generate(
            dir, ["--format", "webdataset,folder", "--masks", "--count", "25", "--shard-size", "10"])
        let r = try runScenewright(["browse", dataset, "--per-page", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("25 samples on 3 pages of 10"), "\(r.stdout)")
        let browse = dataset + "/browse"
        let index = try String(contentsOfFile: browse + "/index.html", encoding: .utf8)
        #expect(index.contains(DatasetViewer.generatorMark))
        #expect(index.contains("<script src=\"data/manifest.js\"></script>"))
        #expect(index.contains("<script src=\"viewer.js\"></script>"))

        let recs = try records(dataset)
        let (manifest, cards) = try cards(browse)
        #expect(manifest["samples"] as? Int == 25)
        #expect(manifest["languages"] as? [String] == ["en", "zh"])
        #expect(manifest["masks"] as? Int == 25)
        #expect((manifest["pages"] as? [Any])?.count == 3)
        #expect(cards.map { $0["key"] as? String } == recs.map { $0["key"] as? String })

        // Raw id planes, from the shards, to check each overlay pixel by pixel.
        var planes: [String: DecodedPNG] = [:]
        try DatasetReader(directory: dataset).forEachBatch { batch in
            for s in batch { planes[s.key] = try PNGDecoder.decode(try #require(s.maskPNG)) }
        }
        for (card, rec) in zip(cards, recs) {
            let key = try #require(card["key"] as? String)
            // The image is the dataset's own file, referenced relatively.
            #expect(card["src"] as? String == "../images/\(key).png")
            #expect(FileManager.default.fileExists(atPath: browse + "/../images/\(key).png"))
            #expect((card["problems"] as? [Any])?.isEmpty == true)
            // Boxes: every reference box is the record's, and the box of the object it names.
            let objects = try #require(rec["objects"] as? [[String: Any]])
            let boxOf = Dictionary(uniqueKeysWithValues: objects.map { ($0["id"] as? Int ?? -1, ints($0["bbox"])) })
            let refs = try #require(rec["refs"] as? [[String: Any]])
            let shownRefs = try #require(card["refs"] as? [[String: Any]])
            #expect(!refs.isEmpty)
            #expect(shownRefs.count == refs.count, "sample \(key)")
            for (shown, ref) in zip(shownRefs, refs) {
                #expect(ints(shown["bbox"]) == ints(ref["bbox"]), "sample \(key)")
                #expect(ints(shown["bbox"]) == boxOf[ref["object"] as? Int ?? -1] ?? nil, "sample \(key)")
                #expect(shown["text"] as? String == ref["text"] as? String)
                #expect(shown["lang"] as? String == ref["lang"] as? String)
            }
            let shownObjects = try #require(card["objects"] as? [[String: Any]])
            #expect(shownObjects.map { ints($0["bbox"]) } == objects.map { ints($0["bbox"]) })
            // Text: captions (dense boxes too), questions with answers and family, negatives.
            let captions = try #require(rec["captions"] as? [String: [String: Any]])
            let shownCaptions = try #require(card["captions"] as? [[String: Any]])
            #expect(shownCaptions.map { $0["lang"] as? String } == captions.keys.sorted())
            for shown in shownCaptions {
                let c = try #require(captions[shown["lang"] as? String ?? ""])
                #expect(shown["short"] as? String == c["short"] as? String)
                #expect(shown["detailed"] as? String == c["detailed"] as? String)
                let dense = try #require(c["dense"] as? [[String: Any]])
                let shownDense = try #require(shown["dense"] as? [[String: Any]])
                #expect(shownDense.map { $0["text"] as? String } == dense.map { $0["text"] as? String })
                #expect(shownDense.map { ints($0["bbox"]) } == dense.map { ints($0["bbox"]) })
            }
            let qa = try #require(rec["qa"] as? [[String: Any]])
            let shownQA = try #require(card["qa"] as? [[String: Any]])
            #expect(!qa.isEmpty)
            for field in ["question", "answer", "family", "lang", "answer_type"] {
                #expect(shownQA.map { $0[field] as? String } == qa.map { $0[field] as? String }, "qa \(field)")
            }
            let negatives = try #require(rec["negatives"] as? [[String: Any]])
            let shownNegatives = try #require(card["negatives"] as? [[String: Any]])
            for field in ["text", "kind", "lang", "of"] {
                #expect(shownNegatives.map { $0[field] as? String } == negatives.map { $0[field] as? String })
            }
            // The mask overlay: one color per id, exactly where the id plane has that id.
            #expect(card["mask"] as? String == "mask/\(key).png")
            let overlay = try PNGDecoder.decode(try AtomicFile.read(browse + "/mask/\(key).png"))
            let plane = try #require(planes[key])
            #expect(overlay.width == plane.width && overlay.height == plane.height)
            var wrong = 0
            for p in 0..<(plane.width * plane.height) {
                let c = MaskOverlay.color(of: Int(plane.rgb[p * 3]))
                if overlay.rgb[p * 3] != c.0 || overlay.rgb[p * 3 + 1] != c.1 || overlay.rgb[p * 3 + 2] != c.2 {
                    wrong += 1
                }
            }
            #expect(wrong == 0, "sample \(key): \(wrong) overlay pixels differ from the id plane")
            for o in shownObjects {
                let c = MaskOverlay.color(of: o["id"] as? Int ?? 0)
                #expect(ints(o["mask_rgb"]) == [Int(c.0), Int(c.1), Int(c.2)])
            }
        }
        // Images are referenced, not copied.
        #expect(!FileManager.default.fileExists(atPath: browse + "/img"))
    }

    @Test func conversationsAreShownAsTheRecordsHoldThem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var plan = try String(
            contentsOf: TestResources.home.appendingPathComponent("scenes/shapes.yaml"), encoding: .utf8)
        plan += "\nconversations: {count: 1, turns: 3}\n"
        try plan.write(toFile: dir.path + "/chat.yaml", atomically: true, encoding: .utf8)
        let out = try generate(dir, ["--plan", dir.path + "/chat.yaml", "--count", "5", "--format", "folder"])
        let browse = dir.path + "/view"
        let r = try runScenewright(["browse", out, "--out", browse])
        #expect(r.status == 0, "\(r.stderr)")
        let records = try records(out)
        let (_, cards) = try cards(browse)
        #expect(cards.count == records.count)
        for (card, record) in zip(cards, records) {
            let shown = try #require(card["conversations"] as? [[String: Any]])
            let stored = try #require(record["conversations"] as? [[String: Any]])
            #expect(shown.count == stored.count)
            for (a, b) in zip(shown, stored) {
                #expect(a["lang"] as? String == b["lang"] as? String)
                let turns = (a["turns"] as? [[String: Any]]) ?? []
                let expected = (b["turns"] as? [[String: Any]]) ?? []
                #expect(turns.map { $0["question"] as? String } == expected.map { $0["question"] as? String })
                #expect(turns.map { $0["answer"] as? String } == expected.map { $0["answer"] as? String })
            }
        }
        let script = try String(contentsOfFile: browse + "/viewer.js", encoding: .utf8)
        #expect(script.contains("Conversations ("))
    }

    @Test func shardsOnlyDatasetGetsItsImagesExtracted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let dataset = try generate(dir, ["--format", "webdataset", "--count", "6", "--shard-size", "4"])
        let out = dir.path + "/viewer"
        let summary = try DatasetViewer.write(dataset: dataset, to: out, perPage: 4, workers: 2)
        #expect(summary.samples == 6 && summary.pages == 2)
        #expect(summary.imagesExtracted == 6 && summary.imagesReferencedFrom == nil)
        #expect(summary.masks == 0 && summary.warnings.isEmpty)
        let (manifest, cards) = try cards(out)
        #expect(manifest["masks"] as? Int == 0)
        var pngs: [String: [UInt8]] = [:]
        try DatasetReader(directory: dataset).forEachBatch { batch in
            for s in batch { pngs[s.key] = s.png }
        }
        #expect(cards.count == 6)
        for card in cards {
            let key = try #require(card["key"] as? String)
            #expect(card["src"] as? String == "img/\(key).png")
            #expect(card["mask"] is NSNull)
            #expect(try AtomicFile.read(out + "/img/\(key).png") == pngs[key])
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/mask"))
    }

    @Test func recordTextCannotInjectMarkup() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let dataset = try generate(dir, ["--format", "folder", "--count", "3"])
        let hostile = "</script><script>alert(1)</script> & <b>bold</b>\u{2028}\u{2029}\"'"
        var recs = try records(dataset)
        recs[0]["plan"] = "<img src=x onerror=alert(1)>"
        var captions = try #require(recs[0]["captions"] as? [String: [String: Any]])
        captions["en"]?["short"] = hostile
        recs[0]["captions"] = captions
        var refs = try #require(recs[0]["refs"] as? [[String: Any]])
        refs[0]["text"] = hostile
        recs[0]["refs"] = refs
        let lines = try recs.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: dataset + "/samples.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: dataset + "/images/000000002.png")

        let out = dataset + "/browse"
        let summary = try DatasetViewer.write(dataset: dataset, to: out, perPage: 10)
        #expect(summary.warnings.count == 1 && summary.warnings.first?.hasPrefix("000000002") == true)
        let page = try AtomicFile.read(out + "/data/page-000001.js")
        let markup = page.filter { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") }
        #expect(markup.isEmpty, "\(markup.count) raw <, > or & bytes in page-000001.js")
        let pageText = String(decoding: page, as: UTF8.self)
        #expect(!pageText.contains("\u{2028}") && !pageText.contains("\u{2029}"), "raw line separators in the page")
        let (_, cards) = try cards(out)
        let shown = try #require(cards.first)
        #expect((shown["captions"] as? [[String: Any]])?.first?["short"] as? String == hostile)
        #expect((shown["refs"] as? [[String: Any]])?.first?["text"] as? String == hostile)
        #expect(shown["plan"] as? String == "<img src=x onerror=alert(1)>")
        // The title is the only record text in the HTML, escaped.
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(!index.contains("<img src=x"))
        #expect(index.contains("<title>Scenewright · &lt;img src=x onerror=alert(1)&gt;</title>"))
        // The page script puts record text in with textContent, never as markup.
        #expect(!ViewerAssets.script.contains("innerHTML"))
        #expect(!ViewerAssets.script.contains("insertAdjacentHTML"))
        #expect(!ViewerAssets.script.contains("document.write"))
        // The sample whose image is gone is still shown, with its problem.
        let missing = cards[2]
        #expect(missing["src"] is NSNull)
        #expect((missing["problems"] as? [String])?.first?.contains("images/000000002.png") == true)
    }

    @Test func rerunGivesTheSameBytesAndKeepsOtherFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let dataset = try generate(dir, ["--format", "webdataset", "--masks", "--count", "9", "--shard-size", "5"])
        let a = dir.path + "/a"
        let b = dir.path + "/b"
        _ = try DatasetViewer.write(dataset: dataset, to: a, perPage: 2, workers: 1)
        try "mine".write(toFile: a + "/notes.txt", atomically: true, encoding: .utf8)
        _ = try DatasetViewer.write(dataset: dataset, to: a, perPage: 4, workers: 2)
        _ = try DatasetViewer.write(dataset: dataset, to: b, perPage: 4, workers: 1)
        func tree(_ root: String) throws -> [String: [UInt8]] {
            var files: [String: [UInt8]] = [:]
            let walker = try #require(FileManager.default.enumerator(atPath: root))
            for case let path as String in walker {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                {
                    files[path] = try AtomicFile.read(root + "/" + path)
                }
            }
            return files
        }
        var first = try tree(a)
        #expect(first.removeValue(forKey: "notes.txt") == Array("mine".utf8))
        let second = try tree(b)
        #expect(first.keys.sorted() == second.keys.sorted())
        #expect(first == second)
        #expect(first["data/page-000003.js"] != nil && first["data/page-000004.js"] == nil)
    }

    @Test func mistakesGetActionableErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        do {
            _ = try DatasetViewer.write(dataset: dir.path, to: dir.path + "/v", perPage: 5)
            Issue.record("an empty folder was accepted as a dataset")
        } catch {
            #expect(error.description.contains("holds no Scenewright samples"))
        }
        let dataset = try generate(dir, ["--format", "folder", "--count", "2"])
        try FileManager.default.createDirectory(atPath: dir.path + "/busy", withIntermediateDirectories: true)
        try "x".write(toFile: dir.path + "/busy/thesis.tex", atomically: true, encoding: .utf8)
        do {
            _ = try DatasetViewer.write(dataset: dataset, to: dir.path + "/busy", perPage: 5)
            Issue.record("wrote into a folder that is not a viewer")
        } catch {
            #expect(error.description.contains("is not a Scenewright viewer; choose another --out"))
        }
        #expect(FileManager.default.fileExists(atPath: dir.path + "/busy/thesis.tex"))
        let bad = try runScenewright(["browse", dataset, "--per-page", "0"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--per-page must be 1 to 10000"))
        let missing = try runScenewright(["browse", dir.path + "/nothing-here"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("error:") && missing.stderr.contains("nothing-here"))
    }

    @Test func helpersEscapeAndRelate() {
        #expect(htmlEscaped("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        #expect(
            String(decoding: scriptSafe(Array("{\"t\":\"</script>&\u{2028}\"}".utf8)), as: UTF8.self)
                == "{\"t\":\"\\u003c/script\\u003e\\u0026\\u2028\"}")
        #expect(DatasetViewer.relativePath(from: "/d/out/browse", to: "/d/out/images") == "../images")
        #expect(DatasetViewer.relativePath(from: "/v", to: "/d/out/images") == "../d/out/images")
        #expect(DatasetViewer.urlPath("../my data#1/images") == "../my%20data%231/images")
        #expect(
            DatasetViewer.isSafeKey("000000042") && !DatasetViewer.isSafeKey("../x") && !DatasetViewer.isSafeKey(""))
        #expect(DatasetViewer.pageFileName(7) == "page-000007.js")
    }

    /// Whether `scripts/browser-test.sh` can run: Chromium and jq on the PATH.
    static let browserInstalled: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        func onPath(_ name: String) -> Bool {
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
        return (onPath("chromium") || onPath("chromium-browser")) && onPath("jq")
    }()

    /// The page in headless Chromium (about 10 s).
    @Test(
        .enabled(if: ViewerTests.browserInstalled, "chromium or jq missing: run scripts/setup.sh --browser"),
        .timeLimit(.minutes(5)))
    func pageRendersInARealBrowser() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [TestResources.home.appendingPathComponent("scripts/browser-test.sh").path]
        var env = ProcessInfo.processInfo.environment
        env["SCENEWRIGHT_BIN"] = TestResources.executable.path
        env["SCENEWRIGHT_HOME"] = TestResources.home.path
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("browser test passed"), "\(stdout)\n\(stderr)")
        #expect(stdout.contains("page1: 12 images and 12 masks decoded"))
    }
}
