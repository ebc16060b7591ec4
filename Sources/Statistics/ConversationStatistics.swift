import Describer
import Foundation
import SampleRecords

/// Conversations of one language: how many, their turns by kind, the turns a plan asked for
/// that scenes could not give (shortfall), distinct turn strings per kind, and the answers of
/// question turns per family (their balance: each answer's count, normalised entropy).
public struct ConversationStatistics: Sendable {
    public var conversations = 0
    public var turns = 0
    public var shortfall = 0
    public var turnsPerKind = Tally()
    public var answersPerFamily: [String: Tally] = [:]
    /// Verification answers (yes/no) and false premises.
    public var verifyAnswers = Tally()
    var userStrings: [String: Set<UInt64>] = [:]
    var assistantStrings: [String: Set<UInt64>] = [:]

    public init() {}

    mutating func add(_ c: Conversation) {
        conversations += 1
        shortfall += c.shortfall
        for t in c.turns {
            turns += 1
            turnsPerKind.add(t.kind)
            userStrings[t.kind, default: []].insert(digest(t.question))
            assistantStrings[t.kind, default: []].insert(digest(t.answer))
            if t.kind == "question" { answersPerFamily[t.family, default: Tally()].add(t.value) }
            if t.kind == "verify" { verifyAnswers.add(t.value) }
        }
    }

    public func distinctQuestions(_ kind: String) -> Int { userStrings[kind]?.count ?? 0 }
    public func distinctAnswers(_ kind: String) -> Int { assistantStrings[kind]?.count ?? 0 }

    /// Entropy of the answers over the log of the number of distinct answers (1: uniform).
    public static func normalisedEntropy(_ t: Tally) -> Double {
        guard t.distinct > 1 else { return 0 }
        let n = Double(t.total)
        var h = 0.0
        for (_, c) in t.byKey where c > 0 {
            let p = Double(c) / n
            h -= p * log(p)
        }
        return h / log(Double(t.distinct))
    }

    func json() -> JSONValue {
        var kinds: [(String, JSONValue)] = []
        for (kind, count) in turnsPerKind.byKey {
            kinds.append(
                (
                    kind,
                    .object([
                        "distinct_answers": .int(distinctAnswers(kind)),
                        "distinct_questions": .int(distinctQuestions(kind)),
                        "turns": .int(count),
                    ])
                ))
        }
        var families: [(String, JSONValue)] = []
        for (family, answers) in answersPerFamily.sorted(by: { $0.key < $1.key }) {
            families.append(
                (
                    family,
                    .object([
                        "distinct_answers": .int(answers.distinct),
                        "normalised_entropy": DatasetStatistics.round(Self.normalisedEntropy(answers)),
                        "turns": .int(answers.total),
                        "answers": DatasetStatistics.json(answers),
                    ])
                ))
        }
        return .object([
            "conversations": .int(conversations), "families": .object(JSONObject(families)),
            "kinds": .object(JSONObject(kinds)), "shortfall": .int(shortfall), "turns": .int(turns),
            "verify_answers": DatasetStatistics.json(verifyAnswers),
        ])
    }
}
