import SceneModel

/// Everything that decides what scenes look like: read from a YAML plan file
/// (see docs/SCENES.md), validated up front so that sampling never meets a surprise.
public struct ScenePlan: Sendable, Hashable {
    /// A named size class and the radii it draws from.
    public struct SizeClass: Sendable, Hashable {
        public var name: String
        public var radius: ClosedRange<Double>
        public var weight: Double
    }

    /// A choice with a weight.
    public struct Weighted<Value: Sendable & Hashable>: Sendable, Hashable {
        public var value: Value
        public var weight: Double
    }

    public enum LayoutKind: String, Sendable, Hashable, CaseIterable {
        case scatter
    }

    public var name: String
    public var description: String
    /// The file the plan came from, as the user named it (for messages).
    public var source: String
    public var width: Int
    public var height: Int
    public var paletteName: String
    public var backgrounds: [Weighted<NamedColor>]
    public var objectCount: ClosedRange<Int>
    public var shapes: [Weighted<ShapeKind>]
    public var colors: [Weighted<NamedColor>]
    public var fills: [Weighted<Fill>]
    public var sizes: [SizeClass]
    public var rotation: ClosedRange<Double>
    public var layout: LayoutKind
    /// Pixels kept clear at the canvas border.
    public var padding: Double
    /// Largest share of an object's extent that another object's extent may cover.
    public var maxOverlap: Double
    public var minVisiblePixels: Int
    public var minVisibleFraction: Double
    /// Spatial relations' margin in pixels (see ``Relations``).
    public var relationMargin: Double
    public var placementRetries: Int
    public var sceneRetries: Int
    /// Languages and amounts of text per image.
    public var text: TextSettings

    public var relations: Relations { Relations(margin: relationMargin) }
}
