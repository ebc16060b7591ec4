import Foundation
import ScenewrightTestSupport
import Testing

@testable import Viewer

/// `browse` given a damaged dataset: the viewer is written with every readable sample, and each
/// defect is listed with its key and file.
@Suite struct CorruptDatasetViewerTests {
    @Test(arguments: CorruptDataset.allCases)
    func viewerListsEachDefectAndShowsTheRest(_ damage: CorruptDataset) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let summary = try DatasetViewer.write(
            dataset: try damage.path, to: dir.path + "/browse", perPage: 5, workers: 2)
        #expect(summary.defects >= damage.expected.count)
        for (key, file) in damage.expected {
            #expect(
                summary.warnings.contains { $0.hasPrefix(key) && $0.contains(file) },
                "\(key) in \(file): \(summary.warnings)")
        }
        #expect(summary.samples >= CorruptDataset.count - (damage == .truncatedShard ? 3 : 0))
        #expect(FileManager.default.fileExists(atPath: dir.path + "/browse/index.html"))
    }

    @Test func aKeyThatCannotNameAFileIsReportedNotFatal() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let dataset = dir.path + "/data"
        try FileManager.default.copyItem(atPath: try CorruptDataset.badRecordsInFolder.path, toPath: dataset)
        var text = try String(contentsOfFile: dataset + "/samples.jsonl", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"key\":\"000000002\"", with: "\"key\":\"../etc\"")
        try text.write(toFile: dataset + "/samples.jsonl", atomically: true, encoding: .utf8)
        let summary = try DatasetViewer.write(dataset: dataset, to: dir.path + "/browse", perPage: 5, workers: 2)
        #expect(summary.warnings.contains { $0.hasPrefix("../etc (samples.jsonl:3)") }, "\(summary.warnings)")
        #expect(summary.samples == CorruptDataset.count - 1)
    }
}
