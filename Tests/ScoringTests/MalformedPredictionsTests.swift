import DatasetWriters
import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import Scoring

/// Bad prediction lines are each reported with their line number and what was expected; the
/// items they name count as wrong; nothing crashes.
@Suite struct MalformedPredictionsTests {
    @Test func everyBadLineIsReportedWithItsNumber() throws {
        let key = try ScoringFixture.key()
        let vqa = try #require(key.items.first { $0.task == .vqa })
        let refs = key.items.filter { $0.task == .ref }
        let pair = try #require(key.items.first { $0.task == .negative })
        let group = try #require(key.items.first { $0.task == .group })
        let lines = [
            #"{"id": "\#(vqa.id)", "answer": "2", "answer": "3"}"#,  // 1 duplicate key
            #"not json"#,  // 2
            #"{"id": "\#(refs[0].id)", "bbox": [1, 2, 3]}"#,  // 3 malformed box
            #"{"id": "\#(refs[1].id)", "text": "<box>(10,20),(30</box>"}"#,  // 4 malformed qwen
            #"{"id": "\#(refs[2].id)", "text": "<loc0100><loc0200><loc9999><loc0300> x"}"#,  // 5 loc out of range
            #"{"id": "\#(refs[3].id)", "text": "the red circle"}"#,  // 6 no box
            #"{"id": "\#(pair.id)", "choice": 2}"#,  // 7 bad choice
            #"{"id": "999999999/qa/0", "answer": "2"}"#,  // 8 wrong dataset
            #"{"id": "\#(vqa.key)/qa/999", "answer": "2"}"#,  // 9 no such item
            #"{"id": "\#(refs[4].id)", "bbox": [1, 2, 3, 4], "confidence": 0.5}"#,  // 10 unknown field
            #"{"id": "\#(refs[5].id)", "answer": "red"}"#,  // 11 wrong field for the task
            #"{"answer": "red"}"#,  // 12 no id
            #"[1, 2]"#,  // 13 not an object
            #"{"id": "\#(refs[6].id)", "bbox": [1, 2, 3, 4]}"#,  // 14 fine
            #"{"id": "\#(refs[6].id)", "bbox": [1, 2, 3, 4]}"#,  // 15 repeated id
            #"{"id": "\#(refs[7].id)", "bbox": [1, 2, -3, 4]}"#,  // 16 negative width
            #"{"id": "\#(refs[8].id)", "text": "[0.1,0.2,1.5,0.4]", "style": "shikra"}"#,  // 17 out of range
            #"{"id": "\#(refs[9].id)", "text": "<box>(1,1),(2,2)</box>", "style": "yolo"}"#,  // 18 bad style
            #"{"id": "\#(group.id)", "scores": [[1, 2], [3]]}"#,  // 19 malformed scores
        ]
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let bytes = Array(lines.joined(separator: "\n").utf8) + [0x0A, 0x0A]
        let report = try ScoringFixture.score(key, lines: bytes, in: dir)
        let byLine = Dictionary(grouping: report.problems, by: \.line)
        let expected: [Int: String] = [
            1: "duplicate key 'answer'", 2: "not a JSON object", 3: "'bbox' must be", 4: "malformed qwen box",
            5: "locations must be 0-1023", 6: "no box in the text", 7: "'choice' must be 0 or 1",
            8: "no sample '999999999'", 9: "no such item", 10: "unknown field 'confidence'",
            11: "a ref item takes", 12: "no string field 'id'", 13: "not a JSON object", 15: "predicted again",
            16: "width and height >= 0", 17: "values must be in [0, 1]", 18: "'style' must be one of",
            19: "'scores' must be",
        ]
        for (line, text) in expected {
            let messages = (byLine[line] ?? []).map(\.message)
            #expect(messages.contains { $0.contains(text) }, "line \(line): \(messages)")
        }
        #expect(byLine[14] == nil)
        #expect(report.problems.count == expected.count, "\(report.problems)")
        #expect(report.unknownIDs == 2)
        // Items named by lines that read as JSON but cannot be used count as unparsable (and
        // wrong): lines 3-7, 10, 11, 16-19.
        #expect(report.unparsable == 11)
        #expect(report.tasks.reduce(0) { $0 + $1.overall.correct } == 0)
        #expect(report.lines == lines.count + 1)
    }

    @Test func predictionsForAnotherDatasetAreCalledThat() throws {
        let key = try ScoringFixture.key()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var bytes: [UInt8] = []
        for k in 0..<10 { bytes += Array(#"{"id": "000777\#(k)00/qa/0", "answer": "2"}"#.utf8) + [0x0A] }
        let report = try ScoringFixture.score(key, lines: bytes, in: dir)
        #expect(report.problems.first?.message.contains("another dataset") == true)
        #expect(report.missing == key.items.count)
    }

    @Test func aMissingOrUnreadableFileIsAnError() throws {
        let key = try ScoringFixture.key()
        #expect(throws: (any Error).self) {
            try Scorer.score(key: key, predictionsPath: "/nonexistent/p.jsonl", name: "x")
        }
        #expect(throws: (any Error).self) { try AnswerKey.load("/nonexistent/dataset") }
    }
}
