import Describer
import Foundation
import PNGCodec
import Pipeline
import PlanFiles
import SampleRecords
import SceneSampler
import ScenewrightTestSupport
import Testing

/// Conversations: the plan section's errors, what a plan without it keeps, and what the
/// describer promises of every conversation (distinct turns, counted shortfall, the false
/// premise rate, reasoning levels, the same turns in every language).
@Suite struct ConversationTests {
    static func shapes() throws -> String {
        try String(contentsOf: TestResources.home.appendingPathComponent("scenes/shapes.yaml"), encoding: .utf8)
    }

    static func plan(_ section: String, objects: String? = nil, file: String = "chat.yaml") throws -> ScenePlan {
        var text = try shapes()
        if let objects { text = text.replacingOccurrences(of: "count: [3, 8]", with: objects) }
        return try TestResources.plan(yaml: text + "\n" + section, file: file)
    }

    static func factory(_ plan: ScenePlan) throws -> SampleFactory {
        SampleFactory(
            plan: plan, seed: 3, lexicons: try ["en", "zh"].map { try TestResources.lexicon($0) },
            text: try TextOptions(settings: plan.text, file: plan.source, layout: plan.layout), png: PNGOptions())
    }

    static func error(_ section: String) throws -> PlanError? {
        do {
            let p = try plan(section, file: "bad.yaml")
            _ = try TextOptions(settings: p.text, file: "bad.yaml", layout: p.layout)
            return nil
        } catch let e as PlanError {
            return e
        }
    }

    @Test func unknownTurnKindNamesFileLineAndTheValidKinds() throws {
        let e = try #require(try Self.error("conversations:\n  kinds: {question: 2, chitchat: 1}\n"))
        #expect(e.file == "bad.yaml")
        #expect(e.line != nil)
        #expect(e.message.contains("unknown turn kind 'chitchat'"))
        #expect(e.message.contains("describe, list, question, follow_up, grounding, verify"))
    }

