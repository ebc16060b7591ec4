import Describer
import SampleRecords
import Testing

@testable import DatasetWriters

/// The `llava` and `messages` files over real samples with conversations, in two shards.
@Suite struct ConversationFormatTests {
    static let options = ConversationOptions(count: 2, turns: 4, reasoning: .steps)

    @Test func llavaListsEveryConversationWithOneImageToken() throws {
        let (run, shards, _) = try FormatFixture.make(conversations: Self.options)
        let files = try FormatFixture.merge(LLaVAFormat(), run: run, shards: shards)
        #expect(files.keys.sorted() == ["llava/en.json", "llava/zh.json"])
        for language in ["en", "zh"] {
            let bytes = try #require(files["llava/\(language).json"])
            let entries = try #require(try FormatFixture.canonical(bytes, "llava").arrayValue)
            let expected = shards.flatMap(\.1).flatMap { s in
                s.record.description.conversations.filter { $0.language == language && !$0.turns.isEmpty }.map {
                    (s.record.key, $0)
                }
            }
            #expect(entries.count == expected.count && entries.count >= 5)
            var seen: [String: Int] = [:]
            for (entry, (key, conversation)) in zip(entries, expected) {
                #expect(FormatFixture.keys(entry) == ["conversations", "id", "image"])
                let k = seen[key, default: 0]
                seen[key] = k + 1
                #expect(entry["id"]?.stringValue == "\(key)-\(language)-\(k)")
                #expect(entry["image"]?.stringValue == "images/\(key).png")
                let turns = try #require(entry["conversations"]?.arrayValue)
                #expect(turns.count == 2 * conversation.turns.count)
                for (i, t) in turns.enumerated() {
                    let value = try #require(t["value"]?.stringValue)
                    #expect(t["from"]?.stringValue == (i % 2 == 0 ? "human" : "gpt"))
                    #expect(value.contains("<image>") == (i == 0))
                    let turn = conversation.turns[i / 2]
                    #expect(value == (i == 0 ? "<image>\n" + turn.question : i % 2 == 0 ? turn.question : turn.answer))
                }
            }
        }
    }

    @Test func messagesHaveTheChatLayoutWithTheImageInTheFirstUserMessage() throws {
        let (run, shards, _) = try FormatFixture.make(conversations: Self.options)
        let files = try FormatFixture.merge(MessagesFormat(), run: run, shards: shards)
        #expect(files.keys.sorted() == ["messages/en.jsonl", "messages/zh.jsonl"])
        let lines = try FormatFixture.lines(try #require(files["messages/zh.jsonl"]), "messages")
        #expect(lines.count >= 5)
        for line in lines {
            #expect(FormatFixture.keys(line) == ["id", "images", "messages"])
            let key = try #require(line["id"]?.stringValue?.split(separator: "-").first)
            #expect(line["images"]?.arrayValue?.compactMap(\.stringValue) == ["images/\(key).png"])
            let messages = try #require(line["messages"]?.arrayValue)
            #expect(messages.count % 2 == 0 && !messages.isEmpty)
            for (i, m) in messages.enumerated() {
                #expect(m["role"]?.stringValue == (i % 2 == 0 ? "user" : "assistant"))
                let parts = try #require(m["content"]?.arrayValue)
                let types = parts.compactMap { $0["type"]?.stringValue }
                #expect(types == (i == 0 ? ["image", "text"] : ["text"]))
                #expect(parts.last?["text"]?.stringValue?.isEmpty == false)
            }
        }
    }

    @Test func theHFLayoutDeclaresAndHoldsTheConversations() throws {
        let (run, shards, _) = try FormatFixture.make(conversations: Self.options)
        let files = try FormatFixture.merge(HuggingFaceFormat(), run: run, shards: shards)
        let lines = try FormatFixture.lines(try #require(files[HuggingFaceFormat.metadataPath]), "metadata")
        for (line, s) in zip(lines, shards.flatMap(\.1)) {
            let conversations = try #require(line["conversations"]?.arrayValue)
            #expect(conversations.count == s.record.description.conversations.count)
            for (c, e) in zip(conversations, s.record.description.conversations) {
                #expect(c["lang"]?.stringValue == e.language)
                let texts = c["messages"]?.arrayValue?.compactMap { $0["content"]?.stringValue }
                #expect(texts == e.turns.flatMap { [$0.question, $0.answer] })
            }
        }
        let card = String(decoding: try #require(files[HuggingFaceFormat.cardPath]), as: UTF8.self)
        #expect(card.contains("  - name: conversations\n    list:\n    - name: lang\n"))
        // Without conversations neither the column nor its feature appears.
        let (plainRun, plainShards, _) = try FormatFixture.make()
        let plain = try FormatFixture.merge(HuggingFaceFormat(), run: plainRun, shards: plainShards)
        #expect(!String(decoding: plain[HuggingFaceFormat.cardPath] ?? [], as: UTF8.self).contains("conversations"))
        #expect(!String(decoding: plain[HuggingFaceFormat.metadataPath] ?? [], as: UTF8.self).contains("conversations"))
    }

    @Test func runsWithoutConversationsWriteEmptyFiles() throws {
        let (run, shards, _) = try FormatFixture.make()
        #expect(try FormatFixture.merge(LLaVAFormat(), run: run, shards: shards)["llava/en.json"] == Array("[]\n".utf8))
        #expect(try FormatFixture.merge(MessagesFormat(), run: run, shards: shards)["messages/en.jsonl"] == [])
    }
}
