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

    static func paintTexts(
        _ texts: [TextItem], on canvas: inout Canvas, painting: Painting
    ) -> TextBoxes {
        var out = TextBoxes()
        guard !texts.isEmpty else { return out }
        for item in texts {
            var ink = BoxTracker()
            var words: [(box: PixelBox?, count: Int)] = []
            for word in item.words {
                let result =
                    switch painting {
                    case .rgb: paintWord(word, on: &canvas, ink: &ink, with: RGBPainter(color: item.color.rgb))
                    case .indexed(let palette):
                        paintWord(word, on: &canvas, ink: &ink, with: IndexedPainter(color: item.color.rgb, palette))
                    case .none: paintWord(word, on: &canvas, ink: &ink, with: NoPainter())
                    }
                words.append(result)
            }
            out.ink.append(ink.box)
            out.words.append(words)
        }
        return out
    }

    /// Paints one word; returns its whole box and pixel count (coverage >= threshold), and adds
    /// every pixel it paints to `ink`.
    static func paintWord<Painter: PixelPainter>(
        _ word: TextWord, on canvas: inout Canvas, ink: inout BoxTracker, with painter: Painter
    ) -> (PixelBox?, Int) {
        let mask = CoverageMask(contours: word.contours, canvasWidth: canvas.width, canvasHeight: canvas.height)
        guard mask.width > 0, mask.height > 0 else { return (nil, 0) }
        var painter = painter
        let id = UInt8(truncatingIfNeeded: word.id)
        let canvasWidth = canvas.width
        var count = 0
        var bounds = BoxTracker()
        mask.values.withUnsafeBufferPointer { cov in
            canvas.pixels.withUnsafeMutableBufferPointer { px in
                canvas.ids.withUnsafeMutableBufferPointer { ids in
                    for row in 0..<mask.height {
                        let y = mask.originY + row
                        let covRow = row * mask.width
                        let canvasRow = y * canvasWidth + mask.originX
                        var rowMin = Int.max
                        var rowMax = Int.min
                        var inkMin = Int.max
                        var inkMax = Int.min
                        for col in 0..<mask.width {
                            let c = cov[covRow + col]
                            if c <= 0.001 { continue }
                            let p = canvasRow + col
                            painter.paint(px, at: p, x: mask.originX + col, y: y, coverage: c)
                            if inkMin == Int.max { inkMin = col }
                            inkMax = col
                            if c >= ownershipThreshold {
                                ids[p] = id
                                if rowMin == Int.max { rowMin = col }
                                rowMax = col
                                count += 1
                            }
                        }
                        if inkMin != Int.max { ink.add(row: y, from: mask.originX + inkMin, to: mask.originX + inkMax) }
                        if rowMin != Int.max {
                            bounds.add(row: y, from: mask.originX + rowMin, to: mask.originX + rowMax)
                        }
                    }
                }
            }
        }
        guard count > 0 else { return (nil, 0) }
        return (bounds.box, count)
    }

    /// Each item's ink box and its words' measurements read off the id plane.
    static func measureTexts(_ texts: [TextItem], _ boxes: TextBoxes, _ canvas: Canvas) -> [TextMeasurement] {
        zip(texts, zip(boxes.ink, boxes.words)).map { item, painted in
            let words = zip(item.words, painted.1).map { word, whole in
                let (visible, box) = measureVisible(
                    id: UInt8(truncatingIfNeeded: word.id), within: whole.box, canvas)
                return ObjectMeasurement(visiblePixels: visible, fullPixels: whole.count, bbox: box, fullBox: whole.box)
            }
            return TextMeasurement(inkBox: painted.0, words: words)
        }
    }
}
