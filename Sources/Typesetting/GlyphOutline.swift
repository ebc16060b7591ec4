import Foundation
import SceneModel

/// A glyph's outline as FreeType decomposes it, in font units with y up: commands (0 move,
/// 1 line, 2 quadratic, 3 cubic) and their points as x, y pairs.
struct GlyphOutline {
    var commands: [UInt8]
    var points: [Int32]

    /// The outline scaled to pixels (y down) with curves replaced by polylines whose distance
    /// from the curve stays under `tolerance` pixels. Each contour is closed implicitly (the
    /// coverage mask joins the last point to the first).
    static func flatten(_ outline: GlyphOutline, scale: Double, tolerance: Double) -> [[Point]] {
        var contours: [[Point]] = []
        var current: [Point] = []
        var k = 0
        func next() -> Point {
            let p = Point(x: Double(outline.points[2 * k]) * scale, y: -Double(outline.points[2 * k + 1]) * scale)
            k += 1
            return p
        }
        for command in outline.commands {
            switch command {
            case 0:
                if current.count >= 3 { contours.append(current) }
                current = [next()]
            case 1:
                current.append(next())
            case 2:
                let p0 = current.last ?? Point(x: 0, y: 0)
                let c = next()
                let p2 = next()
                // A quadratic's largest distance from its chord is |p0 - 2c + p2| / 4; n pieces
                // divide it by n^2.
                let d = hypot(p0.x - 2 * c.x + p2.x, p0.y - 2 * c.y + p2.y) / 4
                let n = max(1, Int((d / tolerance).squareRoot().rounded(.up)))
                for i in 1...n {
                    let t = Double(i) / Double(n)
                    let u = 1 - t
                    current.append(
                        Point(
                            x: u * u * p0.x + 2 * u * t * c.x + t * t * p2.x,
                            y: u * u * p0.y + 2 * u * t * c.y + t * t * p2.y))
                }
            default:
                let p0 = current.last ?? Point(x: 0, y: 0)
                let c1 = next()
                let c2 = next()
                let p3 = next()
                // Bound for a cubic: 3/4 of the larger second difference of its control points.
                let d =
                    0.75
                    * max(
                        hypot(p0.x - 2 * c1.x + c2.x, p0.y - 2 * c1.y + c2.y),
                        hypot(c1.x - 2 * c2.x + p3.x, c1.y - 2 * c2.y + p3.y))
                let n = max(1, Int((d / tolerance).squareRoot().rounded(.up)))
                for i in 1...n {
                    let t = Double(i) / Double(n)
                    let u = 1 - t
                    let a = u * u * u
                    let b = 3 * u * u * t
                    let cc = 3 * u * t * t
                    let e = t * t * t
                    current.append(
                        Point(
                            x: a * p0.x + b * c1.x + cc * c2.x + e * p3.x, y: a * p0.y + b * c1.y + cc * c2.y + e * p3.y
                        ))
                }
            }
        }
        if current.count >= 3 { contours.append(current) }
        // FreeType closes each contour with a segment back to its start: drop the repeated point.
        return contours.map { c in
            if let first = c.first, let last = c.last, c.count > 3, first == last { return Array(c.dropLast()) }
            return c
        }
    }
}
