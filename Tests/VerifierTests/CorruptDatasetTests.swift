import Foundation
import ScenewrightTestSupport
import Testing

/// `verify` given a dataset damaged in one way (a truncated shard, a bad PNG CRC in a shard or
/// in images/, records with a missing field or a wrong type, a torn last line of samples.jsonl):
/// every defect reported with its key and file, the rest still checked, exit status 1.
@Suite struct CorruptDatasetTests {
    @Test(arguments: CorruptDataset.allCases)
    func verifyReportsEachDefectAndGoesOn(_ damage: CorruptDataset) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let report = dir.path + "/report.json"
        let r = try runScenewright(["verify", try damage.path, "--workers", "2", "--report", report])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"), "\(r.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let list = try #require(json["list"] as? [[String: Any]])
        for (key, file) in damage.expected {
            #expect(
                list.contains { ($0["key"] as? String) == key && (($0["file"] as? String) ?? "").contains(file) },
                "\(key) in \(file): \(list)")
            #expect(r.stdout.contains("\(key)"), "\(r.stdout)")
        }
        // The rest is still read and checked: every undamaged sample is counted.
        let samples = try #require(json["samples"] as? Int)
        #expect(samples >= CorruptDataset.count - (damage == .truncatedShard ? 3 : 0), "\(r.stdout)")
        // Only the damaged samples (or file) have defects.
        let keys = Set(list.compactMap { $0["key"] as? String })
        #expect(
            keys.isSubset(of: Set(damage.expected.map(\.key) + ["000000004", "000000005", "000000006"])), "\(keys)")
    }
}
