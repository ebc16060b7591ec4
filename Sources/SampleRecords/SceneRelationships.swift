import Describer

/// The spatial relations between a scene's objects as lists of object indices: `left[i]` holds
/// the objects left of object `i`, and so on. Exactly what the program step `relate` returns,
/// read from ``SceneFacts`` (which decides them with ``Relations``, the one definition of
/// spatial words): writers state them (CLEVR's `relationships`) without deciding anything.
public struct SceneRelationships: Sendable, Hashable {
    public var left: [[Int]]
    public var right: [[Int]]
    public var above: [[Int]]
    public var below: [[Int]]
    /// `inside[i]`: the objects inside object `i`.
    public var inside: [[Int]]
    /// `containing[i]`: the objects holding object `i`.
    public var containing: [[Int]]
    public var overlapping: [[Int]]
    /// `nearest[i]`: the object clearly nearest to object `i`, or none.
    public var nearest: [[Int]]

    /// The relations of the facts' scene; nil for scenes of more than 64 objects (the facts
    /// hold object sets as 64-bit masks).
    public init?(_ facts: SceneFacts) {
        guard facts.count <= 64 else { return nil }
        let objects = 0..<facts.count
        left = objects.map { Array(facts.related($0, .left)) }
        right = objects.map { Array(facts.related($0, .right)) }
        above = objects.map { Array(facts.related($0, .above)) }
        below = objects.map { Array(facts.related($0, .below)) }
        inside = objects.map { Array(facts.inside[$0]) }
        containing = objects.map { Array(facts.containing[$0]) }
        overlapping = objects.map { Array(facts.overlapping[$0]) }
        nearest = objects.map { facts.nearest[$0].map { [$0] } ?? [] }
    }
}
