/// A small dense simplex for the shares of ``FormWeights``: maximise c·x subject to A x <= b
/// and x >= 0, where b >= 0 (so the origin is feasible and no first phase is needed). The
/// column with the most negative reduced cost enters (Dantzig's rule, few pivots); after a run
/// of pivots that do not improve the objective, the lowest index enters and leaves (Bland's
/// rule), which rules out cycling. Deterministic: the same program gives the same solution on
/// every machine.
enum LinearProgram {
    /// The optimum; nil if the program is unbounded or the pivot limit is reached.
    static func maximize(_ c: [Double], _ a: [[Double]], _ b: [Double], pivotLimit: Int = 100_000) -> [Double]? {
        let m = a.count
        let n = c.count
        let width = n + m + 1
        // Rows 0..<m are the constraints with their slacks; row m is the objective; the last
        // column is the right-hand side.
        var t = [Double](repeating: 0, count: (m + 1) * width)
        for i in 0..<m {
            for j in 0..<n { t[i * width + j] = a[i][j] }
            t[i * width + n + i] = 1
            t[i * width + width - 1] = max(0, b[i])
        }
        for j in 0..<n { t[m * width + j] = -c[j] }
        var basis = (0..<m).map { n + $0 }
        let epsilon = 1e-11
        var pivots = 0
        var stalled = 0
        while true {
            var e = -1
            if stalled < 50 {
                var most = -epsilon
                for j in 0..<(n + m) where t[m * width + j] < most {
                    most = t[m * width + j]
                    e = j
                }
            } else {
                e = (0..<(n + m)).first(where: { t[m * width + $0] < -epsilon }) ?? -1
            }
            guard e >= 0 else { break }
            var leave = -1
            var best = Double.infinity
            for i in 0..<m where t[i * width + e] > epsilon {
                let ratio = t[i * width + width - 1] / t[i * width + e]
                if ratio < best - epsilon || (ratio <= best + epsilon && leave >= 0 && basis[i] < basis[leave]) {
                    best = min(best, ratio)
                    leave = i
                }
            }
            stalled = best > epsilon ? 0 : stalled + 1
            guard leave >= 0, pivots < pivotLimit else { return nil }
            pivots += 1
            let p = t[leave * width + e]
            for j in 0..<width { t[leave * width + j] /= p }
            for i in 0...m where i != leave {
                let f = t[i * width + e]
                if f == 0 { continue }
                for j in 0..<width { t[i * width + j] -= f * t[leave * width + j] }
            }
            basis[leave] = e
        }
        var x = [Double](repeating: 0, count: n)
        for i in 0..<m where basis[i] < n { x[basis[i]] = t[i * width + width - 1] }
        return x
    }
}
