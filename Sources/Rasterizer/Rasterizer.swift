import SceneModel

/// A scene drawn: the canvas and, per object (in the scene's order), what its pixels measure.
public struct RenderedScene: Sendable {
    public var scene: Scene
    public var canvas: Canvas
    public var measurements: [ObjectMeasurement]
    /// The coverage steps of an indexed image; nil for RGB with full anti-aliasing.
    public var coverageLevels: Int?
    /// Per text item of the scene, in order: its ink box and its words' measurements.
    public var textMeasurements: [TextMeasurement] = []
    /// Per chart mark of the scene, in order: what its pixels measure.
    public var markMeasurements: [ObjectMeasurement] = []
    /// Pixels words took over from chart marks (0 in scenes without marks).
    public var textOverMarks = 0
}

/// Draws scenes with exact anti-aliasing and measures every object from the id plane.
///
/// Objects are drawn in z order. For each, one ``CoverageMask`` (the outline, or for outline
/// fills the outline and its inset) feeds both the color blend and the id plane: a pixel joins
/// the object's mask when its coverage is at least one half. Measurements are then read off the
/// id plane only: visible pixels, visible box and, from the object's own coverage, its whole
/// (amodal) box and pixel count.
public enum Rasterizer {
    /// Coverage at or above which a pixel belongs to an object.
    public static let ownershipThreshold: Float = 0.5

    /// Draws `scene` in RGB with full anti-aliasing or, given `coverageLevels`, as an indexed
    /// image whose partly covered pixels blend at that many coverage steps. An indexed image
    /// that would need more than 256 colors is drawn again at half the steps, down to one step
    /// (no blending: at most one color per background, object color and tint), so it always
    /// fits; `RenderedScene.coverageLevels` says what was used. The id plane is the same in
    /// every mode.
    public static func render(_ scene: Scene, coverageLevels: Int? = nil) -> RenderedScene {
        guard var levels = coverageLevels else { return render(scene, painting: .rgb) }
        while true {
            var palette = IndexedPalette(levels: levels, background: scene.background.rgb)
            var rendered = withUnsafeMutablePointer(to: &palette) { render(scene, painting: .indexed($0)) }
            if !palette.overflowed || levels == 1 {
                rendered.canvas.palette = palette.colors
                rendered.coverageLevels = levels
                return rendered
            }
            levels /= 2
        }
    }

    /// The scene's id plane and measurements only, without a color plane (`canvas.pixels` is
    /// empty): the same as ``render(_:coverageLevels:)`` measures, since the id plane does not
    /// depend on how colors are painted. The sampler judges layout attempts with it.
    public static func measure(_ scene: Scene) -> RenderedScene {
        render(scene, painting: .none)
    }

    enum Painting {
        case rgb
        case indexed(UnsafeMutablePointer<IndexedPalette>)
        case none
    }

    static func render(_ scene: Scene, painting: Painting) -> RenderedScene {
        var canvas =
            switch painting {
            case .rgb: Canvas(width: scene.width, height: scene.height, background: scene.background.rgb)
            case .indexed: Canvas(width: scene.width, height: scene.height, palette: [])
            case .none: Canvas(idsOnlyWidth: scene.width, height: scene.height)
            }
        paintBackground(scene, on: &canvas, painting: painting)
        var fullBoxes: [PixelBox?] = []
        var fullCounts: [Int] = []
        fullBoxes.reserveCapacity(scene.objects.count)
        // shared[a][b]: pixels object b (drawn later) took over from object a, by id.
        var shared: [[Int: Int]] = Array(repeating: [:], count: scene.objects.count + 1)
        var takenOver = [Int](repeating: 0, count: 256)
        // lost[id]: pixels entities drawn later (objects, marks, words) took from entity `id`; none
        // means it shows whole.
        var lost = [Int](repeating: 0, count: 256)
        for object in scene.objects {
            let (box, count) =
                switch painting {
                case .rgb: paint(object, on: &canvas, takenOver: &takenOver, with: RGBPainter(object))
                case .indexed(let palette):
                    paint(object, on: &canvas, takenOver: &takenOver, with: IndexedPainter(object, palette))
                case .none: paint(object, on: &canvas, takenOver: &takenOver, with: NoPainter())
                }
            // An overflowed palette is drawn again with fewer steps: the rest would be wasted.
            if case .indexed(let palette) = painting, palette.pointee.overflowed, palette.pointee.levels > 1 {
                return RenderedScene(scene: scene, canvas: canvas, measurements: [], coverageLevels: nil)
            }
            fullBoxes.append(box)
            fullCounts.append(count)
            for other in 1..<min(256, object.id) where takenOver[other] > 0 {
                shared[other][object.id] = takenOver[other]
                lost[other] += takenOver[other]
                if object.id < shared.count { shared[object.id][other] = takenOver[other] }
                takenOver[other] = 0
            }
        }
        // What marks and words take from anything drawn before them is lost to it too.
        let markBoxes = paintMarks(scene.marks, on: &canvas, painting: painting, taken: &lost)
        var takenByWords = [Int](repeating: 0, count: scene.texts.isEmpty ? 0 : 256)
        let textBoxes = paintTexts(scene.texts, on: &canvas, painting: painting, taken: &takenByWords)
        var textOverMarks = 0
        if !scene.texts.isEmpty {
            var isWord = [Bool](repeating: false, count: 256)
            for item in scene.texts {
                for word in item.words { isWord[Int(UInt8(truncatingIfNeeded: word.id))] = true }
            }
            for e in 1..<256 where takenByWords[e] > 0 {
                lost[e] += takenByWords[e]
                // A pixel a word took from a mark or an object stays a word's.
                if !isWord[e] { textOverMarks += takenByWords[e] }
            }
        }
        // Ids are one byte: past 255 entities they repeat, and only the id plane can tell.
        let distinct = scene.objects.count + scene.marks.count + scene.texts.reduce(0) { $0 + $1.words.count } <= 255
        var measurements: [ObjectMeasurement] = []
        measurements.reserveCapacity(scene.objects.count)
        for (i, object) in scene.objects.enumerated() {
            let id = UInt8(truncatingIfNeeded: object.id)
            let (visible, box) = measureVisible(
                id: id, whole: (fullBoxes[i], fullCounts[i]), lost: lost, distinct: distinct, canvas)
            let overlaps = shared[object.id].keys.sorted().map {
                ObjectMeasurement.Overlap(id: $0, pixels: shared[object.id][$0] ?? 0)
            }
            measurements.append(
                ObjectMeasurement(
                    visiblePixels: visible, fullPixels: fullCounts[i], bbox: box, fullBox: fullBoxes[i],
                    overlaps: overlaps))
        }
        return RenderedScene(
            scene: scene, canvas: canvas, measurements: measurements, coverageLevels: nil,
            textMeasurements: measureTexts(scene.texts, textBoxes, lost: lost, distinct: distinct, canvas),
            markMeasurements: measureMarks(scene.marks, markBoxes, lost: lost, distinct: distinct, canvas),
            textOverMarks: scene.marks.isEmpty ? 0 : textOverMarks)
    }

