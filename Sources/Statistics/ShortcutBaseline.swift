/// Blind baselines: how well questions can be answered from their text alone, never looking
/// at the image. A high score means a model can learn the dataset's answer priors instead of
/// looking, which is the shortcut VQA datasets are known for; users need the number before
/// training on the questions.
///
/// Method (docs/STATS.md): a deterministic split by sample index; samples with an even index
/// fit the baselines, samples with an odd index evaluate them. The *question* baseline answers
/// each exact question string with the answer it had most often in the fitting half (a string
/// never seen there gets its family's answer); the *family* baseline answers every question of
/// a family with the family's most frequent fitting answer. Ties go to the answer first in byte
/// order. Both are compared with chance (one over the family's distinct answers) and with the
/// majority-class rate (the share of the family's most common answer in the evaluation half).
/// The same baselines fitted and scored on all samples ("in sample", train = test) are an upper
/// bound, reported too.
///
/// Memory: one small entry per distinct question string (keyed by a 64-bit digest) and per
/// family answer; nothing per question.
public struct ShortcutBaseline: Sendable {
    struct Split: Sendable {
        var fit = 0
        var eval = 0
        var all: Int { fit + eval }
    }
    struct Entry: Sendable {
        var family: Int32
        var answer: Int32
        var split: Split
    }

    private var answerIDs: [String: Int32] = [:]
    private var answers: [String] = []
    private var familyIDs: [String: Int32] = [:]
    private var families: [String] = []
    /// Per family id: per answer id, the counts in each half.
    private var familyAnswers: [[Int32: Split]] = []
    /// Per question digest: per (family, answer), the counts in each half.
    private var questions: [UInt64: [Entry]] = [:]

    public init() {}

    private mutating func answerID(_ a: String) -> Int32 {
        if let id = answerIDs[a] { return id }
        let id = Int32(answers.count)
        answers.append(a)
        answerIDs[a] = id
        return id
    }

    private mutating func familyID(_ f: String) -> Int32 {
        if let id = familyIDs[f] { return id }
        let id = Int32(families.count)
        families.append(f)
        familyIDs[f] = id
        familyAnswers.append([:])
        return id
    }

    /// Counts one question; `fit` says which half its sample is in.
    public mutating func add(question: String, family: String, answer: String, fit: Bool) {
        let f = familyID(family)
        let a = answerID(answer)
        if fit {
            familyAnswers[Int(f)][a, default: Split()].fit += 1
        } else {
            familyAnswers[Int(f)][a, default: Split()].eval += 1
        }
        let key = digest(question)
        var list = questions[key] ?? []
        if let i = list.firstIndex(where: { $0.family == f && $0.answer == a }) {
            if fit { list[i].split.fit += 1 } else { list[i].split.eval += 1 }
        } else {
            list.append(Entry(family: f, answer: a, split: fit ? Split(fit: 1, eval: 0) : Split(fit: 0, eval: 1)))
        }
        questions[key] = list
    }

    /// The answer with the largest count, ties to the first in byte order; nil when all are 0.
    private func best(_ counts: [(Int32, Int)]) -> Int32? {
        var chosen: (Int32, Int)?
        for (a, n) in counts where n > 0 {
            if let c = chosen {
                if n > c.1
                    || (n == c.1 && Array(answers[Int(a)].utf8).lexicographicallyPrecedes(answers[Int(c.0)].utf8))
                {
                    chosen = (a, n)
                }
            } else {
                chosen = (a, n)
            }
        }
        return chosen?.0
    }

