import DatasetWriters
import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import Scoring

/// The held-out test set: its public files hold no answer, its answer key holds exactly the
/// items the records give, and `score` reads the key alone.
@Suite struct HeldOutTests {
    static func lines(_ path: String) throws -> [JSONValue] {
        try AtomicFile.read(path).split(separator: 0x0A).map { try JSONValue.parse(Array($0)) }
    }

    @Test func theKeyHoldsExactlyTheRecordsItems() throws {
        let folder = try ScoringFixture.folder()
        let fromRecords = try ScoringFixture.key()
        let fromKey = try AnswerKey(keyFile: folder + "/heldout-key/answers.jsonl")
        #expect(fromKey.problems.isEmpty)
        #expect(fromKey.items == fromRecords.items)
        // A folder holding only the key is read through it.
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/heldout-key", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: folder + "/heldout-key/answers.jsonl", toPath: dir.path + "/heldout-key/answers.jsonl")
        let loaded = try AnswerKey.load(dir.path)
        #expect(loaded.source == "answer key" && loaded.items == fromRecords.items)
        // Scored against the key alone, the key's own answers get full marks.
        let report = try ScoringFixture.score(loaded, lines: ScoringFixture.perfectPredictions(loaded), in: dir)
        #expect(report.tasks.allSatisfy { $0.overall.correct == $0.overall.total && $0.overall.total > 0 })
    }

    @Test func publicFilesHoldNoAnswers() throws {
        let folder = try ScoringFixture.folder()
        let key = try ScoringFixture.key()
        var ids: [String] = []
        let allowed: [String: Set<String>] = [
            "questions": ["id", "image", "key", "lang", "task", "question"],
            "references": ["id", "image", "key", "lang", "task", "text", "width", "height"],
            "pairs": ["id", "image", "key", "lang", "task", "texts"],
            "groups": ["id", "image", "images", "key", "lang", "task", "captions"],
        ]
        for (file, fields) in allowed.sorted(by: { $0.key < $1.key }) {
            for line in try Self.lines(folder + "/heldout/\(file).jsonl") {
                guard case .object(let o) = line else {
                    Issue.record("\(file): not an object")
                    continue
                }
                #expect(Set(o.keys) == fields, "\(file): \(o.keys)")
                ids.append(line["id"]?.stringValue ?? "")
                #expect(FileManager.default.fileExists(atPath: folder + "/" + (line["image"]?.stringValue ?? "")))
            }
        }
        #expect(ids.sorted() == key.items.map(\.id).sorted())
        // A pair's texts are the caption and the negative, in the order the id gives.
        for line in try Self.lines(folder + "/heldout/pairs.jsonl") {
            let id = line["id"]?.stringValue ?? ""
            guard let item = key.items.first(where: { $0.id == id }), case .negative(let p) = item.truth else {
                Issue.record("\(id) is not a pair of the key")
                continue
            }
            #expect(line["texts"]?.arrayValue?.compactMap(\.stringValue) == p.texts(id: id))
        }
    }

    @Test func pairOrderCarriesNoInformation() throws {
        let pairs = try ScoringFixture.key().items.filter { $0.task == .negative }
        let swapped = pairs.filter { ScoringItem.swapped($0.id) }.count
        #expect(abs(Double(swapped) - Double(pairs.count) / 2) <= 4 * (Double(pairs.count) / 4).squareRoot())
    }
}
