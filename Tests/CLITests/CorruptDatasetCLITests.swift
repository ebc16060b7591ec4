import Foundation
import ScenewrightTestSupport
import Testing

/// `stats`, `browse` and `render` as a user runs them on a damaged dataset: each defect on
/// standard error with its key and file, the output still written, exit status 1.
@Suite struct CorruptDatasetCLITests {
    @Test(arguments: CorruptDataset.allCases)
    func statsAndBrowseReportEachDefectWithStatusOne(_ damage: CorruptDataset) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // stats writes into its dataset: a private copy.
        let dataset = dir.path + "/data"
        try FileManager.default.copyItem(atPath: try damage.path, toPath: dataset)
        let stats = try runScenewright(["stats", dataset, "--workers", "2"])
        let browse = try runScenewright(["browse", dataset, "--out", dir.path + "/browse"])
        for (name, r) in [("stats", stats), ("browse", browse)] {
            #expect(r.status == 1, "\(name): \(r.stdout)\(r.stderr)")
            for (key, file) in damage.expected {
                #expect(
                    r.stderr.split(separator: "\n").contains { $0.contains(key) && $0.contains(file) },
                    "\(name): \(key) in \(file): \(r.stderr)")
            }
        }
        #expect(FileManager.default.fileExists(atPath: dataset + "/stats/stats.json"))
        #expect(FileManager.default.fileExists(atPath: dir.path + "/browse/index.html"))
    }

    @Test func renderNamesTheLineAndKeyOfABadRecordAndDrawsTheRest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = try CorruptDataset.badRecordsInFolder.path + "/samples.jsonl"
        let out = dir.path + "/r.png"
        for (key, line, field) in [("000000005", 6, "image.width"), ("000000006", 7, "image.height")] {
            let r = try runScenewright(["render", records, "--key", key, "--out", out])
            #expect(r.status == 1)
            #expect(r.stderr.contains("samples.jsonl:\(line) (key \(key))") && r.stderr.contains(field), "\(r.stderr)")
        }
        let good = try runScenewright(["render", records, "--key", "000000007", "--out", out])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func renderReportsATornLastLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let records = try CorruptDataset.tornLastLine.path + "/samples.jsonl"
        let torn = try runScenewright(["render", records, "--key", "000000011", "--out", dir.path + "/a.png"])
        #expect(torn.status == 1)
        #expect(torn.stderr.contains("samples.jsonl:12 (key 000000011)") && torn.stderr.contains("cut short"))
        let good = try runScenewright(["render", records, "--key", "000000010", "--out", dir.path + "/b.png"])
        #expect(good.status == 0, "\(good.stderr)")
        // A damaged line passed over on the way is reported; the image is still written.
        let moved = dir.path + "/moved.jsonl"
        var lines = try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n").map(String.init)
        lines.insert(lines.removeLast(), at: 0)
        try (lines.joined(separator: "\n") + "\n").write(toFile: moved, atomically: true, encoding: .utf8)
        let passed = try runScenewright(["render", moved, "--key", "000000003", "--out", dir.path + "/c.png"])
        #expect(passed.status == 1)
        #expect(passed.stderr.contains("moved.jsonl:1 (key 000000011)"), "\(passed.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/c.png"))
    }
}
