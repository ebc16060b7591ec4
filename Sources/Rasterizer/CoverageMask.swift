import SceneModel

/// Exact area coverage of closed outlines over a window of pixels.
///
/// Each pixel's value is the fraction of its square covered by the outlines under the non-zero
/// rule (an outline and a reversed inner outline leave a band). The method is the signed-area
/// accumulation used by font rasterizers: every edge adds, per pixel row it crosses, the exact
/// area it sweeps to its right into a difference buffer; a running sum along each row then gives
/// coverage. Cost is proportional to the edges' length in pixels plus the window's area.
public struct CoverageMask: Sendable {
    /// The window on the canvas (pixel coordinates of its top-left pixel and its size).
    public let originX: Int
    public let originY: Int
    public let width: Int
    public let height: Int
    /// Row-major coverage in [0, 1], `width * height` values.
    public private(set) var values: [Float]
    /// Per row, the columns edges reached (first, last; first > last when none): the row's
    /// coverage is 0 outside them.
    private(set) var spans: [(first: Int32, last: Int32)]

    /// Rasterizes `contours` clipped to a `canvasWidth` x `canvasHeight` canvas. The window is the
    /// contours' extent (rounded outward) intersected with the canvas; it may be empty.
    public init(contours: [[Point]], canvasWidth: Int, canvasHeight: Int) {
        values = []
        spans = []
        guard let window = CoverageMask.window(of: contours, canvasWidth: canvasWidth, canvasHeight: canvasHeight)
        else {
            (originX, originY, width, height) = (0, 0, 0, 0)
            return
        }
        originX = window.x0
        originY = window.y0
        width = max(0, window.x1 - window.x0)
        height = max(0, window.y1 - window.y0)
        guard width > 0, height > 0 else { return }
        let (x0, y0) = (window.x0, window.y0)

        let stride = width + 2
        var acc = [Float](repeating: 0, count: stride * height)
        var reach = [(first: Int32, last: Int32)](repeating: (Int32.max, -1), count: height)
        acc.withUnsafeMutableBufferPointer { buf in
            reach.withUnsafeMutableBufferPointer { reach in
                for contour in contours where contour.count >= 3 {
                    var prev = contour[contour.count - 1]
                    for p in contour {
                        CoverageMask.accumulateEdge(
                            from: Point(x: prev.x - Double(x0), y: prev.y - Double(y0)),
                            to: Point(x: p.x - Double(x0), y: p.y - Double(y0)),
                            into: buf, reach: reach, stride: stride, width: width, height: height)
                        prev = p
                    }
                }
            }
        }
        let lastColumn = Int32(width - 1)
        spans = reach.map { ($0.first, min($0.last, lastColumn)) }
        // Running sums along each row's span turn the differences into coverage, compacted in
        // place from the padded stride to the window's width (the write index never passes the
        // read); outside the span coverage is 0 (the right side's rounding residue, at most
        // 1e-4, is dropped). A thin stroke's rows (chart lines) cost their span, not the window.
        let w = width
        let spans = spans
        acc.withUnsafeMutableBufferPointer { a in
            guard let base = a.baseAddress else { return }
            for row in 0..<height {
                let ai = row * stride
                let oi = row * w
                let first = Int(spans[row].first)
                let last = Int(spans[row].last)
                guard first <= last else {
                    (base + oi).update(repeating: 0, count: w)
                    continue
                }
                (base + oi).update(repeating: 0, count: first)
                var sum: Float = 0
                for col in first...last {
                    sum += a[ai + col]
                    a[oi + col] = min(1, abs(sum))
                }
                (base + oi + last + 1).update(repeating: 0, count: w - last - 1)
            }
        }
        acc.removeLast(acc.count - w * height)
        values = acc
    }

    /// The window of `contours` on the canvas, columns `x0..<x1` and rows `y0..<y1` (possibly
    /// empty), or nil when a coordinate is not finite or there are no points.
    static func window(of contours: [[Point]], canvasWidth: Int, canvasHeight: Int) -> (
        x0: Int, y0: Int, x1: Int, y1: Int
    )? {
        var minX = Double.infinity
        var minY = Double.infinity
        var maxX = -Double.infinity
        var maxY = -Double.infinity
        for c in contours {
            for p in c {
                minX = min(minX, p.x)
                minY = min(minY, p.y)
                maxX = max(maxX, p.x)
                maxY = max(maxY, p.y)
            }
        }
        guard minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else { return nil }
        return (
            max(0, floorInt(minX)), max(0, floorInt(minY)), min(canvasWidth, ceilInt(maxX)),
            min(canvasHeight, ceilInt(maxY))
        )
    }

