import Foundation
import ScenewrightTestSupport
import Testing

@testable import Describer

/// Golden samples: the exact English and Chinese text of a few fixed samples is pinned in
/// Goldens/, so any change of wording shows up as a reviewed diff. Regenerate with
/// `UPDATE_GOLDENS=1 swift test --filter GoldenTests` and read the diff before committing.
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static func text(seed: UInt64, index: UInt64) throws -> String {
        let d = try TestResources.factory(seed: seed).make(index: index).record.description
        var lines = ["# plan shapes, seed \(seed), index \(index)"]
        for (language, c) in d.captions {
            lines.append("[\(language)] short: \(c.short)")
            lines.append("[\(language)] detailed: \(c.detailed)")
            for p in c.dense { lines.append("[\(language)] dense #\(p.objectID): \(p.text)") }
        }
        for q in d.qa { lines.append("[\(q.language)] \(q.family): \(q.question) => \(q.answer)") }
        for r in d.refs { lines.append("[\(r.language)] ref #\(r.objectID): \(r.text)") }
        for n in d.negatives { lines.append("[\(n.language)] negative \(n.kind): \(n.text)") }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [(UInt64(3), UInt64(0)), (3, 1), (11, 5), (42, 1000)])
    func textMatchesTheGolden(seed: UInt64, index: UInt64) throws {
        let actual = try Self.text(seed: seed, index: index)
        let file = Self.directory.appendingPathComponent("seed\(seed)-index\(index).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, (x, y)) in zip(a, e).enumerated() where x != y {
            Issue.record("\(file.lastPathComponent) line \(i + 1):\n  expected: \(y)\n  actual:   \(x)")
        }
        #expect(a.count == e.count, "\(file.lastPathComponent): \(e.count) lines expected, \(a.count) produced")
    }
}
