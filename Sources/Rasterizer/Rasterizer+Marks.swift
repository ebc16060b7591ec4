import SceneModel

/// A chart's marks are drawn after every object and before the text, each as its own entity in
/// the id plane (pixels it covers at least half), by the same coverage core as shapes: a bar's,
/// slice's or point's box is measured from the pixels exactly as an object's is. Text drawn over
/// a mark takes over the pixels it owns (its `visiblePixels` then fall below `fullPixels`).
extension Rasterizer {
    /// Paints every mark; returns each one's whole box and pixel count, in order.
    static func paintMarks(_ marks: [ChartMark], on canvas: inout Canvas, painting: Painting) -> [(
        box: PixelBox?, count: Int
    )] {
        guard !marks.isEmpty else { return [] }
        var ink = BoxTracker()
        var taken = [Int](repeating: 0, count: 256)  // what marks take from objects is not kept
        return marks.map { mark in
            paint(mark.contours, id: mark.id, color: mark.color.rgb, on: &canvas, taken: &taken, ink: &ink, painting)
        }
    }

    /// Each mark's measurement read off the id plane after everything is drawn.
    static func measureMarks(_ marks: [ChartMark], _ painted: [(box: PixelBox?, count: Int)], _ canvas: Canvas)
        -> [ObjectMeasurement]
    {
        zip(marks, painted).map { mark, whole in
            let (visible, box) = measureVisible(id: UInt8(truncatingIfNeeded: mark.id), within: whole.box, canvas)
            return ObjectMeasurement(visiblePixels: visible, fullPixels: whole.count, bbox: box, fullBox: whole.box)
        }
    }

    /// Pixels words own that a mark owned before the text was drawn (`before`: the id plane
    /// then), looking only inside each word's whole box.
    static func textOverMarks(_ texts: [TextItem], _ boxes: TextBoxes, before: [UInt8], _ canvas: Canvas) -> Int {
        var n = 0
        for (item, words) in zip(texts, boxes.words) {
            for (word, whole) in zip(item.words, words) {
                guard let b = whole.box else { continue }
                let id = UInt8(truncatingIfNeeded: word.id)
                for y in b.y..<(b.y + b.height) {
                    let row = y * canvas.width
                    for x in b.x..<(b.x + b.width) where canvas.ids[row + x] == id && before[row + x] != 0 { n += 1 }
                }
            }
        }
        return n
    }
}
