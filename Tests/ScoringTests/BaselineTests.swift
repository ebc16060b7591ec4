import DatasetWriters
import Foundation
import SampleRecords
import ScenewrightTestSupport
import Statistics
import Testing

@testable import Scoring

/// The reference predictors reach the levels docs/SCORE.md states.
@Suite struct BaselineTests {
    static func report(_ b: Baseline) throws -> (AnswerKey, ScoreReport, TemporaryDirectory) {
        let key = try ScoringFixture.key()
        let dir = try TemporaryDirectory()
        return (key, try Scorer.score(key: key, baseline: b, out: dir.path), dir)
    }

    /// Random: each question's chance is one over its family's answers in its language; the
    /// total over the key is the expected number right, and the draw lands within 4 standard
    /// deviations of it. Pairs: half, within 4 standard deviations. References: at least the
    /// chance of drawing the referent among the image's objects.
    @Test func randomIsAtChance() throws {
        let (key, report, dir) = try Self.report(.random)
        defer { dir.remove() }
        #expect(report.problems.isEmpty && report.missing == 0)
        var answers: [String: Set<String>] = [:]
        for item in key.items {
            if case .vqa(let q) = item.truth { answers[q.family + "|" + item.language, default: []].insert(q.answer) }
        }
        var mean = 0.0
        var variance = 0.0
        var refChance = 0.0
        for item in key.items {
            switch item.truth {
            case .vqa(let q):
                let p = 1 / Double(answers[q.family + "|" + item.language]!.count)
                mean += p
                variance += p * (1 - p)
            case .ref(let r): refChance += 1 / Double(max(r.candidates.count, 1))
            case .negative, .group: break
            }
        }
        let vqa = try #require(report.task(.vqa)).overall
        #expect(abs(Double(vqa.correct) - mean) <= 4 * variance.squareRoot(), "\(vqa.correct) vs \(mean)")
        let pairs = try #require(report.task(.negative)).overall
        #expect(abs(Double(pairs.correct) - Double(pairs.total) / 2) <= 4 * (Double(pairs.total) / 4).squareRoot())
        let ref = try #require(report.task(.ref)).overall
        #expect(Double(ref.correct) >= refChance - 4 * refChance.squareRoot())
        // Twin groups: Winoground's chance is 1/4 for the text and image scores, 1/6 for the group.
        for (name, p) in [("group_text", 0.25), ("group_image", 0.25), ("group", 1.0 / 6)] {
            let g = try #require(report.score(name)).overall
            let n = Double(g.total)
            #expect(n > 50)
            #expect(
                abs(Double(g.correct) - n * p) <= 4 * (n * p * (1 - p)).squareRoot(),
                "\(name): \(g.correct) of \(g.total)")
        }
    }

    /// Baselines that see no image cannot tell a twin group's images apart: 0 on every score.
    @Test func imagelessBaselinesScoreNothingOnTwinGroups() throws {
        for b in [Baseline.prior, .blind] {
            let (_, report, dir) = try Self.report(b)
            defer { dir.remove() }
            for name in ScoreReport.metrics(.group) {
                let g = try #require(report.score(name)).overall
                #expect(g.total > 0 && g.correct == 0, "\(b) \(name)")
            }
        }
    }

    /// Prior: on the odd-indexed samples (fitted on the even ones) it is exactly the family
    /// baseline `stats` reports (Statistics' `ShortcutBaseline`), language by language.
    @Test func priorIsTheFamilyBaselineOfStats() throws {
        try Self.matchesShortcutBaseline(.prior, \.familyCorrect)
    }

    /// Blind: on the odd-indexed samples it is exactly the question baseline of `stats`.
    @Test func blindIsTheQuestionBaselineOfStats() throws {
        try Self.matchesShortcutBaseline(.blind, \.questionCorrect)
    }

    static func matchesShortcutBaseline(_ b: Baseline, _ field: KeyPath<ShortcutReport.Family, Int>) throws {
        let key = try ScoringFixture.key()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/p.jsonl"
        try AtomicFile.write(b.predictions(key), to: path)
        var byID: [String: ScoringItem] = [:]
        for item in key.items { byID[item.id] = item }
        let predictions = try Predictions(path: path, key: byID)
        var shortcut: [String: ShortcutBaseline] = [:]
        var correct: [String: Int] = [:]
        for item in key.items {
            guard case .vqa(let q) = item.truth else { continue }
            shortcut[item.language, default: ShortcutBaseline()].add(
                question: q.question, family: q.family, answer: q.answer, fit: item.index % 2 == 0)
            guard item.index % 2 == 1, case .answer(let a)?? = predictions.byID[item.id] else { continue }
            if a == q.answer { correct[item.language, default: 0] += 1 }
        }
        #expect(shortcut.count == 2)
        for (language, s) in shortcut {
            let expected = s.evaluate().families.reduce(0) { $0 + $1[keyPath: field] }
            #expect(correct[language, default: 0] == expected, "\(b) \(language)")
        }
    }

    @Test func baselinesAreDeterministic() throws {
        let key = try ScoringFixture.key()
        for b in Baseline.allCases { #expect(b.predictions(key) == b.predictions(key)) }
    }
}
