import SceneModel

/// What the captions of one image say, decided once for every language: the groups of objects
/// (left to right) at each level of detail, the largest object, and one relation between two
/// nameable objects. Captions and hard negatives are both rendered from it.
public struct CaptionPlan: Sendable {
    public struct Group: Hashable, Sendable {
        public var count: Int
        public var parts: PhraseParts
    }

    public struct Statement: Hashable, Sendable {
        public var subject: Referent
        public var direction: Relations.Direction
        public var anchor: Referent
    }

    public var detailed: [Group]
    public var byColorAndShape: [Group]
    public var byShape: [Group]
    public var total: Int
    public var largest: Int?
    public var relation: Statement?
    /// What the captions say about the scene's text; nil when it has none.
    public var lettering: CaptionLettering?

    public init(_ facts: SceneFacts, rng: inout Xoshiro256) {
        self.init(groupsOf: facts)
        guard facts.isDescribable, facts.count >= 2 else { return }
        // Two objects nameable by attributes alone (the first two found in a random order), and
        // the relation between them.
        var order = Array(0..<facts.count)
        rng.shuffle(&order)
        var named: [(Int, Referent)] = []
        for i in order where named.count < 2 {
            if let f = ReferringExpressions.attributes(i, facts, &rng) { named.append((i, .filter(f))) }
        }
        guard named.count == 2 else { return }
        let (a, b) = (named[0], named[1])
        let horizontal = rng.coin()
        let options: [Relations.Direction] = horizontal ? [.left, .right] : [.above, .below]
        guard let d = options.first(where: { facts.related(b.0, $0).contains(a.0) }) else { return }
        relation = Statement(subject: a.1, direction: d, anchor: b.1)
    }

    /// The groups, total and largest object alone, without a relation (what a twin's caption
    /// takes from its own scene).
    public init(groupsOf facts: SceneFacts) {
        let scene = facts.scene
        // Left to right by the positions the facts already hold (ties cannot occur).
        let ordered = (0..<scene.objects.count).sorted {
            (facts.positions.count > max($0, $1) ? (facts.positions[$0].x, $0) < (facts.positions[$1].x, $1) : $0 < $1)
        }.map { scene.objects[$0] }
        func groups(_ key: (SceneObject) -> PhraseParts) -> [Group] {
            var out: [Group] = []
            for o in ordered {
                let k = key(o)
                if let i = out.firstIndex(where: { $0.parts == k }) {
                    out[i].count += 1
                } else {
                    out.append(Group(count: 1, parts: k))
                }
            }
            return out
        }
        detailed = groups { PhraseParts($0) }
        byColorAndShape = groups { PhraseParts(color: $0.color.name, shape: $0.shape) }
        byShape = groups { PhraseParts(shape: $0.shape) }
        total = scene.objects.count
        largest = facts.areas.indices.max {
            facts.areas[$0] < facts.areas[$1] || (facts.areas[$0] == facts.areas[$1] && $0 > $1)
        }
        relation = nil
    }
}
