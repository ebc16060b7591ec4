/// The weights of a family that balances its answers within each form of question. A form is
/// what a question says regardless of the scene ("how many things", "how many red things",
/// "how many things of one size and color"). Balancing answers over the whole family leaves
/// each form with its own answers ("how many things" is large, "how many red circles" is one),
/// so a question's words give its answer away: a blind model scores far above chance (the
/// question-only prior, docs/STATS.md). Here a question is drawn as a (form, answer key) pair
/// among those the scene offers, by the pair's weight, then uniformly among the questions with
/// that pair; the weights even the answers within each form, and mix the forms so that the
/// family's answers stay even too.
public struct FormWeights: Sendable, Equatable {
    /// Per form, weight of each answer key (a pair not listed weighs 1).
    public var answers: [Int: [Int: Double]] = [:]

    public init(answers: [Int: [Int: Double]] = [:]) { self.answers = answers }

    /// The share of the pairs' mix that stays that of step (1), every form even, so that no
    /// kind of question vanishes from a plan's data.
    public static let evenShare = 0.1
    /// How far an answer's family share may exceed uniform (the target's 5 points, less two points
    /// of margin: the fitted weights reach the program's shares only approximately).
    public static let shareSlack = 0.03
    /// The largest ratio of two pairs' weights. Far above a family's (1000): a form's pairs
    /// must be weighed against every other form's, and the linear program already keeps
    /// rarely offered pairs from taking more than the scenes give.
    static let maximumRatio = 1e6
    /// Iterations of each proportional fit (a form's pairs converge more slowly than a
    /// family's answers: their weights span a far wider range).
    static let iterations = 200
    /// Rounds of step (2) and (3), each with the rates the previous round reached.
    static let rounds = 5

    /// Weights fitted from calibration observations: for each scene, each form the scene
    /// offered with the answer keys it made possible there.
    ///
    /// Each observation chooses a pair with probability its weight over the weights of its
    /// pairs. (1) Iterative proportional fitting (``proportionalFit(_:targets:from:iterations:maximumRatio:)``)
    /// toward every form even and its answers even within it gives e, the shares as far as the
    /// scenes allow. (2) A linear program (``leastBlindShares(reachable:formOf:forms:keyOf:keys:)``)
    /// chooses shares x: least blind accuracy sum_f max_a x(f, a) (a model that knows a
    /// question's form answers the form's most frequent answer), each answer's family share
    /// within 1/K + `shareSlack` (K the answers seen), no pair beyond the rate at which the
    /// scenes offer it. (3) The weights are fitted toward (1 - `evenShare`) x + `evenShare` e.
    /// Steps (2) and (3) run `rounds` times, each from what the last one reached: a pair
    /// offered beside other rarely offered pairs reaches less than its rate, so its rate is
    /// lowered to what it reached; and every scene asks something, so scenes that offer only
    /// common answers push those answers over their bound, whose targets are then tilted down
    /// by the ratio of bound to share. The same observations give the same weights on every
    /// machine.
    static func fit(_ observations: [[(form: Int, keys: [Int])]], iterations: Int, maximumRatio: Double)
        -> FormWeights
    {
        // Dense pair indices, in (form, key) order.
        var seen: Set<[Int]> = []
        for scene in observations { for (form, keys) in scene { for k in keys { seen.insert([form, k]) } } }
        let pairs = seen.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        guard !pairs.isEmpty else { return FormWeights() }
        var index: [[Int]: Int] = [:]
        for (i, p) in pairs.enumerated() { index[p] = i }
        let sets: [[Int]] = observations.compactMap { scene in
            let s = scene.flatMap { o in o.keys.compactMap { index[[o.form, $0]] } }
            return s.isEmpty ? nil : s
        }
        let forms = Array(Set(pairs.map { $0[0] })).sorted()
        let formOf = pairs.map { p in forms.firstIndex(of: p[0]) ?? 0 }
        let answerKeys = Array(Set(pairs.map { $0[1] })).sorted()
        let keyOf = pairs.map { p in answerKeys.firstIndex(of: p[1]) ?? 0 }
        var perForm = [Double](repeating: 0, count: forms.count)
        for f in formOf { perForm[f] += 1 }
        var rate = [Double](repeating: 0, count: pairs.count)
        for s in sets { for p in s { rate[p] += 1 / Double(sets.count) } }

        let even = formOf.map { 1 / Double(forms.count) / perForm[$0] }
        let start = Self.proportionalFit(
            sets, targets: even, from: nil, iterations: iterations, maximumRatio: maximumRatio)
        let e = Self.shares(sets, start)
        var reachable = rate
        var tilt = [Double](repeating: 1, count: answerKeys.count)
        let bound = 1 / Double(answerKeys.count) + shareSlack
        var w = start
        for _ in 0..<rounds {
            let x =
                Self.leastBlindShares(
                    reachable: reachable, formOf: formOf, forms: forms.count, keyOf: keyOf, keys: answerKeys.count)
                ?? e
            var targets = pairs.indices.map { ((1 - evenShare) * x[$0] + evenShare * e[$0]) * tilt[keyOf[$0]] }
            let total = targets.reduce(0, +)
            targets = targets.map { $0 / total }
            w = Self.proportionalFit(
                sets, targets: targets, from: start, iterations: iterations, maximumRatio: maximumRatio)
            let reached = Self.shares(sets, w)
            for p in pairs.indices where reached[p] < 0.98 * targets[p] {
                reachable[p] = min(reachable[p], reached[p])
            }
            var family = [Double](repeating: 0, count: answerKeys.count)
            for p in pairs.indices { family[keyOf[p]] += reached[p] }
            for k in family.indices where family[k] > bound { tilt[k] *= bound / family[k] }
        }
        var answers: [Int: [Int: Double]] = [:]
        for (i, p) in pairs.enumerated() { answers[p[0], default: [:]][p[1]] = w[i] }
        return FormWeights(answers: answers)
    }

