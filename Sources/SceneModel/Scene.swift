/// A scene: a canvas, its background and objects in drawing order. A pure value; the
/// rasterizer draws it and measures what is visible (``ObjectMeasurement``).
public struct Scene: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var background: NamedColor
    /// Sorted by `z` (drawing order); ids are 1...count.
    public var objects: [SceneObject]
    /// Text drawn over the objects, in drawing order (empty in plans without text).
    public var texts: [TextItem]
    /// The chart the scene shows (nil in plans without charts) and its marks, drawn after the
    /// objects and before the text; marks are numbered after the objects.
    public var chart: Chart?
    public var marks: [ChartMark]
    /// The pattern painted over the background; nil in plans that offer none (their records
    /// state none).
    public var backgroundPattern: BackgroundPattern?

    public init(
        width: Int, height: Int, background: NamedColor, objects: [SceneObject], texts: [TextItem] = [],
        chart: Chart? = nil, marks: [ChartMark] = [], backgroundPattern: BackgroundPattern? = nil
    ) {
        self.width = width
        self.height = height
        self.background = background
        self.backgroundPattern = backgroundPattern
        self.objects = objects
        self.texts = texts
        self.chart = chart
        self.marks = marks
    }

    public func object(id: Int) -> SceneObject? { objects.first { $0.id == id } }
}

/// What the rasterizer measured of one object from its id plane.
public struct ObjectMeasurement: Hashable, Sendable {
    /// Pixels the object owns in the id plane (its mask), after occlusion.
    public var visiblePixels: Int
    /// Pixels it would own with nothing on top of it.
    public var fullPixels: Int
    /// Box of the visible pixels; nil when none is visible.
    public var bbox: PixelBox?
    /// Box of the whole shape's pixels (amodal), occluded parts included.
    public var fullBox: PixelBox?
    /// Pixels shared with each other object (by id, ascending) as drawn: pixels one of the two
    /// took over from the other. Objects sharing none are not listed.
    public var overlaps: [Overlap]

    public struct Overlap: Hashable, Sendable {
        public var id: Int
        public var pixels: Int

        public init(id: Int, pixels: Int) {
            self.id = id
            self.pixels = pixels
        }
    }

    public init(visiblePixels: Int, fullPixels: Int, bbox: PixelBox?, fullBox: PixelBox?, overlaps: [Overlap] = []) {
        self.visiblePixels = visiblePixels
        self.fullPixels = fullPixels
        self.bbox = bbox
        self.fullBox = fullBox
        self.overlaps = overlaps
    }

    public var visibleFraction: Double {
        fullPixels == 0 ? 0 : Double(visiblePixels) / Double(fullPixels)
    }
}
