import DatasetWriters
import Testing

@testable import Statistics

/// The blind baselines, recomputed here the plain way: dictionaries of strings, two loops.
@Suite struct ShortcutBaselineTests {
    struct Expected {
        var evaluated = 0
        var questionCorrect = 0
        var familyCorrect = 0
        var chanceSum = 0.0
        var majority = 0
    }

    /// The most common answer; ties to the first in byte order.
    static func best(_ counts: [String: Int]) -> String? {
        counts.filter { $0.value > 0 }.sorted {
            $0.value != $1.value ? $0.value > $1.value : Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8)
        }.first?.key
    }

    static func expected(_ qa: [(index: Int, question: String, family: String, answer: String)]) -> Expected {
        var byQuestion: [String: [String: Int]] = [:]
        var byFamily: [String: [String: Int]] = [:]
        var allByFamily: [String: [String: Int]] = [:]
        var evalByFamily: [String: [String: Int]] = [:]
        for q in qa {
            allByFamily[q.family, default: [:]][q.answer, default: 0] += 1
            if q.index % 2 == 0 {
                byQuestion[q.question, default: [:]][q.answer, default: 0] += 1
                byFamily[q.family, default: [:]][q.answer, default: 0] += 1
            } else {
                evalByFamily[q.family, default: [:]][q.answer, default: 0] += 1
            }
        }
        var e = Expected()
        for q in qa where q.index % 2 == 1 {
            e.evaluated += 1
            let familyGuess = best(byFamily[q.family] ?? [:])
            let questionGuess = byQuestion[q.question].flatMap { best($0) } ?? familyGuess
            if questionGuess == q.answer { e.questionCorrect += 1 }
            if familyGuess == q.answer { e.familyCorrect += 1 }
            e.chanceSum += 1 / Double(allByFamily[q.family]?.count ?? 1)
        }
        e.majority = evalByFamily.values.reduce(0) { $0 + ($1.values.max() ?? 0) }
        return e
    }

    @Test func accuracyEqualsAnIndependentComputationOnTheDataset() throws {
        let records = try StatisticsFixture.records()
        let stats = try DatasetStatistics.compute(directory: try StatisticsFixture.folder())
        for code in ["en", "zh"] {
            var qa: [(index: Int, question: String, family: String, answer: String)] = []
            for r in records {
                let index = r["index"]?.intValue ?? -1
                for q in r["qa"]?.arrayValue ?? [] where q["lang"]?.stringValue == code {
                    qa.append(
                        (
                            index, q["question"]?.stringValue ?? "", q["family"]?.stringValue ?? "",
                            q["answer"]?.stringValue ?? ""
                        ))
                }
            }
            let e = Self.expected(qa)
            let report = try #require(stats.languages[code]).baseline.evaluate()
            #expect(e.evaluated > 50)
            #expect(report.evaluated == e.evaluated)
            #expect(report.questionAccuracy == Double(e.questionCorrect) / Double(e.evaluated), "\(code)")
            #expect(report.familyAccuracy == Double(e.familyCorrect) / Double(e.evaluated), "\(code)")
            #expect(abs(report.chance - e.chanceSum / Double(e.evaluated)) < 1e-12)
            #expect(report.majorityRate == Double(e.majority) / Double(e.evaluated))
        }
    }

    @Test func aHandMadeCaseScoresAsWorkedOut() throws {
        var b = ShortcutBaseline()
        // Fitting half: "q1" is mostly "yes"; the family "exist" is 3 yes to 2 no.
        for (q, a) in [("q1", "yes"), ("q1", "yes"), ("q2", "no"), ("q2", "no"), ("q3", "yes")] {
            b.add(question: q, family: "exist", answer: a, fit: true)
        }
        b.add(question: "c1", family: "count", answer: "2", fit: true)
        b.add(question: "c1", family: "count", answer: "3", fit: true)
        // Evaluation half.
        for (q, a) in [("q1", "yes"), ("q2", "yes"), ("q4", "yes"), ("q3", "no")] {
            b.add(question: q, family: "exist", answer: a, fit: false)
        }
        b.add(question: "c1", family: "count", answer: "3", fit: false)
        let r = b.evaluate()
        let count = try #require(r.families.first { $0.name == "count" })
        let exist = try #require(r.families.first { $0.name == "exist" })
        #expect(r.families.map(\.name) == ["count", "exist"])
        // q1 -> yes (right), q2 -> no (wrong), q4 unseen -> family "yes" (right), q3 -> yes (wrong).
        #expect(exist.questionCorrect == 2)
        #expect(exist.unseenEvaluated == 1)
        #expect(exist.familyCorrect == 3)
        #expect(exist.chance == 0.5)
        #expect(exist.majorityRate == 0.75)
        // A tie (2 and 3 once each) goes to "2", first in byte order: wrong on "3".
        #expect(count.familyAnswer == "2")
        #expect(count.questionCorrect == 0 && count.familyCorrect == 0)
        #expect(r.evaluated == 5)
        #expect(r.questionAccuracy == 2.0 / 5)
        #expect(r.familyAccuracy == 3.0 / 5)
        #expect(abs(r.chance - (4 * 0.5 + 0.5) / 5) < 1e-12)
    }
}