    /// Whether some pixel has coverage at least `threshold` in both masks.
    func sharesPixel(with other: CoverageMask, atLeast threshold: Float) -> Bool {
        let x0 = max(originX, other.originX)
        let x1 = min(originX + width, other.originX + other.width)
        let y0 = max(originY, other.originY)
        let y1 = min(originY + height, other.originY + other.height)
        guard x0 < x1, y0 < y1 else { return false }
        for y in y0..<y1 {
            for x in x0..<x1
            where values[(y - originY) * width + x - originX] >= threshold
                && other.values[(y - other.originY) * other.width + x - other.originX] >= threshold
            {
                return true
            }
        }
        return false
    }

    /// Coverage at canvas pixel (x, y); zero outside the window.
    public func coverage(x: Int, y: Int) -> Float {
        let lx = x - originX
        let ly = y - originY
        guard lx >= 0, ly >= 0, lx < width, ly < height else { return 0 }
        return values[ly * width + lx]
    }

    /// Sum of coverage: the rasterized area in pixels.
    public var area: Double { values.reduce(0.0) { $0 + Double($1) } }

    /// Adds one edge's signed area to the difference buffer. Points are in window coordinates;
    /// x is clamped to [0, width], which keeps coverage inside the window exact (the part of
    /// an outline left or right of the window collapses onto its border).
    @inline(__always)
    static func accumulateEdge(
        from a: Point, to b: Point, into buf: UnsafeMutableBufferPointer<Float>,
        reach: UnsafeMutableBufferPointer<(first: Int32, last: Int32)>, stride: Int, width: Int, height: Int
    ) {
        if a.y == b.y { return }
        let dir: Double = a.y < b.y ? 1 : -1
        let top = a.y < b.y ? a : b
        let bottom = a.y < b.y ? b : a
        let dxdy = (bottom.x - top.x) / (bottom.y - top.y)
        let firstRow = max(0, floorInt(top.y))
        let endRow = min(height, ceilInt(bottom.y))
        guard firstRow < endRow else { return }
        let w = Double(width)
        for row in firstRow..<endRow {
            let yTop = max(Double(row), top.y)
            let yBottom = min(Double(row + 1), bottom.y)
            let dy = yBottom - yTop
            if dy <= 0 { continue }
            let xa = min(max(top.x + (yTop - top.y) * dxdy, 0), w)
            let xb = min(max(top.x + (yBottom - top.y) * dxdy, 0), w)
            let d = dy * dir
            let lo = min(xa, xb)
            let hi = max(xa, xb)
            let base = row * stride
            let loCol = floorInt(lo)
            let hiCol = ceilInt(hi)
            reach[row].first = min(reach[row].first, Int32(loCol))
            reach[row].last = max(reach[row].last, Int32(hiCol))
            if hiCol <= loCol + 1 {
                // The edge stays within one pixel column in this row.
                let frac = (lo + hi) / 2 - Double(loCol)
                buf[base + loCol] += Float(d * (1 - frac))
                buf[base + loCol + 1] += Float(d * frac)
            } else {
                // Across columns: the part of column i right of the edge is G(i+1) - G(i), with
                // G the integral of the edge's horizontal sweep, quadratic between lo and hi.
                let invSpan = 1 / (hi - lo)
                @inline(__always) func g(_ x: Double) -> Double {
                    if x <= lo { return 0 }
                    if x >= hi { return (hi - lo) / 2 + (x - hi) }
                    let t = x - lo
                    return t * t * invSpan / 2
                }
                var previous = 0.0
                var gLeft = g(Double(loCol))
                for col in loCol..<hiCol {
                    let gRight = g(Double(col + 1))
                    let c = gRight - gLeft
                    buf[base + col] += Float(d * (c - previous))
                    previous = c
                    gLeft = gRight
                }
                buf[base + hiCol] += Float(d * (1 - previous))
            }
        }
    }
}
