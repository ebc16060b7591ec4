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

    public static func outcome(_ program: Program, on facts: SceneFacts) -> Outcome {
        var values: [ProgramValue] = []
        values.reserveCapacity(program.nodes.count)
        for node in program.nodes {
            guard node.inputs.allSatisfy({ $0 >= 0 && $0 < values.count }) else { return .undecided }
            guard let v = step(node.function, node.inputs, node.value, values, facts) else {
                // A `nearest` step gives no object when the nearest is not clear: undecided.
                if node.function == .unique, let i = node.inputs.first, case .objects(let s) = values[i], s.count != 1,
                    !(program.nodes[i].function == .relate && program.nodes[i].value == Referent.nearestValue)
                {
                    return .referentFails
                }
                return .undecided
            }
            values.append(v)
        }
        guard let last = values.last else { return .undecided }
        return .value(last)
    }
}
