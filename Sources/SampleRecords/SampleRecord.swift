import Describer
import SceneModel

/// The one contract between describing and writing: everything known about one sample.
/// Every sink renders its format from this record; docs/FORMATS.md lists every field.
/// The record is complete: ``scene`` redraws the image from it alone, pixel for pixel.
public struct SampleRecord: Sendable, Hashable {
    public struct Object: Sendable, Hashable {
        public var object: SceneObject
        public var measurement: ObjectMeasurement
    }

    /// Unique in the dataset, no dots (WebDataset splits keys at the first dot).
    public var key: String
    public var index: UInt64
    public var seed: UInt64
    public var plan: String
    public var width: Int
    public var height: Int
    public var background: NamedColor
    /// The pattern over the background (`image.background_pattern`); nil for plans that offer none.
    public var backgroundPattern: BackgroundPattern?
    /// The coverage steps of an indexed image (``Rasterizer/render(_:coverageLevels:)``); nil
    /// for an RGB image with full anti-aliasing.
    public var coverageLevels: Int?
    public var objects: [Object]
    /// The text items drawn, in drawing order; nil for a plan that draws no text (the record
    /// then has no `texts` field).
    public var texts: [Text]?
    /// The chart of a chart plan's sample (written as the `chart` field); nil otherwise.
    public var chart: ChartRecord?
    public var description: Description
    /// In a run with counterfactual twins: nil for an anchor (written as `"twin": null`), the
    /// link to its anchor for a twin. Runs without twins write no `twin` field.
    public var twin: TwinLink?
    /// Whether the run makes twins (every record then has the `twin` field).
    public var inTwinRun = false

    public init(
        index: UInt64, seed: UInt64, plan: String, scene: Scene, measurements: [ObjectMeasurement],
        coverageLevels: Int? = nil, description: Description, texts: [TextMeasurement]? = nil
    ) {
        self.key = SampleRecord.key(for: index)
        self.index = index
        self.seed = seed
        self.plan = plan
        self.width = scene.width
        self.height = scene.height
        self.background = scene.background
        self.backgroundPattern = scene.backgroundPattern
        self.coverageLevels = coverageLevels
        self.objects = zip(scene.objects, measurements).map { Object(object: $0, measurement: $1) }
        self.texts = texts.map { zip(scene.texts, $0).map { Text(item: $0, measurement: $1) } }
        self.description = description
    }

    /// The key of a global sample index: nine digits at least, zero-padded, so keys sort as
    /// indices do up to a billion samples.
    public static func key(for index: UInt64) -> String {
        zeroPadded(index, width: 9)
    }

    /// The scene the record describes. Its text items' words have no outlines until typeset
    /// again (`Typesetter.typeset(_:)`), which the record's fields are enough for.
    public var scene: Scene {
        Scene(
            width: width, height: height, background: background, objects: objects.map(\.object),
            texts: (texts ?? []).map(\.item), chart: chart?.chart, backgroundPattern: backgroundPattern)
    }
}
