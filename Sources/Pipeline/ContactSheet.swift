import PNGCodec
import Rasterizer
import SceneModel

/// A grid of consecutive samples on one gray sheet, to look at a plan before generating.
public struct ContactSheet {
    public var factory: SampleFactory
    public var rows: Int
    public var columns: Int
    public var startIndex: UInt64
    /// Each sample shrunk by this whole factor (1 keeps full size).
    public var scale: Int
    /// Draw each object's visible-pixel box.
    public var boxes: Bool

    public init(factory: SampleFactory, rows: Int, columns: Int, startIndex: UInt64, scale: Int, boxes: Bool) {
        self.factory = factory
        self.rows = rows
        self.columns = columns
        self.startIndex = startIndex
        self.scale = scale
        self.boxes = boxes
    }

    /// The sheet as a PNG file's bytes.
    public func png() throws -> [UInt8] {
        let gap = 4
        let cellW = factory.plan.width / scale
        let cellH = factory.plan.height / scale
        var sheet = Canvas(
            width: columns * cellW + (columns + 1) * gap, height: rows * cellH + (rows + 1) * gap,
            background: RGB(60, 60, 60))
        for r in 0..<rows {
            for c in 0..<columns {
                let index = startIndex + UInt64(r * columns + c)
                let rendered = try factory.sampler.sample(index: index).rendered
                var canvas = rendered.canvas.asRGB
                if boxes {
                    for box in rendered.measurements.compactMap(\.bbox) {
                        canvas.strokeBox(box, color: RGB(255, 0, 255))
                    }
                }
                if scale > 1 { canvas = canvas.downsampled(by: scale) }
                sheet.paste(canvas, x: gap + c * (cellW + gap), y: gap + r * (cellH + gap))
            }
        }
        return try PNGEncoder(options: PNGOptions(level: 9, filter: .adaptive, colorType: .auto))
            .encode(rgb: sheet.pixels, width: sheet.width, height: sheet.height)
    }
}
