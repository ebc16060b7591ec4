import Foundation
import SampleRecords

/// Reference predictors `score --baseline` runs, so a model's scores sit next to chance and
/// shortcut levels (docs/SCORE.md states the levels and how they are measured). None looks at
/// an image. Each writes ordinary prediction lines, scored like a model's.
///
/// The fitted baselines (`prior`, `blind`) are cross-fitted on two halves by sample index: an
/// item of an even-indexed sample is predicted from the odd-indexed samples and the reverse, so
/// no item is predicted from its own answer. Where the other half has nothing to learn from,
/// the next coarser rule applies (question, then family, then the whole key). Ties go to the
/// answer first in byte order.
public enum Baseline: String, CaseIterable, Sendable {
    /// Chance: a uniformly drawn answer among those the item's family (in its language) takes in
    /// the key; the box of a uniformly drawn object of the image (chance given perfect
    /// detections); a coin for pairs; four uniform scores for twin groups. Draws come from a
    /// hash of the item id.
    case random
    /// The family prior: the most frequent answer of the family in the other half; the mean
    /// referred box (relative to the image) of the other half; the shorter text of a pair; equal
    /// scores for every caption and image of a group.
    case prior
    /// Question only: the most frequent answer of the exact question text in the other half
    /// (else the family prior); the mean box of the exact expression text (else the mean box);
    /// for pairs, a text-only classifier (per-token counts in true captions against negatives of
    /// the other half, add-one smoothed log ratio summed over the text's tokens); for twin
    /// groups, that classifier's score of each caption, the same for both images.
    case blind

    /// One prediction line per item of `key`, in key order.
    public func predictions(_ key: AnswerKey) -> [UInt8] {
        let fit = BaselineFit(key)
        var out: [UInt8] = []
        for item in key.items {
            var o: JSONObject = ["id": .string(item.id)]
            let half = Int(item.index % 2)
            let draw = ScoringItem.hash(item.id + "/random")
            switch item.truth {
            case .vqa(let q):
                let group = q.family + "\u{0}" + item.language
                switch self {
                case .random:
                    let answers = fit.familyAnswers[group] ?? [q.answer]
                    o["answer"] = .string(answers[Int(draw % UInt64(answers.count))])
                case .prior:
                    o["answer"] = .string(fit.familyPrior(group, half: half))
                case .blind:
                    o["answer"] = .string(
                        BaselineFit.best(fit.questions[1 - half][q.question] ?? [:])
                            ?? fit.familyPrior(group, half: half))
                }
            case .ref(let r):
                let box: EdgeBox
                switch self {
                case .random:
                    if r.candidates.isEmpty {
                        box = EdgeBox(x1: 0, y1: 0, x2: Double(r.width), y2: Double(r.height))
                    } else {
                        let b = r.candidates[Int(draw % UInt64(r.candidates.count))]
                        box = EdgeBox(x: Double(b.x), y: Double(b.y), width: Double(b.width), height: Double(b.height))
                    }
                case .prior:
                    box = fit.meanBox(nil, half: half, width: r.width, height: r.height)
                case .blind:
                    box = fit.meanBox(r.text, half: half, width: r.width, height: r.height)
                }
                o["bbox"] = .array([box.x1, box.y1, box.x2 - box.x1, box.y2 - box.y1].map { ScoreReport.round($0) })
            case .negative(let p):
                let texts = p.texts(id: item.id)
                let choice: Int
                switch self {
                case .random: choice = Int(draw & 1)
                case .prior: choice = texts[1].count < texts[0].count ? 1 : 0
                case .blind:
                    let s = texts.map { fit.plausibility($0, half: half) }
                    choice = s[1] > s[0] || (s[1] == s[0] && texts[1].count < texts[0].count) ? 1 : 0
                }
                o["choice"] = .int(choice)
            case .group(let g):
                // Scores of caption c with image i; only `random` looks at the pair at all, and no
                // baseline sees an image, so `prior` and `blind` score 0 on image and group.
                let scores: [[Double]]
                switch self {
                case .random:
                    scores = (0..<2).map { c in
                        (0..<2).map { i in
                            Double(ScoringItem.hash(item.id + "/random/\(c)\(i)") >> 11) / Double(1 << 53)
                        }
                    }
                case .prior: scores = [[0, 0], [0, 0]]
                case .blind:
                    scores = g.captions.map { c in
                        let p = fit.plausibility(c, half: half)
                        return [p, p]
                    }
                }
                o["scores"] = .array(scores.map { .array($0.map { ScoreReport.round($0) }) })
            }
            JSONValue.object(o).write(into: &out)
            out.append(0x0A)
        }
        return out
    }
}