    /// The contours that define an object's painted region.
    public static func contours(of object: SceneObject) -> [[Point]] {
        let outline = object.outline
        if object.fill == .outline {
            let band = FillStyle.strokeWidth(radius: object.radius)
            return [outline, ShapeGeometry.inset(outline, by: band)]
        }
        return [outline]
    }

    /// Paints one object; returns its whole box and pixel count (coverage >= threshold).
    /// `takenOver[id]` counts, per earlier object, the pixels this one took from it.
    static func paint<Painter: PixelPainter>(
        _ object: SceneObject, on canvas: inout Canvas, takenOver: inout [Int], with painter: Painter
    ) -> (PixelBox?, Int) {
        var ink = BoxTracker()
        return paint(contours(of: object), id: object.id, on: &canvas, takenOver: &takenOver, ink: &ink, with: painter)
    }

    /// Paints one region (an object's, a mark's or a word's contours) as entity `id` of the id
    /// plane; returns its whole box and pixel count (coverage >= threshold). `takenOver[e]`
    /// counts, per entity `e` drawn before, the pixels this one took from it; `ink` grows by
    /// every pixel painted at all.
    static func paint<Painter: PixelPainter>(
        _ contours: [[Point]], id entity: Int, on canvas: inout Canvas, takenOver: inout [Int],
        ink: inout BoxTracker, with painter: Painter
    ) -> (PixelBox?, Int) {
        let mask = CoverageMask(contours: contours, canvasWidth: canvas.width, canvasHeight: canvas.height)
        guard mask.width > 0, mask.height > 0 else { return (nil, 0) }
        var painter = painter
        let fillsRuns = painter.fillsRuns
        let id = UInt8(truncatingIfNeeded: entity)
        let canvasWidth = canvas.width
        var count = 0
        var bounds = BoxTracker()
        // Per row: the first and last painted (coverage above 0.001) and owned (at least the
        // threshold) columns are found from the span's ends, then the pixels between are painted.
        mask.values.withUnsafeBufferPointer { cov in
            canvas.pixels.withUnsafeMutableBufferPointer { px in
                canvas.ids.withUnsafeMutableBufferPointer { ids in
                    takenOver.withUnsafeMutableBufferPointer { takenOver in
                        for row in 0..<mask.height {
                            let covRow = row * mask.width
                            var first = Int(mask.spans[row].first)
                            var last = Int(mask.spans[row].last)
                            while first <= last, cov[covRow + first] <= 0.001 { first += 1 }
                            while last >= first, cov[covRow + last] <= 0.001 { last -= 1 }
                            guard first <= last else { continue }
                            let y = mask.originY + row
                            let canvasRow = y * canvasWidth + mask.originX
                            ink.add(row: y, from: mask.originX + first, to: mask.originX + last)
                            var ownedFirst = first
                            var ownedLast = last
                            while ownedFirst <= ownedLast, cov[covRow + ownedFirst] < ownershipThreshold {
                                ownedFirst += 1
                            }
                            while ownedLast >= ownedFirst, cov[covRow + ownedLast] < ownershipThreshold {
                                ownedLast -= 1
                            }
                            if ownedFirst <= ownedLast {
                                bounds.add(row: y, from: mask.originX + ownedFirst, to: mask.originX + ownedLast)
                            }
                            var col = first
                            while col <= last {
                                let c = cov[covRow + col]
                                // A run of full coverage: one fill of the color, then the ids.
                                if c >= 1, fillsRuns {
                                    var end = col + 1
                                    while end <= last, cov[covRow + end] >= 1 { end += 1 }
                                    let p = canvasRow + col
                                    painter.fillCovered(px, from: p, count: end - col)
                                    for q in p..<(p + end - col) {
                                        let previous = Int(ids[q])
                                        if previous != 0 { takenOver[previous] += 1 }
                                        ids[q] = id
                                    }
                                    count += end - col
                                    col = end
                                    continue
                                }
                                if c > 0.001 {
                                    let p = canvasRow + col
                                    painter.paint(px, at: p, x: mask.originX + col, y: y, coverage: c)
                                    if c >= ownershipThreshold {
                                        let previous = Int(ids[p])
                                        if previous != 0 { takenOver[previous] += 1 }
                                        ids[p] = id
                                        count += 1
                                    }
                                }
                                col += 1
                            }
                        }
                    }
                }
            }
        }
        guard count > 0 else { return (nil, 0) }
        return (bounds.box, count)
    }

