/// One shape in a scene: everything needed to draw it, and the words text uses for it.
/// Immutable, so that its analytic extent is computed once.
public struct SceneObject: Hashable, Sendable {
    /// 1-based, unique in the scene; also the object's value in the rasterizer's id plane.
    public let id: Int
    public let shape: ShapeKind
    public let color: NamedColor
    /// The size class name from the plan ("small", "medium", "large").
    public let size: String
    /// Scale of the shape's unit outline in pixels (see ``ShapeGeometry``).
    public let radius: Double
    public let fill: Fill
    public let center: Point
    /// Degrees, clockwise on screen.
    public let rotation: Double
    /// Drawing order: larger `z` is drawn later, on top.
    public let z: Int
    /// The analytic extent of the whole shape, occluded parts included.
    public let extent: Rect

    public init(
        id: Int, shape: ShapeKind, color: NamedColor, size: String, radius: Double, fill: Fill, center: Point,
        rotation: Double, z: Int
    ) {
        self.id = id
        self.shape = shape
        self.color = color
        self.size = size
        self.radius = radius
        self.fill = fill
        self.center = center
        self.rotation = rotation
        self.z = z
        self.extent = ShapeGeometry.bounds(
            of: ShapeGeometry.outline(shape, center: center, radius: radius, rotation: rotation))
    }

    /// The closed outline on the canvas.
    public var outline: [Point] {
        ShapeGeometry.outline(shape, center: center, radius: radius, rotation: rotation)
    }
}
