import SceneModel
import Synchronization

/// How strongly each family prefers each target answer, so that answers come out about
/// uniformly across a dataset although scenes make some far more often possible than others
/// (small counts, solid fills). A family still chooses its answer first among those the scene
/// makes possible (balance by construction); these weights tilt that choice toward the answers
/// the plan rarely makes possible. They are fitted once per plan (`fit(_:)`) from the answers
/// a fixed set of the plan's own scenes make possible, so they depend on the plan alone.
///
/// Keys: a count is its number; an attribute value its index among the vocabulary's single
/// filters (colors, shapes, sizes, fills); a yes/no family's answers are 1 (yes) and 0 (no).
public struct AnswerWeights: Sendable {
    /// Per family (`QuestionFamily.allCases` order), weight by answer key; a key not listed
    /// weighs 1.
    var tables: [[Int: Double]]
    /// Per family (`QuestionFamily.allCases` order), for a family that chooses a question's
    /// form first (``FormWeights``); empty for the others.
    var formTables: [FormWeights] = []
    /// Set only while measuring which answers are possible (``QuestionEngine/possibleAnswers``).
    let recorder: AnswerRecorder?

    /// Every answer weighs the same: uniform among the answers a scene makes possible.
    public static let uniform = AnswerWeights(tables: [], recorder: nil)

    init(tables: [[Int: Double]], recorder: AnswerRecorder?) {
        self.tables = tables
        self.recorder = recorder
    }

    func weight(_ family: QuestionFamily, _ key: Int) -> Double {
        let f = family.ordinal
        return f < tables.count ? tables[f][key] ?? 1 : 1
    }

    /// The weights of a family's answers, by key in ascending order (for reports and tests).
    public func weights(_ family: QuestionFamily) -> [(key: Int, weight: Double)] {
        let f = family.ordinal
        guard f < tables.count else { return [] }
        return tables[f].keys.sorted().map { ($0, tables[f][$0] ?? 1) }
    }

    /// The form weights of a family that chooses a form first (empty for other families).
    public func forms(_ family: QuestionFamily) -> FormWeights {
        let f = family.ordinal
        return f < formTables.count ? formTables[f] : FormWeights()
    }

    func weight(_ family: QuestionFamily, form: Int, _ key: Int) -> Double {
        let f = family.ordinal
        return f < formTables.count ? formTables[f].answers[form]?[key] ?? 1 : 1
    }

    /// Weights given per family, as ``weights(_:)`` and ``forms(_:)`` list them (a stored
    /// fit); families not given weigh every answer the same.
    public init(
        _ given: [(family: QuestionFamily, weights: [(key: Int, weight: Double)])],
        forms: [(family: QuestionFamily, weights: FormWeights)] = []
    ) {
        var tables = [[Int: Double]](repeating: [:], count: QuestionFamily.allCases.count)
        for (family, weights) in given {
            for (key, weight) in weights { tables[family.ordinal][key] = weight }
        }
        self.init(tables: tables, recorder: nil)
        if !forms.isEmpty {
            formTables = [FormWeights](repeating: FormWeights(), count: QuestionFamily.allCases.count)
            for (family, weights) in forms { formTables[family.ordinal] = weights }
        }
    }

    /// What one calibration scene allowed a family: for a family that chooses among possible
    /// answers, the answer keys it chose among; for a yes/no family, whether it could build a
    /// question with answer yes and with answer no.
    public enum Observation: Sendable {
        case choices([Int])
        case truth(yes: Bool, no: Bool)
        /// For a family that chooses a form first: every form the scene offered, with its keys.
        case forms([(form: Int, keys: [Int])])
    }

