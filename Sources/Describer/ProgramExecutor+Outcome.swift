import SceneModel

extension ProgramExecutor {
    /// What a program says of a scene, telling apart the two ways it can give no value.
    public enum Outcome: Hashable, Sendable {
        case value(ProgramValue)
        /// A `unique` step got no object or several: what the program names is not in the scene,
        /// or not alone (a counterfactual twin that removed or changed it makes the statement
        /// false). A `unique` after an unclear `nearest` step is undecided instead.
        case referentFails
        /// Any other step had no clear answer (a superlative, nearest object or line within the
        /// margins): the statement is neither true nor false of the scene.
        case undecided
    }

    /// The program run twice: with each relation step giving the objects clearly related,
    /// and giving those plus the objects about which the relation says nothing either way
    /// (``undecided(_:_:_:)``). The outcome is decided when both runs agree. A program without
    /// a relation that can leave objects undecided runs once: its two runs are the same.
    public static func outcome(_ program: Program, on facts: SceneFacts) -> Outcome {
        let narrow = run(program, facts, widening: false)
        guard program.nodes.contains(where: { $0.function == .relate && widens($0.value) }) else { return narrow }
        return narrow == run(program, facts, widening: true) ? narrow : .undecided
    }

    /// Whether ``undecided(_:_:_:)`` can give objects for relation `value`: overlap and the
    /// layering relations; directions and `nearest` say something of every pair.
    static func widens(_ value: String?) -> Bool {
        guard let value, Relations.Direction(rawValue: value) == nil else { return false }
        return value == QuestionEngine.overlappingValue || Relations.Layering(rawValue: value) != nil
    }

    static func run(_ program: Program, _ facts: SceneFacts, widening: Bool) -> Outcome {
        var values: [ProgramValue] = []
        values.reserveCapacity(program.nodes.count)
        for node in program.nodes {
            guard node.inputs.allSatisfy({ $0 >= 0 && $0 < values.count }) else { return .undecided }
            guard var v = step(node.function, node.inputs, node.value, values, facts) else {
                // A `nearest` step gives no object when the nearest is not clear: undecided.
                if node.function == .unique, let i = node.inputs.first, case .objects(let s) = values[i], s.count != 1,
                    !(program.nodes[i].function == .relate && program.nodes[i].value == Referent.nearestValue)
                {
                    return .referentFails
                }
                return .undecided
            }
            if widening, node.function == .relate, let i = node.inputs.first, case .object(let o) = values[i],
                let value = node.value, case .objects(let s) = v
            {
                v = .objects(s.union(undecided(o, value, facts)))
            }
            values.append(v)
        }
        guard let last = values.last else { return .undecided }
        return .value(last)
    }

    /// The objects about which relation `value` of object `o` says nothing either way: neither
    /// clearly overlapping nor clearly apart, of undecided depth, or neither clearly inside nor
    /// clearly outside. A statement that relates
    /// through such a pair is undecided.
    static func undecided(_ o: Int, _ value: String, _ facts: SceneFacts) -> ObjectSet {
        let others = facts.all.removing(o)
        func outside(_ decided: ObjectSet) -> ObjectSet { ObjectSet(bits: others.bits & ~decided.bits) }
        // Directions are two-valued: within the margin is "not" (objects of one line are neither
        // left nor right of each other), and twins keep every pair the anchor decided.
        if Relations.Direction(rawValue: value) != nil { return .empty }
        if value == QuestionEngine.overlappingValue { return outside(facts.overlapping[o].union(facts.apart[o])) }
        switch Relations.Layering(rawValue: value) {
        case .front?, .behind?: return facts.depthUndecided[o]
        case .inside?, .contains?:
            var out = ObjectSet.empty
            let objects = facts.scene.objects
            for b in others where b < objects.count {
                let decided =
                    value == "inside"
                    ? Relations.inside(objects[b], objects[o]) : Relations.inside(objects[o], objects[b])
                if decided == nil { out = out.union(.single(b)) }
            }
            return out
        case nil: return .empty
        }
    }
}
