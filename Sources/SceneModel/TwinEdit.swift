/// The one change that makes a counterfactual twin from its anchor scene.
///
/// `object` is the anchor's id of the edited object (for `swap`, also `other`); `attribute`,
/// `from` and `to` say what changed in words a reader can check: a color, shape, fill or size
/// class name, or for `swap` the two objects' positions (`from` and `to` the ids in their new
/// order), for `move` the moved object's direction from `other` (`left` to `right`), for
/// `remove` and `add` presence (`present` to `absent`, `absent` to `present`; `object` of an
/// `add` is the new object's id in the twin).
public struct TwinEdit: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case recolor, reshape, refill, resize, swap, remove, move, add
    }

    public var kind: Kind
    public var object: Int
    public var other: Int?
    public var attribute: String
    public var from: String
    public var to: String

    public init(kind: Kind, object: Int, other: Int? = nil, attribute: String, from: String, to: String) {
        self.kind = kind
        self.object = object
        self.other = other
        self.attribute = attribute
        self.from = from
        self.to = to
    }

    /// The anchor's ids of the objects the edit changes (for `add`, the new object's id).
    public var objects: [Int] { kind == .swap ? [object] + (other.map { [$0] } ?? []) : [object] }

    /// The twin's scene: `anchor` with the edit applied, given the edited objects' new versions
    /// (`replacements`, by anchor id; none for `remove`). Ids stay 1...n in z order: after a
    /// removal the later objects' ids move down by one.
    /// `added` is the object an `add` puts on top.
    public static func apply(
        _ kind: Kind, to anchor: Scene, object: Int, replacements: [Int: SceneObject], added: SceneObject? = nil
    ) -> Scene {
        var objects: [SceneObject] = []
        for o in anchor.objects {
            if kind == .remove && o.id == object { continue }
            let v = replacements[o.id] ?? o
            objects.append(v.with(id: objects.count + 1))
        }
        if kind == .add, let added { objects.append(added.with(id: objects.count + 1)) }
        return Scene(
            width: anchor.width, height: anchor.height, background: anchor.background, objects: objects,
            texts: Self.carry(anchor.texts, objects: objects.count) { id in
                kind == .remove ? (id == object ? nil : id > object ? id - 1 : id) : id
            }, backgroundPattern: anchor.backgroundPattern)
    }

    /// Text items as they stand in a scene with `objects` objects: the same text at the same
    /// places, each label naming its object's id there (`id`; a label of an object that is gone
    /// names none), word ids numbered again right after the objects.
    static func carry(_ texts: [TextItem], objects: Int, id: (Int) -> Int?) -> [TextItem] {
        var next = objects + 1
        return texts.map { item in
            var t = item
            t.labels = item.labels.flatMap(id)
            for w in t.words.indices {
                t.words[w].id = next
                next += 1
            }
            return t
        }
    }

    /// The anchor's scene back from the twin's and the anchor's versions of the edited objects
    /// (`before`, anchor ids): the removed object put back at its place in z order, the others
    /// replaced.
    public func restore(_ twin: Scene, before: [SceneObject]) -> Scene {
        var objects = twin.objects
        if kind == .add { objects.removeAll { $0.id == object } }
        if kind == .remove, let removed = before.first(where: { $0.id == object }) {
            objects.insert(removed, at: min(max(object - 1, 0), objects.count))
        }
        objects = objects.enumerated().map { i, o in
            let id = i + 1
            return before.first(where: { $0.id == id && (kind != .remove) }) ?? o.with(id: id)
        }
        return Scene(
            width: twin.width, height: twin.height, background: twin.background, objects: objects,
            texts: Self.carry(twin.texts, objects: objects.count) { id in
                kind == .remove && id >= object ? id + 1 : id
            }, backgroundPattern: twin.backgroundPattern)
    }

    /// The twin's id of an anchor object; nil for the removed one.
    public func twinID(_ anchorID: Int) -> Int? {
        guard kind == .remove else { return anchorID }
        if anchorID == object { return nil }
        return anchorID > object ? anchorID - 1 : anchorID
    }
}

extension SceneObject {
    /// The same object with other attributes (each nil keeps the current one).
    public func with(
        id: Int? = nil, shape: ShapeKind? = nil, color: NamedColor? = nil, size: String? = nil, radius: Double? = nil,
        fill: Fill? = nil, center: Point? = nil
    ) -> SceneObject {
        SceneObject(
            id: id ?? self.id, shape: shape ?? self.shape, color: color ?? self.color, size: size ?? self.size,
            radius: radius ?? self.radius, fill: fill ?? self.fill, center: center ?? self.center,
            rotation: rotation, z: z)
    }
}

extension Relations.Direction {
    /// left and right, above and below exchanged.
    public var opposite: Relations.Direction {
        switch self {
        case .left: .right
        case .right: .left
        case .above: .below
        case .below: .above
        }
    }
}
