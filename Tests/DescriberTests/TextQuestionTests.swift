import DatasetWriters
import Foundation
import SampleRecords
import ScenewrightTestSupport
import Testing

@testable import Describer
@testable import SceneModel

/// Questions and references over text (plans with lettering), checked by the independent
/// executor from the record alone; every text family asked; yes/no balanced; every question of
/// a text family states what the record's texts make true.
@Suite struct TextQuestionTests {
    static func said(_ v: IndependentExecutor.Value, _ language: String) -> String? {
        switch v {
        case .written(let s): return s
        default: return LanguageEngineTests.said(v, language)
        }
    }

    @Test(arguments: ["signs", "labelled"])
    func everyAnswerHoldsIndependently(plan: String) throws {
        let factory = try TestResources.factory(plan: plan, seed: 13)
        let families: [QuestionFamily] =
            plan == "signs"
            ? [.readText, .textColor, .textCount, .textExist]
            : [.readText, .textColor, .textCount, .textExist, .labelQuery, .labelledQuery]
        var asked: [String: Int] = [:]
        var answers: [String: [String: Int]] = [:]
        var checked = 0
        var yes = 0
        var no = 0
        var textRefs = 0
        func texts(_ record: JSONValue) -> [String] {
            (record["texts"]?.arrayValue ?? []).map { $0["text"]?.stringValue ?? "" }
        }
        let samples = UInt64(ProcessInfo.processInfo.environment["SCENEWRIGHT_BALANCE_SAMPLES"] ?? "") ?? 300
        for index in UInt64(0)..<samples {
            let record = try JSONValue.parse(try factory.make(index: index).record.jsonBytes)
            let key = record["key"]?.stringValue ?? "?"
            let executor = IndependentExecutor(record: record)
            for q in record["qa"]?.arrayValue ?? [] {
                let language = q["lang"]?.stringValue ?? ""
                let family = q["family"]?.stringValue ?? ""
                if language == "en" {
                    asked[family, default: 0] += 1
                    answers[family, default: [:]][q["answer"]?.stringValue ?? "", default: 0] += 1
                }
                checked += 1
                let result = try #require(
                    executor.run(q["program"] ?? .null),
                    "\(key): invalid program for '\(q["question"]?.stringValue ?? "")'")
                #expect(
                    Self.said(result, language) == q["answer"]?.stringValue,
                    "\(key): '\(q["question"]?.stringValue ?? "")'")
                if family == "text_exist" && language == "en" {
                    if q["answer"]?.stringValue == "yes" { yes += 1 } else { no += 1 }
                }
            }
            for r in record["refs"]?.arrayValue ?? [] {
                let value = executor.run(r["program"] ?? .null)
                if case .text(let t)? = value {
                    // A text item: its first word's id, the union of its words' boxes.
                    let words = record["texts"]?.arrayValue?[t]["words"]?.arrayValue ?? []
                    #expect(words.first?["id"]?.intValue == r["object"]?.intValue, "\(key)")
                    let boxes = words.compactMap { $0["bbox"]?.arrayValue?.compactMap(\.intValue) }
                    let x0 = boxes.map { $0[0] }.min() ?? 0
                    let y0 = boxes.map { $0[1] }.min() ?? 0
                    let x1 = boxes.map { $0[0] + $0[2] }.max() ?? 0
                    let y1 = boxes.map { $0[1] + $0[3] }.max() ?? 0
                    #expect(r["bbox"]?.arrayValue?.compactMap(\.intValue) == [x0, y0, x1 - x0, y1 - y0], "\(key)")
                    #expect(r["text"]?.stringValue?.contains(texts(record)[t]) == true, "\(key)")
                    textRefs += 1
                    continue
                }
                guard case .object(let id)? = value else {
                    Issue.record("\(key): '\(r["text"]?.stringValue ?? "")' does not pick out exactly one object")
                    continue
                }
                #expect(id == r["object"]?.intValue, "\(key)")
            }
        }
        for f in families {
            #expect((asked[f.rawValue] ?? 0) >= 20, "\(plan): \(f.rawValue) asked \(asked[f.rawValue] ?? 0) times")
        }
        let share = Double(yes) / Double(max(1, yes + no))
        #expect(share > 0.4 && share < 0.6, "\(plan): text_exist answered yes \(yes) of \(yes + no)")
        #expect(textRefs > 100, "\(plan): \(textRefs) references to text items")
        // The balance table of docs/LANGUAGES.md (English answers).
        print("\(plan): \(checked) answers checked by the independent executor over \(samples) samples")
        for (family, counts) in answers.sorted(by: { $0.key < $1.key }) {
            let total = counts.values.reduce(0, +)
            let p = counts.values.map { Double($0) / Double(total) }
            let entropy = counts.count < 2 ? 0 : -p.reduce(0) { $0 + $1 * log($1) } / log(Double(counts.count))
            let top = 100 * Double(counts.values.max() ?? 0) / Double(total)
            print(
                "\(plan) \(family): \(total) questions, \(counts.count) answers, top \(String(format: "%.1f", top))% "
                    + "(uniform \(String(format: "%.1f", 100 / Double(counts.count)))%), entropy \(String(format: "%.3f", entropy))"
                    + (counts["yes"].map { ", yes \(String(format: "%.1f", 100 * Double($0) / Double(total)))%" } ?? "")
            )
        }
    }

    @Test func textsAreQuotedAsWrittenInBothLanguages() throws {
        let factory = try TestResources.factory(plan: "signs", seed: 2)
        var checked = 0
        for index in UInt64(0)..<40 {
            let record = try factory.make(index: index).record
            let texts = (record.texts ?? []).map(\.item.text)
            for q in record.description.qa where q.family == "text_color" || q.family == "text_exist" {
                // The written string stands in the question exactly, in the language's quotation marks.
                let quoted = q.language == "zh" ? "“" : "\""
                #expect(q.question.contains(quoted), "\(q.question)")
                checked += 1
            }
            for q in record.description.qa where q.family == "read_text" {
                #expect(texts.contains(q.answer), "\(q.question) -> \(q.answer)")
            }
        }
        #expect(checked > 20)
    }
}
