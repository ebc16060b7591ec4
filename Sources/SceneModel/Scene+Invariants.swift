/// A broken rule of the scene model: found by ``Scene/checkInvariants()``.
public struct SceneInvariantViolation: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "invalid scene: \(message)" }
}

extension Scene {
    /// The most objects one scene may hold: the id plane stores ids in one byte.
    public static let maxObjects = 255

    /// Checks the rules every stage relies on: a sane canvas, ids 1...n in order, objects in
    /// `z` order, finite coordinates, positive radii. Called by the sampler, the rasterizer
    /// (on scenes read from records) and tests.
    public func checkInvariants() throws(SceneInvariantViolation) {
        guard width > 0, height > 0, width <= 16384, height <= 16384 else {
            throw SceneInvariantViolation("canvas \(width)x\(height) must be between 1x1 and 16384x16384")
        }
        guard objects.count <= Scene.maxObjects else {
            throw SceneInvariantViolation("\(objects.count) objects; at most \(Scene.maxObjects)")
        }
        for (i, o) in objects.enumerated() {
            guard o.id == i + 1 else {
                throw SceneInvariantViolation("object \(i) has id \(o.id); ids must be 1...\(objects.count) in order")
            }
            if i > 0, objects[i - 1].z > o.z {
                throw SceneInvariantViolation(
                    "object \(o.id) has z \(o.z) below its predecessor's; objects must be in z order")
            }
            guard o.center.x.isFinite, o.center.y.isFinite, o.rotation.isFinite else {
                throw SceneInvariantViolation("object \(o.id) has a non-finite center or rotation")
            }
            guard o.radius.isFinite, o.radius > 0, o.radius <= 4 * Double(max(width, height)) else {
                throw SceneInvariantViolation("object \(o.id) has radius \(o.radius); expected a positive size")
            }
        }
        try checkTextInvariants()
    }
}

extension Scene {
    /// Text items: finite positions, rotations and positive sizes, reading orders unique, and
    /// typeset words numbered after the objects, in order, within the id plane's byte.
    func checkTextInvariants() throws(SceneInvariantViolation) {
        for (i, m) in marks.enumerated() {
            guard m.id == objects.count + 1 + i else {
                throw SceneInvariantViolation("chart mark \(i) has id \(m.id); expected \(objects.count + 1 + i)")
            }
        }
        var next = objects.count + marks.count + 1
        var orders: Set<Int> = []
        for (i, t) in texts.enumerated() {
            guard t.position.x.isFinite, t.position.y.isFinite, t.rotation.isFinite else {
                throw SceneInvariantViolation("text \(i) has a non-finite position or rotation")
            }
            guard t.size.isFinite, t.size > 0, t.size <= Double(max(width, height)) else {
                throw SceneInvariantViolation(
                    "text \(i) has size \(t.size); expected a positive size within the canvas")
            }
            guard orders.insert(t.readingOrder).inserted else {
                throw SceneInvariantViolation("text \(i) repeats reading order \(t.readingOrder)")
            }
            for w in t.words {
                guard w.id == next else {
                    throw SceneInvariantViolation("text \(i): word '\(w.text)' has id \(w.id); expected \(next)")
                }
                next += 1
            }
        }
        guard next - 1 <= Scene.maxObjects else {
            throw SceneInvariantViolation(
                "\(objects.count) objects, \(marks.count) chart marks and \(next - 1 - objects.count - marks.count) words; "
                    + "at most \(Scene.maxObjects) in all")
        }
    }
}