    @Test func unknownReasoningLevelAndBoxStyleNameTheValidOnes() throws {
        let r = try #require(try Self.error("conversations:\n  reasoning: deep\n"))
        #expect(r.line != nil && r.file == "bad.yaml")
        #expect(r.message.contains("unknown reasoning level 'deep'; valid: none, brief, steps"))
        let b = try #require(try Self.error("conversations:\n  boxes: yolo\n"))
        #expect(b.message.contains("unknown box style 'yolo'; valid: qwen, kosmos2, shikra, paligemma"))
        let n = try #require(try Self.error("conversations:\n  false_premise_rate: 2\n"))
        #expect(n.message.contains("false_premise_rate must be 0 to 1"))
        let z = try #require(try Self.error("conversations:\n  kinds: {question: 0}\n"))
        #expect(
            z.message.contains("at least one turn kind with a positive weight") && z.line != nil && z.file == "bad.yaml"
        )
        let k = try #require(try Self.error("conversations:\n  turns: 0\n"))
        #expect(k.message.contains("turns per conversation must be 1 to 20"))
    }

    @Test func aPlanWithoutConversationsWritesNoConversationsField() throws {
        let factory = try TestResources.factory()
        for i in 0..<5 {
            let json = String(decoding: try factory.make(index: UInt64(i)).record.jsonBytes, as: UTF8.self)
            #expect(!json.contains("\"conversations\""), "index \(i)")
        }
    }

    @Test func everyLanguageSaysTheSameTurnsAndNoTurnRepeats() throws {
        let plan = try Self.plan("conversations: {count: 2, turns: 6, reasoning: steps}\n")
        let factory = try Self.factory(plan)
        var kinds: Set<String> = []
        for i in 0..<40 {
            let record = try factory.make(index: UInt64(i)).record
            let cs = record.description.conversations
            let en = cs.filter { $0.language == "en" }
            let zh = cs.filter { $0.language == "zh" }
            #expect(en.count == 2 && zh.count == 2, "index \(i)")
            for (a, b) in zip(en, zh) {
                #expect(a.turns.map(\.program) == b.turns.map(\.program), "index \(i)")
                #expect(a.turns.map(\.kind) == b.turns.map(\.kind), "index \(i)")
                #expect(a.turns.map(\.reasoning) == b.turns.map(\.reasoning), "index \(i)")
                #expect(a.turns.count + a.shortfall == 6, "index \(i)")
            }
            for c in cs {
                let questions = c.turns.map(\.question)
                for (k, t) in c.turns.enumerated() {
                    kinds.insert(t.kind)
                    #expect(!t.question.isEmpty && !t.answer.isEmpty, "index \(i) turn \(k)")
                    if t.kind != "describe_short" && t.kind != "describe_detailed" {
                        // Two turns may share wording only when they ask different things.
                        let same = c.turns.indices.filter { questions[$0] == t.question && $0 != k }
                        for j in same { #expect(c.turns[j].program != t.program, "index \(i) turns \(j), \(k)") }
                    }
                }
                // Records read back the way they were written.
                let again = try SampleRecord(json: try JSONValue.parse(record.jsonBytes))
                #expect(again.description.conversations == cs, "index \(i)")
            }
        }
        #expect(
            kinds
                == [
                    "describe_short", "describe_detailed", "list", "question", "follow_up", "where", "what_is_at",
                    "verify", "false_premise",
                ])
    }

    @Test func aSingleObjectSceneCountsItsShortfallAndRepeatsNothing() throws {
        let plan = try Self.plan(
            "conversations: {count: 1, turns: 12, kinds: {follow_up: 1, grounding: 1}, false_premise_rate: 0}\n",
            objects: "count: [1, 1]")
        let factory = try Self.factory(plan)
        var shortfall = 0
        for i in 0..<10 {
            for c in try factory.make(index: UInt64(i)).record.description.conversations {
                shortfall += c.shortfall
                #expect(c.turns.count + c.shortfall == 12)
                for (k, t) in c.turns.enumerated() {
                    for u in c.turns[..<k] {
                        #expect(u.program != t.program || u.kind != t.kind || u.question != t.question, "index \(i)")
                    }
                }
            }
        }
        #expect(shortfall > 0)
    }

    @Test func falsePremiseRateAndReasoningLevelsAreObeyed() throws {
        let all = try Self.factory(try Self.plan("conversations: {turns: 5, false_premise_rate: 1}\n"))
        let none = try Self.factory(
            try Self.plan("conversations: {turns: 5, false_premise_rate: 0, kinds: [question], reasoning: none}\n"))
        let steps = try Self.factory(
            try Self.plan("conversations: {turns: 5, false_premise_rate: 0, kinds: [question], reasoning: steps}\n"))
        var stated = 0
        for i in 0..<10 {
            for c in try all.make(index: UInt64(i)).record.description.conversations {
                #expect(
                    c.turns.allSatisfy { $0.kind == "false_premise" && $0.value == (c.language == "en" ? "no" : "否") })
            }
            for c in try none.make(index: UInt64(i)).record.description.conversations {
                #expect(c.turns.allSatisfy { $0.kind == "question" && $0.answer == $0.value && $0.reasoning.isEmpty })
            }
            for c in try steps.make(index: UInt64(i)).record.description.conversations {
                for t in c.turns {
                    stated += t.reasoning.count
                    #expect(t.reasoning.map(\.step) == t.reasoning.map(\.step).sorted())
                }
            }
        }
        #expect(stated > 50)
    }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Goldens/conversations.txt")

    /// The wording of every turn kind in both languages, pinned: a change to the planner, the
    /// writer or the lexicons' `conversation:` sections shows up as a reviewed diff
    /// (`UPDATE_GOLDENS=1 swift test --filter ConversationTests`).
    @Test func conversationTextMatchesTheGolden() throws {
        let plan = try Self.plan("conversations: {count: 2, turns: 6, reasoning: steps, false_premise_rate: 0.15}\n")
        let factory = try Self.factory(plan)
        var text = ""
        for i in 0..<3 {
            for c in try factory.make(index: UInt64(i)).record.description.conversations {
                text += "# index \(i) \(c.language) shortfall \(c.shortfall)\n"
                for t in c.turns {
                    text += "[\(t.kind)\(t.family.isEmpty ? "" : " " + t.family)] \(t.question)\n  -> \(t.answer)\n"
                }
            }
        }
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try text.write(to: Self.golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(
            text == expected,
            "conversation text changed; if on purpose: UPDATE_GOLDENS=1 swift test --filter ConversationTests")
    }
}