/// What the fitted baselines learn from an answer key, per half (sample index parity).
struct BaselineFit {
    /// Per family and language (`family\0lang`): its distinct answers in byte order.
    var familyAnswers: [String: [String]] = [:]
    /// Per half: per family and language, answer counts.
    var families: [[String: [String: Int]]] = [[:], [:]]
    /// Per half: per question text, answer counts.
    var questions: [[String: [String: Int]]] = [[:], [:]]
    /// Per half: per expression text (and "" for all), the sum of relative boxes and the count.
    var boxes: [[String: ([Double], Int)]] = [[:], [:]]
    /// Per half: token counts in true captions and in negatives.
    var tokens: [[String: (truth: Int, negative: Int)]] = [[:], [:]]

    init(_ key: AnswerKey) {
        var answerSets: [String: Set<String>] = [:]
        for item in key.items {
            let h = Int(item.index % 2)
            switch item.truth {
            case .vqa(let q):
                let group = q.family + "\u{0}" + item.language
                answerSets[group, default: []].insert(q.answer)
                families[h][group, default: [:]][q.answer, default: 0] += 1
                questions[h][q.question, default: [:]][q.answer, default: 0] += 1
            case .ref(let r):
                let w = Double(max(r.width, 1))
                let ht = Double(max(r.height, 1))
                let b = r.bbox
                let rel = [Double(b.x) / w, Double(b.y) / ht, Double(b.x + b.width) / w, Double(b.y + b.height) / ht]
                for k in ["", "\u{1}" + r.text] {
                    var e = boxes[h][k] ?? ([0, 0, 0, 0], 0)
                    e.0 = zip(e.0, rel).map { $0 + $1 }
                    e.1 += 1
                    boxes[h][k] = e
                }
            case .negative(let p):
                for t in Set(Self.tokens(p.caption)) { tokens[h][t, default: (0, 0)].truth += 1 }
                for t in Set(Self.tokens(p.negative)) { tokens[h][t, default: (0, 0)].negative += 1 }
            case .group: break
            }
        }
        familyAnswers = answerSets.mapValues { $0.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    }

    /// The key with the largest count, ties to the first in byte order; nil when empty.
    static func best(_ counts: [String: Int]) -> String? {
        counts.min { a, b in a.value != b.value ? a.value > b.value : a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
        }?
        .key
    }

    func familyPrior(_ group: String, half: Int) -> String {
        if let a = Self.best(families[1 - half][group] ?? [:]) { return a }
        var both = families[half][group] ?? [:]
        for (k, v) in families[1 - half][group] ?? [:] { both[k, default: 0] += v }
        return Self.best(both) ?? ""
    }

    /// The mean box of `text`'s referents in the other half, else of every reference there,
    /// else of every reference; in pixels of a `width` × `height` image.
    func meanBox(_ text: String?, half: Int, width: Int, height: Int) -> EdgeBox {
        let other = boxes[1 - half]
        let e = text.flatMap { other["\u{1}" + $0] } ?? other[""] ?? boxes[half][""] ?? ([0, 0, 1, 1], 1)
        let m = e.0.map { $0 / Double(max(e.1, 1)) }
        let w = Double(width)
        let h = Double(height)
        return EdgeBox(x1: m[0] * w, y1: m[1] * h, x2: m[2] * w, y2: m[3] * h)
    }

    /// The text-only score of a text: over its tokens, log((in true captions + 1) / (in negatives + 1)).
    func plausibility(_ text: String, half: Int) -> Double {
        Self.tokens(text).reduce(0.0) { sum, t in
            let c = tokens[1 - half][t] ?? (0, 0)
            return sum + log(Double(c.truth + 1) / Double(c.negative + 1))
        }
    }

    /// Lowercase words; a word with non-ASCII letters (Chinese) counts each character.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            if word.unicodeScalars.allSatisfy(\.isASCII) {
                out.append(String(word))
            } else {
                out += word.map { String($0) }
            }
        }
        return out
    }
}