    @inline(__always)
    static func blend(_ src: UInt8, _ dst: UInt8, _ alpha: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: (Int(src) * alpha + Int(dst) * (256 - alpha) + 128) >> 8)
    }

    /// The pixels entity `id` owns in the end and their box: its whole count and box when
    /// nothing drawn later took any of its pixels (`lost[id] == 0`), else read off the id plane.
    ///
    /// With distinct ids (at most 255 entities: `lost` then counts each one's own pixels), it
    /// owns its whole count less what it lost, and only the box is read off the id plane, from
    /// its edges inward (``visibleBox(id:within:_:)``).
    static func measureVisible(
        id: UInt8, whole: (box: PixelBox?, count: Int), lost: [Int], distinct: Bool, _ canvas: Canvas
    ) -> (Int, PixelBox?) {
        let taken = lost[Int(id)]
        guard taken > 0 else { return (whole.count, whole.box) }
        guard distinct else { return measureVisible(id: id, within: whole.box, canvas) }
        guard taken < whole.count, let box = whole.box else { return (0, nil) }
        return (whole.count - taken, visibleBox(id: id, within: box, canvas))
    }

    /// The box of the pixels the id plane gives to `id` inside `box` (which holds at least one):
    /// the first and last rows holding one, then the first and last columns between them.
    static func visibleBox(id: UInt8, within box: PixelBox, _ canvas: Canvas) -> PixelBox {
        let ids = canvas.ids
        let w = canvas.width
        let (x0, x1) = (box.x, box.x + box.width - 1)
        func rowHolds(_ y: Int) -> Bool { ids[(y * w + x0)...(y * w + x1)].contains(id) }
        var top = box.y
        while !rowHolds(top) { top += 1 }
        var bottom = box.y + box.height - 1
        while !rowHolds(bottom) { bottom -= 1 }
        func columnHolds(_ x: Int) -> Bool { (top...bottom).contains { ids[$0 * w + x] == id } }
        var left = x0
        while !columnHolds(left) { left += 1 }
        var right = x1
        while !columnHolds(right) { right -= 1 }
        return PixelBox(minX: left, minY: top, maxX: right, maxY: bottom)
    }

    /// Counts the pixels the id plane gives to `id` and their box, looking only inside the
    /// object's whole box (it owns nothing outside it).
    static func measureVisible(id: UInt8, within box: PixelBox?, _ canvas: Canvas) -> (Int, PixelBox?) {
        guard let box else { return (0, nil) }
        var count = 0
        var bounds = BoxTracker()
        canvas.ids.withUnsafeBufferPointer { ids in
            for y in box.y..<(box.y + box.height) {
                let base = y * canvas.width
                var rowMin = Int.max
                var rowMax = Int.min
                var x = box.x
                let end = box.x + box.width
                while x < end {
                    if ids[base + x] == id {
                        count += 1
                        if rowMin == Int.max { rowMin = x }
                        rowMax = x
                    }
                    x += 1
                }
                if rowMin != Int.max { bounds.add(row: y, from: rowMin, to: rowMax) }
            }
        }
        guard count > 0 else { return (0, nil) }
        return (count, bounds.box)
    }
}

/// The box of pixels added row by row (rows in increasing order).
struct BoxTracker {
    private var minX = Int.max
    private var minY = Int.max
    private var maxX = Int.min
    private var maxY = Int.min

    @inline(__always)
    mutating func add(row y: Int, from x0: Int, to x1: Int) {
        if x0 < minX { minX = x0 }
        if x1 > maxX { maxX = x1 }
        if y < minY { minY = y }
        if y > maxY { maxY = y }
    }

    var box: PixelBox? { minX == Int.max ? nil : PixelBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY) }
}