    /// Accuracy of both baselines per family and overall.
    public func evaluate() -> ShortcutReport {
        let n = families.count
        var questionCorrect = [Int](repeating: 0, count: n)
        var questionCorrectInSample = [Int](repeating: 0, count: n)
        var unseen = [Int](repeating: 0, count: n)
        var distinctQuestions = [Int](repeating: 0, count: n)
        let familyPrediction = familyAnswers.map { best($0.map { ($0.key, $0.value.fit) }) }
        let familyPredictionAll = familyAnswers.map { best($0.map { ($0.key, $0.value.all) }) }
        for (_, list) in questions {
            // A question string's prediction pools its answers over families (the text alone).
            var pooledFit: [Int32: Int] = [:]
            var pooledAll: [Int32: Int] = [:]
            for e in list {
                pooledFit[e.answer, default: 0] += e.split.fit
                pooledAll[e.answer, default: 0] += e.split.all
            }
            let prediction = best(pooledFit.map { ($0.key, $0.value) })
            let predictionAll = best(pooledAll.map { ($0.key, $0.value) })
            var familiesSeen = Set<Int32>()
            for e in list {
                let f = Int(e.family)
                if familiesSeen.insert(e.family).inserted { distinctQuestions[f] += 1 }
                if let prediction {
                    if e.answer == prediction { questionCorrect[f] += e.split.eval }
                } else {
                    unseen[f] += e.split.eval
                    if e.answer == familyPrediction[f] { questionCorrect[f] += e.split.eval }
                }
                if e.answer == predictionAll { questionCorrectInSample[f] += e.split.all }
            }
        }
        var rows: [ShortcutReport.Family] = []
        for f in 0..<n {
            let counts = familyAnswers[f]
            let evalTotal = counts.values.reduce(0) { $0 + $1.eval }
            let allTotal = counts.values.reduce(0) { $0 + $1.all }
            let familyCorrect = familyPrediction[f].map { counts[$0]?.eval ?? 0 } ?? 0
            let familyCorrectInSample = familyPredictionAll[f].map { counts[$0]?.all ?? 0 } ?? 0
            let majorityEval = counts.values.map(\.eval).max() ?? 0
            rows.append(
                ShortcutReport.Family(
                    name: families[f], questions: allTotal, evaluated: evalTotal, distinctAnswers: counts.count,
                    distinctQuestions: distinctQuestions[f], unseenEvaluated: unseen[f],
                    questionCorrect: questionCorrect[f], familyCorrect: familyCorrect,
                    questionCorrectInSample: questionCorrectInSample[f],
                    familyCorrectInSample: familyCorrectInSample, majorityEvaluated: majorityEval,
                    familyAnswer: familyPrediction[f].map { answers[Int($0)] }))
        }
        rows.sort { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }
        return ShortcutReport(families: rows)
    }
}

/// The blind baselines' scores for one language.
public struct ShortcutReport: Sendable, Equatable {
    public struct Family: Sendable, Equatable {
        public var name: String
        /// Questions of the family, both halves.
        public var questions: Int
        /// Questions in the evaluation half (odd sample indices).
        public var evaluated: Int
        public var distinctAnswers: Int
        public var distinctQuestions: Int
        /// Evaluated questions whose exact string never occurred in the fitting half.
        public var unseenEvaluated: Int
        public var questionCorrect: Int
        public var familyCorrect: Int
        public var questionCorrectInSample: Int
        public var familyCorrectInSample: Int
        /// Count of the most common answer among the evaluated questions.
        public var majorityEvaluated: Int
        /// What the family baseline answers (nil when the fitting half had none of the family).
        public var familyAnswer: String?

        public var questionAccuracy: Double { ratio(questionCorrect, evaluated) }
        public var familyAccuracy: Double { ratio(familyCorrect, evaluated) }
        public var questionAccuracyInSample: Double { ratio(questionCorrectInSample, questions) }
        public var familyAccuracyInSample: Double { ratio(familyCorrectInSample, questions) }
        public var chance: Double { distinctAnswers == 0 ? 0 : 1 / Double(distinctAnswers) }
        public var majorityRate: Double { ratio(majorityEvaluated, evaluated) }
    }

    /// By family name.
    public var families: [Family]

    public var questions: Int { families.reduce(0) { $0 + $1.questions } }
    public var evaluated: Int { families.reduce(0) { $0 + $1.evaluated } }
    public var questionAccuracy: Double { ratio(families.reduce(0) { $0 + $1.questionCorrect }, evaluated) }
    public var familyAccuracy: Double { ratio(families.reduce(0) { $0 + $1.familyCorrect }, evaluated) }
    public var questionAccuracyInSample: Double {
        ratio(families.reduce(0) { $0 + $1.questionCorrectInSample }, questions)
    }
    public var familyAccuracyInSample: Double { ratio(families.reduce(0) { $0 + $1.familyCorrectInSample }, questions) }
    /// Chance over all evaluated questions: each family's chance weighted by its evaluated count.
    public var chance: Double {
        evaluated == 0 ? 0 : families.reduce(0.0) { $0 + $1.chance * Double($1.evaluated) } / Double(evaluated)
    }
    /// The majority-class rate over all evaluated questions (each family's majority answer).
    public var majorityRate: Double { ratio(families.reduce(0) { $0 + $1.majorityEvaluated }, evaluated) }
}

func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