    /// Step (2) of ``fit``: shares x per pair (summing to 1), or nil when the program places
    /// no mass. Variables x (one per pair) then t (one per form); maximise 10 sum x - sum t
    /// (placing mass outweighs any blind accuracy, at most 1 per unit of mass) subject to
    /// x_p <= reachable_p, x_p <= t of its form, each answer's sum of x <= 1/K + `shareSlack`,
    /// sum x <= 1. Where the scenes cannot place all the mass within that bound, the bound is
    /// raised a point at a time until they can: the family's answers as even as the plan
    /// allows come first.
    static func leastBlindShares(reachable: [Double], formOf: [Int], forms: Int, keyOf: [Int], keys: Int)
        -> [Double]?
    {
        var slack = shareSlack
        while slack < 1 {
            if let x = leastBlindShares(
                reachable: reachable, formOf: formOf, forms: forms, keyOf: keyOf, keys: keys,
                bound: 1 / Double(keys) + slack)
            {
                return x
            }
            slack += 0.01
        }
        return nil
    }

    /// One program of ``leastBlindShares(reachable:formOf:forms:keyOf:keys:)``; nil unless it
    /// places all the mass.
    static func leastBlindShares(
        reachable: [Double], formOf: [Int], forms: Int, keyOf: [Int], keys: Int, bound: Double
    ) -> [Double]? {
        let pairs = reachable.count
        let n = pairs + forms
        var a: [[Double]] = []
        var b: [Double] = []
        for p in 0..<pairs {
            var row = [Double](repeating: 0, count: n)
            row[p] = 1
            a.append(row)
            b.append(reachable[p])
            row[pairs + formOf[p]] = -1
            a.append(row)
            b.append(0)
        }
        for k in 0..<keys {
            var row = [Double](repeating: 0, count: n)
            for p in 0..<pairs where keyOf[p] == k { row[p] = 1 }
            a.append(row)
            b.append(bound)
        }
        a.append((0..<n).map { $0 < pairs ? 1 : 0 })
        b.append(1)
        guard let solution = LinearProgram.maximize((0..<n).map { $0 < pairs ? 10 : -1 }, a, b) else { return nil }
        let x = Array(solution[0..<pairs])
        let total = x.reduce(0, +)
        return total > 1 - 1e-9 ? x.map { $0 / total } : nil
    }

    /// The expected share of each pair when every set chooses by weight.
    static func shares(_ sets: [[Int]], _ w: [Double]) -> [Double] {
        var share = [Double](repeating: 0, count: w.count)
        for s in sets {
            var total = 0.0
            for a in s { total += w[a] }
            for a in s { share[a] += w[a] / total / Double(sets.count) }
        }
        return share
    }

    /// Weights whose shares approach `targets` (multiplicative updates; a pair whose share or
    /// target is zero keeps its weight), normalised to a smallest weight of 1 and capped.
    static func proportionalFit(
        _ sets: [[Int]], targets: [Double], from start: [Double]?, iterations: Int, maximumRatio: Double
    ) -> [Double] {
        var w = start ?? [Double](repeating: 1, count: targets.count)
        for _ in 0..<iterations {
            let share = shares(sets, w)
            for a in w.indices where share[a] > 0 && targets[a] > 0 { w[a] *= targets[a] / share[a] }
            let floor = w.min() ?? 1
            for a in w.indices { w[a] = min(w[a] / floor, maximumRatio) }
        }
        return w
    }
}
