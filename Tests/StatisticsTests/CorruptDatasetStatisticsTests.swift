import Foundation
import ScenewrightTestSupport
import Statistics
import Testing

/// `stats` given a damaged dataset: each unreadable record and each damaged file listed with its
/// key and file, every other sample counted.
@Suite struct CorruptDatasetStatisticsTests {
    @Test(arguments: CorruptDataset.allCases)
    func statisticsListEachDefectAndCountTheRest(_ damage: CorruptDataset) throws {
        let stats = try DatasetStatistics.compute(directory: try damage.path, workers: 2)
        let messages = stats.problems + stats.damage
        #expect(stats.defects >= damage.expected.count)
        for (key, file) in damage.expected {
            #expect(messages.contains { $0.hasPrefix(key) && $0.contains(file) }, "\(key) in \(file): \(messages)")
        }
        let unreadable = [CorruptDataset.badRecordsInShard, .badRecordsInFolder, .tornLastLine].contains(damage)
        #expect(stats.unreadable == (unreadable ? damage.expected.count : 0))
        let lost = damage == .truncatedShard ? 3 : 0
        #expect(stats.samples >= CorruptDataset.count - stats.unreadable - lost)
        let json = String(decoding: stats.json(charts: []).bytes, as: UTF8.self)
        #expect(json.contains("\"damaged_samples\"") && json.contains(damage.expected[0].key))
    }
}
