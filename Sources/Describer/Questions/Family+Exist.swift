import SceneModel

extension QuestionEngine {
    /// "Is there a red circle?": yes names one or two attributes of a real object; no changes
    /// one of them to a value nothing in the scene has (a near miss).
    func exist(_ c: QuestionContext, _ rng: inout Xoshiro256) -> QuestionSpec? {
        let facts = c.facts
        let target = truth(.exist, &rng)
        guard let i = rng.pick(0..<facts.count) else { return nil }
        let o = facts.object(i)
        var filter: ObjectFilter?
        let masks = AttributeMask.oneOrTwo
        if target {
            filter = rng.pick(masks).map { ObjectFilter.of(o, mask: $0) }
        } else {
            for _ in 0..<12 {
                guard let mask = rng.pick(masks) else { break }
                var f = ObjectFilter.of(o, mask: mask)
                switch rng.int(in: 0...3) {
                case 0 where f.color != nil: f.color = rng.pick(vocabulary.colors)
                case 1 where f.shape != nil: f.shape = rng.pick(vocabulary.shapes)
                case 2 where f.size != nil: f.size = rng.pick(vocabulary.sizes)
                case 3 where f.fill != nil: f.fill = rng.pick(vocabulary.fills)
                default: continue
                }
                if facts.filter(facts.all, f).isEmpty {
                    filter = f
                    break
                }
            }
        }
        guard let f = filter, f.attributeCount > 0 else { return nil }
        var p = Program()
        p.add(.exist, [p.addFilter(f)])
        return spec(.exist, .exist, p, .boolean(target), [.x: .filter(f)])
    }
}
