import SceneModel

/// Text is drawn as its words' outline polygons by the same coverage core as shapes, after
/// every object: each word is its own entity in the id plane (pixels it covers at least half),
/// so a word's box is measured from the pixels exactly as an object's is. A word takes over the
/// pixels it owns from the objects beneath; those objects' overlaps do not list words.
extension Rasterizer {
    /// The boxes each item's words paint: per item, its ink box (every pixel with coverage) and
    /// each word's whole box and pixel count (coverage at or above the threshold).
    struct TextBoxes {
        var ink: [PixelBox?] = []
        var words: [[(box: PixelBox?, count: Int)]] = []
    }

    /// `taken[e]` grows by the pixels words took from entity `e` (words included).
    static func paintTexts(
        _ texts: [TextItem], on canvas: inout Canvas, painting: Painting, taken: inout [Int]
    ) -> TextBoxes {
        var out = TextBoxes()
        guard !texts.isEmpty else { return out }
        for item in texts {
            var ink = BoxTracker()
            var words: [(box: PixelBox?, count: Int)] = []
            for word in item.words {
                words.append(
                    paint(
                        word.contours, id: word.id, color: item.color.rgb, on: &canvas, taken: &taken, ink: &ink,
                        painting))
            }
            out.ink.append(ink.box)
            out.words.append(words)
        }
        return out
    }

    /// Paints one word or mark in a plain color in the render's painting mode.
    static func paint(
        _ contours: [[Point]], id: Int, color: RGB, on canvas: inout Canvas, taken: inout [Int],
        ink: inout BoxTracker, _ painting: Painting
    ) -> (PixelBox?, Int) {
        switch painting {
        case .rgb:
            paint(contours, id: id, on: &canvas, takenOver: &taken, ink: &ink, with: RGBPainter(color: color))
        case .indexed(let palette):
            paint(
                contours, id: id, on: &canvas, takenOver: &taken, ink: &ink, with: IndexedPainter(color: color, palette)
            )
        case .none: paint(contours, id: id, on: &canvas, takenOver: &taken, ink: &ink, with: NoPainter())
        }
    }

    /// Each item's ink box and its words' measurements (`lost`: what later words took).
    static func measureTexts(_ texts: [TextItem], _ boxes: TextBoxes, lost: [Int], distinct: Bool, _ canvas: Canvas)
        -> [TextMeasurement]
    {
        zip(texts, zip(boxes.ink, boxes.words)).map { item, painted in
            let words = zip(item.words, painted.1).map { word, whole in
                let (visible, box) = measureVisible(
                    id: UInt8(truncatingIfNeeded: word.id), whole: whole, lost: lost, distinct: distinct, canvas)
                return ObjectMeasurement(visiblePixels: visible, fullPixels: whole.count, bbox: box, fullBox: whole.box)
            }
            return TextMeasurement(inkBox: painted.0, words: words)
        }
    }
}
