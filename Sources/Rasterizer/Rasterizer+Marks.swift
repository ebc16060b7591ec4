import SceneModel

/// A chart's marks are drawn after every object and before the text, each as its own entity in
/// the id plane (pixels it covers at least half), by the same coverage core as shapes: a bar's,
/// slice's or point's box is measured from the pixels exactly as an object's is. Text drawn over
/// a mark takes over the pixels it owns (its `visiblePixels` then fall below `fullPixels`).
extension Rasterizer {
    /// Paints every mark; returns each one's whole box and pixel count, in order. `taken[e]`
    /// grows by the pixels marks took from entity `e`.
    static func paintMarks(_ marks: [ChartMark], on canvas: inout Canvas, painting: Painting, taken: inout [Int])
        -> [(box: PixelBox?, count: Int)]
    {
        guard !marks.isEmpty else { return [] }
        var ink = BoxTracker()
        return marks.map { mark in
            paint(mark.contours, id: mark.id, color: mark.color.rgb, on: &canvas, taken: &taken, ink: &ink, painting)
        }
    }

    /// Each mark's measurement once everything is drawn (`lost`: what later entities took).
    static func measureMarks(
        _ marks: [ChartMark], _ painted: [(box: PixelBox?, count: Int)], lost: [Int], distinct: Bool, _ canvas: Canvas
    ) -> [ObjectMeasurement] {
        zip(marks, painted).map { mark, whole in
            let (visible, box) = measureVisible(
                id: UInt8(truncatingIfNeeded: mark.id), whole: whole, lost: lost, distinct: distinct, canvas)
            return ObjectMeasurement(visiblePixels: visible, fullPixels: whole.count, bbox: box, fullBox: whole.box)
        }
    }
}
