import SceneModel

extension QuestionEngine {
    /// An attribute of the object named by its place: "the third thing from the left" (one
    /// row or column), "the circle in the second row", "the thing in the second row and the
    /// third column" or "the thing in the top-right cell" (grids). The answer value is chosen
    /// first among those the places reach.
    func lineQuery(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        guard let rows = facts.rows, let columns = facts.columns else { return nil }
        let attribute = chooseAttribute(&rng)
        var candidates: [(Int, (Int, Referent))] = []
        for i in 0..<facts.count {
            let code = c.valueKey(attribute, i)
            let (r, col) = (rows.index[i], columns.index[i])
            let aloneInRow = facts.inLine(facts.all, .row, r)?.count == 1
            let aloneInColumn = facts.inLine(facts.all, .column, col)?.count == 1
            if rows.count == 1 && aloneInColumn { candidates.append((code, (i, .ordinal(.column, col)))) }
            if columns.count == 1 && aloneInRow { candidates.append((code, (i, .ordinal(.row, r)))) }
            guard rows.count >= 2 && columns.count >= 2 else { continue }
            for (axis, k) in [(LineAxis.row, r), (.column, col)] {
                guard let inLine = facts.inLine(facts.all, axis, k) else { continue }
                for mask in [[]] + AttributeMask.singles where !mask.contains(attribute.mask) {
                    if facts.filter(inLine, like: i, mask: mask).only == i {
                        candidates.append((code, (i, .line(ObjectFilter.of(facts.object(i), mask: mask), axis, k))))
                    }
                }
            }
            candidates.append((code, (i, .cell(ObjectFilter(), row: r, column: col))))
            if (r == 1 || r == rows.count) && (col == 1 || col == columns.count) {
                let corner: Corner =
                    r == 1 ? (col == 1 ? .topLeft : .topRight) : (col == 1 ? .bottomLeft : .bottomRight)
                candidates.append((code, (i, .corner(ObjectFilter(), corner))))
            }
        }
        guard let (_, (i, referent)) = balanced(candidates, &rng, family: .lineQuery) else { return nil }
        return ask(attribute, about: referent, answer: i, family: .lineQuery, facts)
    }
}
