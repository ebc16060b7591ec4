import SceneModel

extension QuestionEngine {
    /// "How many groups of things are there?" in clusters scenes (``Relations/groups(_:)``).
    func groupCount(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        guard let n = c.facts.groupCount(c.facts.all) else { return nil }
        var p = Program()
        p.add(.countGroups, [p.add(.scene)])
        return spec(.groupCount, .groupCount, p, .integer(n), [.x: .filter(ObjectFilter())])
    }
}
