import Foundation
import Pipeline
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import Describer
@testable import SceneModel

/// The caption clauses a twin's record lists as flipped, checked by the tests' independent
/// executor over 300 anchors with 4 twins each: every clause of the anchor's short and detailed
/// captions is said in that caption and true of the anchor; a flipped clause is false of the
/// twin, and every clause not listed is still true of it.
@Suite struct TwinCaptionClauseTests {
    /// A program in the record's node form, written by the test itself.
    static func json(_ p: Program) throws -> JSONValue {
        let nodes = p.nodes.map { n in
            "{\"type\":\"\(n.function.rawValue)\",\"inputs\":[\(n.inputs.map(String.init).joined(separator: ","))],"
                + "\"value_inputs\":[\(n.value.map { "\"\($0)\"" } ?? "")]}"
        }
        return try JSONValue.parse(Array(("[" + nodes.joined(separator: ",") + "]").utf8))
    }

    @Test func flippedClausesAreExactlyTheAnchorClausesFalseOfTheTwin() throws {
        var factory = try TestResources.factory(seed: 43)
        factory.twins = 4
        var flipped = 0
        var kept = 0
        var levels = Set<String>()
        var relations = 0
        for index: UInt64 in 0..<300 {
            let group = try factory.makeWithTwins(index: index)
            let anchor = try JSONValue.parse(group[0].record.jsonBytes)
            let anchorRun = IndependentExecutor(record: anchor)
            let facts = SceneFacts(
                scene: group[0].rendered.scene, measurements: group[0].rendered.measurements,
                relations: factory.describer.relations)
            let clauses = factory.describer.captionClauses(facts, runSeed: factory.seed, index: index)
            #expect(!clauses.isEmpty)
            for c in clauses {
                let caption = anchor["captions"]?[c.language]?[c.level]?.stringValue ?? ""
                // The caption capitalizes its first letter.
                #expect(
                    caption.lowercased().contains(c.text.lowercased()),
                    "\(index): \"\(c.text)\" is not in the \(c.level) caption \"\(caption)\"")
                let program = try Self.json(c.program)
                let claim = Describer.answerWords(c.claim, factory.describer.lexicons.first { $0.code == c.language }!)
                #expect(
                    anchorRun.run(program).flatMap { LanguageEngineTests.said($0, c.language) } == claim,
                    "\(index): \"\(c.text)\" is not true of the anchor")
                if c.program.nodes.last?.function == .exist { relations += 1 }
            }
            for sample in group.dropFirst() {
                let twin = try JSONValue.parse(sample.record.jsonBytes)
                let key = twin["key"]?.stringValue ?? "?"
                let twinRun = IndependentExecutor(record: twin)
                var listed: [String: JSONValue] = [:]
                for f in twin["twin"]?["flips"]?.arrayValue ?? [] where f["list"]?.stringValue == "captions" {
                    let id =
                        "\(f["lang"]?.stringValue ?? "")/\(f["level"]?.stringValue ?? "")/\(f["item"]?.intValue ?? -1)"
                    listed[id] = f
                }
                for c in clauses {
                    let program = try Self.json(c.program)
                    let claim = Describer.answerWords(
                        c.claim, factory.describer.lexicons.first { $0.code == c.language }!)
                    let now = twinRun.run(program).flatMap { LanguageEngineTests.said($0, c.language) }
                    let id = "\(c.language)/\(c.level)/\(c.item)"
                    levels.insert(c.level)
                    if let f = listed.removeValue(forKey: id) {
                        flipped += 1
                        #expect(f["text"]?.stringValue == c.text, "\(key): \(f)")
                        #expect(f["anchor"]?.stringValue == claim, "\(key): \(f)")
                        #expect(now != claim, "\(key): flipped clause \"\(c.text)\" still holds of the twin")
                        #expect((now ?? TwinLink.none) == f["twin"]?.stringValue, "\(key): \(f)")
                    } else {
                        kept += 1
                        #expect(now == claim, "\(key): clause \"\(c.text)\" is false of the twin but not listed")
                    }
                }
                #expect(listed.isEmpty, "\(key): flips that are no clause of the anchor: \(listed.keys.sorted())")
            }
        }
        #expect(levels == ["short", "detailed"])
        #expect(flipped > 300 * 4, "\(flipped) flipped")
        #expect(kept > flipped, "\(kept) kept")
        #expect(relations > 50, "\(relations) relation statements")
    }
}
