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

    /// Whether a bar or a point would lose a pixel it owns to a mark drawn after it (an axis or
    /// a tick over a point at the plot's edge): then `render` measures it partly hidden. Found
    /// from the coverage of the marks whose windows meet, so the sampler refuses such a chart
    /// without drawing it; the answer is the one the drawn id plane gives.
    public static func laterMarksCutAWholeMark(_ scene: Scene) -> Bool {
        let marks = scene.marks
        let windows = marks.map {
            CoverageMask.window(of: $0.contours, canvasWidth: scene.width, canvasHeight: scene.height)
        }
        var masks = [CoverageMask?](repeating: nil, count: marks.count)
        func mask(_ i: Int) -> CoverageMask {
            if let m = masks[i] { return m }
            let m = CoverageMask(contours: marks[i].contours, canvasWidth: scene.width, canvasHeight: scene.height)
            masks[i] = m
            return m
        }
        for i in marks.indices where marks[i].role == .bar || marks[i].role == .point {
            guard let a = windows[i] else { continue }
            for j in (i + 1)..<marks.count {
                guard let b = windows[j], a.x0 < b.x1, b.x0 < a.x1, a.y0 < b.y1, b.y0 < a.y1 else { continue }
                if mask(i).sharesPixel(with: mask(j), atLeast: ownershipThreshold) { return true }
            }
        }
        return false
    }
}
