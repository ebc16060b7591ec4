import Foundation
import SceneModel

/// The tint pattern of striped and dotted fills, in the object's own rotated frame so that it
/// turns with the shape (and of patterned backgrounds, in the canvas's frame). Pattern edges are anti-aliased by their distance field.
struct FillPattern {
    let color: RGB
    let tint: RGB
    let kind: Fill
    let cx: Double
    let cy: Double
    let cosA: Double
    let sinA: Double
    let period: Double

    /// nil for fills without a pattern (solid, outline).
    init?(object: SceneObject) {
        guard object.fill == .striped || object.fill == .dotted else { return nil }
        kind = object.fill
        color = object.color.rgb
        tint = FillStyle.tint(of: object.color.rgb)
        cx = object.center.x
        cy = object.center.y
        let a = object.rotation * Double.pi / 180
        cosA = cos(a)
        sinA = sin(a)
        period = FillStyle.patternPeriod(radius: object.radius)
    }

    /// A patterned background: the background color with its shade as the tint, in the
    /// canvas's frame (unrotated, from its top-left corner). nil for a plain background.
    init?(background: RGB, pattern: BackgroundPattern) {
        guard let fill = pattern.fill else { return nil }
        kind = fill
        color = background
        tint = BackgroundPattern.shade(of: background)
        cx = 0
        cy = 0
        cosA = 1
        sinA = 0
        period = BackgroundPattern.period
    }

    /// The fill's color at the center of pixel (x, y).
    @inline(__always)
    func color(x: Int, y: Int) -> RGB {
        let t = tintAmount(x: x, y: y)
        if t <= 0 { return color }
        let a = Int(t * 256 + 0.5)
        return RGB(
            Rasterizer.blend(tint.r, color.r, a), Rasterizer.blend(tint.g, color.g, a),
            Rasterizer.blend(tint.b, color.b, a))
    }

    /// How much of the tint shows at the center of pixel (x, y), in [0, 1].
    @inline(__always)
    func tintAmount(x: Int, y: Int) -> Double {
        let dx = Double(x) + 0.5 - cx
        let dy = Double(y) + 0.5 - cy
        // Local (unrotated) coordinates.
        let u = cosA * dx + sinA * dy
        let v = -sinA * dx + cosA * dy
        switch kind {
        case .striped:
            // Diagonal stripes a quarter period wide, centered on multiples of the period.
            let s = (u + v) * 0.7071067811865476 / period
            let dist = abs(s - Double(floorInt(s + 0.5))) * period
            return min(max(0.125 * period + 0.5 - dist, 0), 1)
        default:
            let fu = u / period - Double(floorInt(u / period + 0.5))
            let fv = v / period - Double(floorInt(v / period + 0.5))
            let dist = (fu * fu + fv * fv).squareRoot() * period
            return min(max(0.2 * period + 0.5 - dist, 0), 1)
        }
    }
}