    /// Weights under which the answers of each family come out as close to uniform as the
    /// observations allow. For a family choosing among possible answers: each observation is
    /// a set S of possible answers, from which answer a is chosen with probability
    /// w(a) / sum of w over S; the expected share of a over all observations is pushed toward
    /// 1/K (K the answers seen) by multiplicative updates (iterative proportional fitting). An
    /// answer possible in fewer than 1/K of the observations cannot reach its share; its weight
    /// stops at `maximumRatio` times the smallest. For a yes/no family, each answer's weight is
    /// one over the rate at which a question with it could be built.
    public static func fit(
        _ observations: [(QuestionFamily, [Observation])], iterations: Int = 50, maximumRatio: Double = 1000
    ) -> AnswerWeights {
        var tables = [[Int: Double]](repeating: [:], count: QuestionFamily.allCases.count)
        var formTables = [FormWeights](repeating: FormWeights(), count: QuestionFamily.allCases.count)
        for (family, list) in observations {
            var sets: [[Int]] = []
            var forms: [[(form: Int, keys: [Int])]] = []
            var truth = (yes: 0, no: 0, probes: 0)
            for o in list {
                switch o {
                case .choices(let keys) where !keys.isEmpty: sets.append(keys)
                case .choices: break
                case .forms(let offered): forms.append(offered)
                case .truth(let yes, let no):
                    truth.probes += 1
                    if yes { truth.yes += 1 }
                    if no { truth.no += 1 }
                }
            }
            if truth.probes > 0, truth.yes > 0, truth.no > 0 {
                tables[family.ordinal] = [
                    1: Double(truth.probes) / Double(truth.yes), 0: Double(truth.probes) / Double(truth.no),
                ]
            }
            if !sets.isEmpty {
                tables[family.ordinal] = fitChoices(sets, iterations: iterations, maximumRatio: maximumRatio)
            }
            if !forms.isEmpty {
                formTables[family.ordinal] = FormWeights.fit(
                    forms, iterations: FormWeights.iterations, maximumRatio: FormWeights.maximumRatio)
            }
        }
        var fitted = AnswerWeights(tables: tables, recorder: nil)
        if formTables.contains(where: { !$0.answers.isEmpty }) { fitted.formTables = formTables }
        return fitted
    }

    static func fitChoices(_ sets: [[Int]], iterations: Int, maximumRatio: Double) -> [Int: Double] {
        // Dense indices for the keys, in ascending key order.
        var seen: Set<Int> = []
        for s in sets { seen.formUnion(s) }
        let keys = seen.sorted()
        var index: [Int: Int] = [:]
        for (i, k) in keys.enumerated() { index[k] = i }
        let dense = sets.map { $0.compactMap { index[$0] } }
        let target = 1 / Double(keys.count)
        var w = [Double](repeating: 1, count: keys.count)
        var share = [Double](repeating: 0, count: keys.count)
        for _ in 0..<iterations {
            for i in share.indices { share[i] = 0 }
            for s in dense {
                var total = 0.0
                for a in s { total += w[a] }
                for a in s { share[a] += w[a] / total }
            }
            for a in w.indices {
                let m = share[a] / Double(dense.count)
                if m > 0 { w[a] *= target / m }
            }
            let floor = (w.min() ?? 1)
            for a in w.indices { w[a] = min(w[a] / floor, maximumRatio) }
        }
        var out: [Int: Double] = [:]
        for (i, k) in keys.enumerated() { out[k] = w[i] }
        return out
    }
}

/// Collects, while a family builds one question, the answer keys it chose among; and, for a
/// yes/no family, forces its target answer. Used only by ``QuestionEngine/possibleAnswers``.
final class AnswerRecorder: Sendable {
    struct State {
        var keys: [Int]?
        var forms: [(form: Int, keys: [Int])]?
        var forcedTruth: Bool?
    }
    let state = Mutex(State())

    func record(_ keys: [Int]) { state.withLock { $0.keys = keys } }
    func record(forms: [(form: Int, keys: [Int])]) { state.withLock { $0.forms = forms } }
    /// What the last build recorded, and clears it.
    func take() -> AnswerWeights.Observation? {
        state.withLock { s in
            defer {
                s.keys = nil
                s.forms = nil
            }
            if let forms = s.forms { return .forms(forms) }
            return s.keys.map { .choices($0) }
        }
    }
    var forcedTruth: Bool? {
        get { state.withLock { $0.forcedTruth } }
        set { state.withLock { $0.forcedTruth = newValue } }
    }
}

extension QuestionFamily {
    /// The family's place in `allCases`.
    var ordinal: Int { QuestionFamily.allCases.firstIndex(of: self) ?? 0 }

    /// Families whose answer is yes or no, chosen by a weighted coin.
    var isYesNo: Bool {
        switch self {
        case .exist, .compareCount, .compareAttribute, .relateExist, .overlapExist, .frontExist, .textExist: true
        default: false
        }
    }
}
